import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Paragraph } from './paragraphs.js';
import { buildSections, parseHeading } from './sections.js';

const paragraph = (text: string, start = 0): Paragraph => ({
  text,
  folded: text.toLowerCase(),
  start,
  end: start + text.length,
  singleLine: true,
  gaps: false,
});
const heading = (text: string) => parseHeading(paragraph(text));

describe('parseHeading', () => {
  test('numbering gives the level; the title loses runs of spaces and a final colon or full stop', () => {
    assert.deepEqual(heading('II.\tKẾT QUẢ  THỰC HIỆN :  '), {
      level: 1,
      number: 'II',
      title: 'KẾT QUẢ THỰC HIỆN',
    });
    assert.deepEqual(heading('2. Công tác\u00a0báo chí:'), {
      level: 2,
      number: '2',
      title: 'Công tác báo chí',
    });
    assert.deepEqual(heading('6.1. Bưu chính'), { level: 3, number: '6.1', title: 'Bưu chính' });
    assert.deepEqual(heading('đ) Viễn thông.:'), { level: 3, number: 'đ', title: 'Viễn thông.' });
    assert.deepEqual(heading('phu luc'), { level: 1, number: null, title: 'phu luc' });
  });

  test('a sentence is not a heading: it ends with ";" or ".", unless the numeral stands nearly alone', () => {
    assert.equal(heading('1. Triển khai kế hoạch; '), null);
    assert.equal(heading('a) Triển khai kế hoạch.\t'), null);
    assert.deepEqual(heading('3. Ab.'), { level: 2, number: '3', title: 'Ab' });
  });

  test('a Roman numeral before a lower-case title, or a letter that opens no numbering, is no heading', () => {
    assert.equal(heading('V. Kết quả'), null);
    assert.equal(heading('Kết quả'), null);
    assert.equal(heading('B) Kết quả'), null);
  });
});

describe('buildSections', () => {
  test('bullets keep their style and lose their mark', () => {
    const tree = buildSections(
      [
        paragraph('I. KẾT QUẢ'),
        paragraph('-  Việc một', 20),
        paragraph('+Việc hai', 40),
        paragraph('Việc ba', 60),
      ],
      1000,
      (offset) => offset,
    );
    assert.deepEqual(
      tree.sections[0]!.items.map(({ style, text }) => ({ style, text })),
      [
        { style: 'bullet', text: 'Việc một' },
        { style: 'sub_bullet', text: 'Việc hai' },
        { style: 'paragraph', text: 'Việc ba' },
      ],
    );
  });
});
