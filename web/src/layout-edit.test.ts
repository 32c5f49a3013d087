import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ReportTemplate, TemplateSectionKindSchema } from '../../src/domain/report-template.js';
import {
  addSection,
  cleanLayout,
  type LayoutSection,
  layoutRows,
  moveSection,
  newSectionKey,
  parseCodes,
  parseLines,
  removeSection,
  SECTION_KINDS,
  updateSection,
} from './layout-edit.js';

function section(key: string, number: string | null, children: LayoutSection[] = []): LayoutSection {
  return {
    key,
    level: 1,
    number,
    title: key,
    aliases: [],
    unit: null,
    kind: 'results',
    optional: false,
    indicators: [],
    children,
  };
}

// Part of the shipped layout: I. with 1. tham mưu, 2. bưu chính, 3. viễn thông; II. tổng hợp.
const tree = (): LayoutSection[] => [
  section('quan_ly_nha_nuoc', 'I', [
    { ...section('tham_muu', '1'), level: 2 },
    { ...section('buu_chinh', '2'), level: 2 },
    { ...section('vien_thong', '3'), level: 2 },
  ]),
  section('tong_hop', 'II'),
];

/** A layout of these sections, its document wording empty but for what a test names. */
function layoutOf(
  sections: LayoutSection[],
  document: Partial<ReportTemplate['document']> = {},
): ReportTemplate {
  return {
    version: 1,
    name: 'Mẫu',
    document: {
      title: 'BÁO CÁO',
      subtitle: '',
      subtitleByKind: {},
      intro: '',
      planIntro: '',
      closing: '',
      recipientsHeading: 'Nơi nhận:',
      recipients: [],
      signer: { onBehalf: null, position: 'GIÁM ĐỐC', name: 'A' },
      ...document,
    },
    sections,
  };
}

const order = (sections: LayoutSection[]) => layoutRows(sections).map((r) => `${r.depth}:${r.section.key}`);

describe('editing the report layout', () => {
  test('the screen offers every kind of section the template knows', () => {
    assert.deepEqual([...SECTION_KINDS].sort(), [...TemplateSectionKindSchema.options].sort());
  });

  test('rows come in document order with their depth and place among siblings', () => {
    const rows = layoutRows(tree());
    assert.deepEqual(order(tree()), [
      '0:quan_ly_nha_nuoc',
      '1:tham_muu',
      '1:buu_chinh',
      '1:vien_thong',
      '0:tong_hop',
    ]);
    assert.deepEqual(
      rows.map((r) => [r.index, r.siblings]),
      [
        [0, 2],
        [0, 3],
        [1, 3],
        [2, 3],
        [1, 2],
      ],
    );
  });

  test('a section moves among its siblings only, and the tree it came from is left alone', () => {
    const before = tree();
    const moved = moveSection(before, 'vien_thong', -1);
    assert.deepEqual(order(moved).slice(1, 4), ['1:tham_muu', '1:vien_thong', '1:buu_chinh']);
    assert.deepEqual(order(before).slice(1, 4), ['1:tham_muu', '1:buu_chinh', '1:vien_thong']);
    assert.deepEqual(order(moveSection(before, 'tham_muu', -1)), order(before), 'the first stays first');
    assert.deepEqual(order(moveSection(before, 'tong_hop', 1)), order(before), 'the last stays last');
  });

  test('a field changes on the one section named', () => {
    const changed = updateSection(tree(), 'buu_chinh', { title: 'Lĩnh vực bưu chính', optional: true });
    const rows = layoutRows(changed);
    assert.equal(rows[2]!.section.title, 'Lĩnh vực bưu chính');
    assert.equal(rows[2]!.section.optional, true);
    assert.equal(rows[3]!.section.title, 'vien_thong');
  });

  test('a new sub-section goes last under its parent, one level down, numbered after its last sibling', () => {
    const { sections, key } = addSection(tree(), 'quan_ly_nha_nuoc', 'Chuyển đổi số');
    assert.equal(key, 'chuyen_doi_so');
    const added = layoutRows(sections).find((r) => r.section.key === key)!;
    assert.equal(added.depth, 1);
    assert.equal(added.index, 3);
    assert.equal(added.section.level, 2);
    assert.equal(added.section.number, '4');
    assert.equal(added.section.kind, 'results');
    const top = addSection(tree(), null, 'Phụ lục');
    assert.equal(top.sections.at(-1)!.key, 'phu_luc');
    assert.equal(top.sections.at(-1)!.number, null, 'after "II" the number is left to the administrator');
  });

  test('a removed section takes its sub-sections with it', () => {
    assert.deepEqual(order(removeSection(tree(), 'quan_ly_nha_nuoc')), ['0:tong_hop']);
    assert.equal(layoutRows(removeSection(tree(), 'buu_chinh')).length, 4);
  });

  test('new keys are unlike every key of the tree', () => {
    assert.equal(newSectionKey(tree(), 'Bưu chính'), 'buu_chinh_2');
    assert.equal(newSectionKey(tree(), '!!!'), 'muc');
  });

  test('indicator codes are read as typed: commas, spaces or new lines between them', () => {
    assert.deepEqual(parseCodes(' postal.revenue, ecommerce.products\ntelecom.bts  '), [
      'postal.revenue',
      'ecommerce.products',
      'telecom.bts',
    ]);
    assert.deepEqual(parseCodes(''), []);
  });

  test('a layout is saved without the blank lines and outer spaces typing leaves', () => {
    const layout = layoutOf(tree(), {
      recipients: ['Bộ TT&TT (b/c); ', '', ' Lưu: VT.'],
      signer: { onBehalf: '  ', position: 'GIÁM ĐỐC ', name: ' Nguyễn Văn Chuẩn' },
    });
    const clean = cleanLayout(layout);
    assert.deepEqual(clean.document.recipients, ['Bộ TT&TT (b/c);', 'Lưu: VT.']);
    assert.deepEqual(clean.document.signer, {
      onBehalf: null,
      position: 'GIÁM ĐỐC',
      name: 'Nguyễn Văn Chuẩn',
    });
    assert.deepEqual(layout.document.recipients.length, 3, 'the edited layout is left as typed');
  });

  test('section names of older reports are saved one per line, without blanks, repeats or the title itself', () => {
    assert.deepEqual(parseLines(' Công tác thông tin cơ sở \n\nThông tin cơ sở\nThông tin cơ sở\n'), [
      'Công tác thông tin cơ sở',
      'Thông tin cơ sở',
    ]);
    const sections = updateSection(tree(), 'buu_chinh', {
      aliases: ['Bưu chính ', '', 'buu_chinh', 'Lĩnh vực bưu chính'],
      titleEn: ' Postal services ',
    });
    const edited = updateSection(sections, 'vien_thong', { titleEn: '  ' });
    const clean = cleanLayout(layoutOf(edited));
    const postal = clean.sections[0]!.children[1]!;
    // "buu_chinh" is the section's own title in this tree: no alias of itself.
    assert.deepEqual(postal.aliases, ['Bưu chính', 'Lĩnh vực bưu chính']);
    assert.equal(postal.titleEn, 'Postal services');
    assert.equal('titleEn' in clean.sections[0]!.children[2]!, false, 'an empty English title is left out');
  });
});
