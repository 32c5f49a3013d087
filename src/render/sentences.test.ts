import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultCatalogue } from '../domain/default-catalogue.js';
import { parsePeriod } from '../domain/period.js';
import type { ValueScope } from '../domain/report-document.js';
import { periodWords } from './period-words.js';
import {
  defaultSentenceTemplates,
  figureKey,
  mergeSentenceTemplates,
  SENTENCE_WORDS,
  type SentenceContext,
  sentenceTemplateProblem,
  writeSentence,
} from './sentences.js';

const catalogue = defaultCatalogue();

function context(
  current: Record<string, number>,
  options: {
    previous?: Record<string, number>;
    period?: string;
    draft?: boolean;
    qualifiers?: Record<string, string>;
  } = {},
): SentenceContext {
  const toSet = (values: Record<string, number>) =>
    new Map(
      Object.entries(values).map(([key, value]) => {
        const [code = '', explicit] = key.split('@');
        const scope = explicit ?? (catalogue.get(code)?.kind === 'stock' ? 'as_of_end' : 'period');
        return [figureKey(code, scope as ValueScope), value];
      }),
    );
  return {
    catalogue,
    current: toSet(current),
    previous: toSet(options.previous ?? {}),
    lastYear: new Map(),
    words: periodWords(parsePeriod(options.period ?? '2022-04')),
    draft: options.draft ?? true,
    qualifiers: new Map(Object.entries(options.qualifiers ?? {})),
  };
}

const template = (text: string) => ({ key: 'test.sentence', section: 'test', text });

describe('writeSentence', () => {
  test('a qualified figure keeps its qualifier (seed 001: "Ban hành hơn 85 Công văn")', () => {
    const press = defaultSentenceTemplates().find((t) => t.key === 'tham_muu.press_guidance')!;
    const written = writeSentence(
      press,
      context(
        { 'advisory.press_guidance_docs': 85 },
        { qualifiers: { 'advisory.press_guidance_docs|period': 'hơn' } },
      ),
    );
    assert.equal(
      written.text,
      'Ban hành hơn 85 Công văn chỉ đạo định hướng các cơ quan báo, đài tăng cường tuyên truyền.',
    );
    assert.equal(written.values[0]?.qualifier, 'hơn');
    assert.equal(written.values[0]?.text, '85');
  });

  test('an estimated amount is written "ước đạt"', () => {
    const revenue = defaultSentenceTemplates().find((t) => t.key === 'buu_chinh.revenue')!;
    const written = writeSentence(
      revenue,
      context({ 'postal.revenue': 38_500_000_000 }, { qualifiers: { 'postal.revenue|period': 'ước' } }),
    );
    assert.equal(
      written.text,
      'Doanh thu các dịch vụ bưu chính, chuyển phát trong tháng ước đạt 38,5 tỷ đồng.',
    );
  });

  test('a qualifier mid-sentence; a ratio recomputed from its parts takes none', () => {
    const docs = defaultSentenceTemplates().find((t) => t.key === 'cntt_cqnn.ioffice_docs')!;
    const written = writeSentence(
      docs,
      context(
        { 'ioffice.docs_sent': 1000, 'ioffice.docs_signed': 800 },
        { qualifiers: { 'ioffice.docs_sent|period': 'khoảng', 'ioffice.signed_ratio|period': 'gần' } },
      ),
    );
    assert.equal(
      written.text,
      'Trong tháng, có khoảng 1.000 văn bản điện tử phát hành trên hệ thống, trong đó có 800 văn bản được ký số (tỷ lệ 80,00%).',
    );
  });

  test('the house sentence of seed 001 for special-purpose certificates', () => {
    const ca = defaultSentenceTemplates().find((t) => t.key === 'cntt_cqnn.ca')!;
    const written = writeSentence(
      ca,
      context({ 'ca.issued': 13, 'ca.revoked': 4, 'ca.total': 2392, 'ca.org': 474, 'ca.personal': 1918 }),
    );
    assert.equal(
      written.text,
      'Chứng thư số chuyên dùng: trong tháng, cấp mới 13 chứng thư số, thu hồi 04 chứng thư số, nâng tổng số 2.392 chứng thư số (474 chứng thư số tổ chức; 1.918 chứng thư số cá nhân).',
    );
    assert.deepEqual(
      written.values.map((v) => [v.indicator, v.value, v.scope, v.text]),
      // Optional parts are written first.
      [
        ['ca.org', 474, 'as_of_end', '474'],
        ['ca.personal', 1918, 'as_of_end', '1.918'],
        ['ca.issued', 13, 'period', '13'],
        ['ca.revoked', 4, 'period', '04'],
        ['ca.total', 2392, 'as_of_end', '2.392'],
      ],
    );
    assert.deepEqual(written.missing, []);
  });

  test('a ratio with a formula is computed from its parts, not taken from the stored value', () => {
    const written = writeSentence(
      template('ký số (tỷ lệ {ioffice.signed_ratio|pct})'),
      context({ 'ioffice.docs_sent': 20601, 'ioffice.docs_signed': 15905, 'ioffice.signed_ratio': 80 }),
    );
    // 15905 / 20601 = 0.772049… → 77,20%.
    assert.equal(written.text, 'Ký số (tỷ lệ 77,20%)');
    assert.equal(written.values[0]?.value, 77.2);
  });

  test('a change against the previous period, up and down', () => {
    const up = writeSentence(
      template(
        'tổng lượt quét: {covid.qr_scans@cumulative} lượt quét, {covid.qr_scans@cumulative|change_prev} lượt quét so với {previousWords}',
      ),
      context(
        { 'covid.qr_scans@cumulative': 2_053_756 },
        { previous: { 'covid.qr_scans@cumulative': 1_948_356 } },
      ),
    );
    assert.equal(up.text, 'Tổng lượt quét: 2.053.756 lượt quét, tăng 105.400 lượt quét so với tháng trước');
    const down = writeSentence(
      template('{ca.total|change_prev}'),
      context({ 'ca.total': 2392 }, { previous: { 'ca.total': 2400 } }),
    );
    assert.equal(down.text, 'Giảm 8');
  });

  test('an optional part is dropped when one of its figures is missing; none present drops the sentence', () => {
    const text = 'Có {ca.total} chứng thư số[[ ({ca.org} tổ chức; {ca.personal} cá nhân)]].';
    assert.equal(
      writeSentence(template(text), context({ 'ca.total': 10, 'ca.org': 4 })).text,
      'Có 10 chứng thư số.',
    );
    const none = writeSentence(template(text), context({}));
    assert.equal(none.text, null);
    assert.deepEqual(none.missing, []);
  });

  test('a missing required figure is marked in a draft and leaves the sentence out of a final report', () => {
    const text = 'Cấp mới {ca.issued} chứng thư số, thu hồi {ca.revoked} chứng thư số.';
    const draft = writeSentence(template(text), context({ 'ca.issued': 5 }));
    assert.equal(
      draft.text,
      'Cấp mới 5 chứng thư số, thu hồi [thiếu số liệu: Số chứng thư số chuyên dùng thu hồi] chứng thư số.',
    );
    assert.deepEqual(
      draft.missing.map((m) => m.indicator),
      ['ca.revoked'],
    );
    const final = writeSentence(template(text), context({ 'ca.issued': 5 }, { draft: false }));
    assert.equal(final.text, null);
    assert.deepEqual(
      final.missing.map((m) => m.indicator),
      ['ca.revoked'],
    );
  });

  test('period words and money', () => {
    const text = '{PeriodWords}, doanh thu {postal.revenue}; so với {previousWords}';
    assert.equal(
      writeSentence(template(text), context({ 'postal.revenue': 38_500_000_000 }, { period: '2021-9M' }))
        .text,
      'Trong 9 tháng đầu năm, doanh thu 38,5 tỷ đồng; so với cùng kỳ năm trước',
    );
    assert.equal(
      writeSentence(template(text), context({ 'postal.revenue': 15_629_000_000 }, { period: '2021-Q3' }))
        .text,
      'Trong quý, doanh thu 15.629.000.000 đồng; so với quý trước',
    );
  });
});

describe('sentence templates', () => {
  test('every shipped placeholder names a catalogue indicator or a period word, and its section exists', () => {
    const words = Object.keys(periodWords(parsePeriod('2022-04')));
    for (const t of defaultSentenceTemplates()) {
      for (const m of t.text.matchAll(/\{([A-Za-z][\w.]*)(?:@\w+)?(?:\|(\w+))?\}/g)) {
        const name = m[1]!;
        assert.ok(name.includes('.') ? catalogue.has(name) : words.includes(name), `${t.key}: {${name}}`);
        assert.ok(
          [undefined, 'pad', 'pct', 'money', 'num', 'change_prev', 'change_yoy'].includes(m[2]),
          `${t.key}: |${m[2]}`,
        );
      }
    }
  });

  test('an organisation override replaces, switches off or adds a sentence', () => {
    const defaults = defaultSentenceTemplates();
    const merged = mergeSentenceTemplates(
      defaults,
      new Map([
        ['cntt_cqnn.ca', 'Cấp mới {ca.issued} chứng thư số.'],
        ['attt.alerts', ''],
        ['attt.incidents', 'Xử lý {attt.alerts_received} sự cố.'],
      ]),
    );
    assert.equal(merged.find((t) => t.key === 'cntt_cqnn.ca')?.text, 'Cấp mới {ca.issued} chứng thư số.');
    assert.equal(
      merged.some((t) => t.key === 'attt.alerts'),
      false,
    );
    assert.deepEqual(merged.at(-1), {
      key: 'attt.incidents',
      section: 'attt',
      text: 'Xử lý {attt.alerts_received} sự cố.',
    });
    assert.equal(merged.length, defaults.length);
  });

  test('the words a sentence may name are the ones a period gives', () => {
    assert.deepEqual([...SENTENCE_WORDS].sort(), Object.keys(periodWords(parsePeriod('2022-04'))).sort());
  });

  test('a sentence an organisation writes is checked before it is kept, with the reason in Vietnamese', () => {
    const known = (code: string) => catalogue.has(code);
    assert.equal(sentenceTemplateProblem('Cấp mới {ca.issued|pad} chứng thư số {periodWords}.', known), null);
    assert.equal(sentenceTemplateProblem('[[Thu hồi {ca.revoked@period}.]] Còn {ca.total}.', known), null);
    assert.equal(sentenceTemplateProblem('', known), null, 'an empty text switches the sentence off');
    for (const [text, reason] of [
      [
        'Cấp {ca.khong_co} chứng thư.',
        /Chỉ tiêu "ca.khong_co" trong "\{ca.khong_co\}" không có trong danh mục/,
      ],
      ['Cấp {ca.issued@year} chứng thư.', /Phạm vi "@year"/],
      ['Cấp {ca.issued|percent} chứng thư.', /Cách viết "\|percent"/],
      ['Trong {thang} cấp {ca.issued}.', /"\{thang\}" không phải là từ điền sẵn/],
      ['Cấp {ca issued} chứng thư.', /"\{ca issued\}" không phải là chỗ điền số liệu hợp lệ/],
      ['Cấp {ca.issued chứng thư.', /"\{" không phải là chỗ điền/],
      ['[[Cấp {ca.issued}.', /không khớp/],
      ['Cấp {ca.issued}.]] [[Thu hồi.', /không khớp/],
      ['[[Cấp [[{ca.issued}]].]]', /không khớp/],
    ] as const) {
      assert.match(sentenceTemplateProblem(text, known) ?? '', reason, text);
    }
  });
});
