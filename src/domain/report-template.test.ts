import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { defaultCatalogue, defaultReportTemplate } from './default-catalogue.js';
import { parsePeriod } from './period.js';
import {
  fillTemplate,
  findTemplateSection,
  flattenTemplate,
  headingKey,
  numberSections,
  periodTemplateValues,
  ReportTemplateSchema,
  sectionKeysUnder,
  subtitleFor,
  templateSectionForHeading,
} from './report-template.js';

const seedsDir = new URL('../../fixtures/seeds/', import.meta.url);
const goldDir = new URL('../../fixtures/gold/', import.meta.url);

function seedFile(dir: URL, seed: string): string {
  const file = readdirSync(dir).find((name) => name.startsWith(seed));
  assert.ok(file, `file for seed ${seed}`);
  return readFileSync(new URL(file, dir), 'utf8');
}

/** The template key of every heading in each seed, in order, read by hand from fixtures/gold/*.json `sections`. */
const SEED_SECTION_KEYS: Record<string, (string | null)[]> = {
  '000': [
    'quan_ly_nha_nuoc',
    'tham_muu',
    'buu_chinh',
    'vien_thong',
    'cntt',
    'attt',
    'thong_tin_tuyen_truyen',
    'cong_ttdt',
    'bao_chi_xuat_ban',
    'thong_tin_co_so',
    'thong_tin_doi_ngoai',
    'tong_hop',
    'lanh_dao',
    'to_chuc_can_bo',
    'van_phong',
    'thanh_tra',
    'ke_hoach',
  ],
  '001': [
    'quan_ly_nha_nuoc',
    'tham_muu',
    'buu_chinh',
    'vien_thong',
    'cntt',
    'cntt_cqnn',
    'cntt_nguoi_dan',
    'covid',
    'attt',
    'thong_tin_tuyen_truyen',
    'bao_chi_xuat_ban',
    'thong_tin_co_so',
    'trang_tin_so',
    'tong_hop',
    'lanh_dao',
    'van_phong',
    'thanh_tra',
    'ke_hoach',
  ],
  '002': [
    'quan_ly_nha_nuoc',
    'tham_muu',
    'buu_chinh',
    'vien_thong',
    'cntt',
    'cntt_ha_tang',
    'cntt_cqnn',
    'attt',
    'thong_tin_tuyen_truyen',
    'cong_ttdt',
    'bao_chi_xuat_ban',
    'thong_tin_co_so',
    'van_hoa_thong_tin_huyen',
    'tong_hop',
    'lanh_dao',
    'to_chuc_can_bo',
    'van_phong',
    'thanh_tra',
    'danh_gia',
    'danh_gia_thuan_loi',
    'danh_gia_han_che',
    'ke_hoach',
  ],
  '003': [
    'tinh_hinh_chung',
    'quan_ly_nha_nuoc',
    'tham_muu',
    'thong_tin_tuyen_truyen',
    'vien_thong',
    'cntt',
    'thanh_tra',
    'ke_hoach_tai_chinh',
    'van_phong',
    'cong_ttdt',
    'trung_tam_cntt',
    'cong_tac_khac',
    'doanh_nghiep',
    'dai_ptth',
    'van_hoa_thong_tin_huyen',
    'danh_gia',
    'ke_hoach',
    'ke_hoach_dinh_huong',
    'ke_hoach_nhiem_vu',
    'ke_hoach_giai_phap',
    'phu_luc',
  ],
  '004': [
    'quan_ly_nha_nuoc',
    'tham_muu',
    'buu_chinh',
    'vien_thong',
    'cntt',
    'attt',
    'thong_tin_tuyen_truyen',
    'cong_ttdt',
    'bao_chi_xuat_ban',
    'thong_tin_co_so',
    'tong_hop',
    'lanh_dao',
    'to_chuc_can_bo',
    'van_phong',
    'thanh_tra',
    // II.5 "Về thực hiện Công văn số 68-CV/TU …" is this report's own heading.
    null,
    'danh_gia',
    'ke_hoach',
  ],
};

describe('default report template', () => {
  const template = defaultReportTemplate();
  const catalogue = defaultCatalogue();

  test('parses, with unique keys covering every section the catalogue and the design name', () => {
    const keys = flattenTemplate(template).map((s) => s.key);
    assert.equal(new Set(keys).size, keys.length);
    for (const indicator of catalogue.indicators)
      assert.ok(keys.includes(indicator.section), indicator.section);
    const named = [
      'tham_muu',
      'buu_chinh',
      'vien_thong',
      'cntt',
      'attt',
      'thong_tin_tuyen_truyen',
      'thanh_tra',
    ];
    const subKeys = ['tong_hop', 'doanh_nghiep', 'cntt_cqnn', 'cntt_nguoi_dan', 'covid', 'cong_ttdt'];
    const more = [
      'bao_chi_xuat_ban',
      'thong_tin_co_so',
      'lanh_dao',
      'to_chuc_can_bo',
      'van_phong',
      'danh_gia',
      'ke_hoach',
    ];
    for (const key of [...named, ...subKeys, ...more]) assert.ok(keys.includes(key), key);
  });

  test('a duplicate key is refused', () => {
    const broken = structuredClone(template);
    broken.sections.push({ ...structuredClone(broken.sections[1]!), children: [] });
    assert.throws(() => ReportTemplateSchema.parse(broken), /Trùng khóa mục/);
  });

  test('each indicator is listed once, in the section its catalogue entry names', () => {
    const listed = new Map<string, string>();
    for (const section of flattenTemplate(template)) {
      for (const code of section.indicators) {
        assert.ok(!listed.has(code), `${code} listed twice`);
        listed.set(code, section.key);
      }
    }
    for (const indicator of catalogue.indicators)
      assert.equal(listed.get(indicator.code), indicator.section, indicator.code);
    assert.equal(listed.size, catalogue.indicators.length);
    // Seed 001 states iOffice documents before certificates and e-mail.
    const cqnn = findTemplateSection(template, 'cntt_cqnn')!.indicators;
    assert.ok(cqnn.indexOf('ioffice.docs_sent') < cqnn.indexOf('ca.issued'));
    assert.ok(cqnn.indexOf('ca.total') < cqnn.indexOf('email.total'));
  });

  test('tree helpers', () => {
    const flat = flattenTemplate(template);
    assert.equal(flat[0]?.parentKey, null);
    assert.equal(flat.find((s) => s.key === 'covid')?.parentKey, 'cntt');
    assert.equal(findTemplateSection(template, 'thanh_tra')?.unit, 'thanh-tra');
    assert.equal(findTemplateSection(template, 'ke_hoach')?.kind, 'plan');
    assert.equal(findTemplateSection(template, 'nope'), null);
    assert.deepEqual(sectionKeysUnder(template, 'cntt'), [
      'cntt',
      'cntt_ha_tang',
      'cntt_cqnn',
      'cntt_nguoi_dan',
      'covid',
    ]);
  });

  test('defaultReportTemplate returns an independent copy', () => {
    const copy = defaultReportTemplate();
    copy.sections[0]!.title = 'changed';
    assert.notEqual(defaultReportTemplate().sections[0]!.title, 'changed');
  });
});

describe('template wording', () => {
  const template = defaultReportTemplate();

  test('April 2022: subtitle, plan heading and plan intro as in seed 001', () => {
    const values = periodTemplateValues(parsePeriod('2022-04'));
    assert.equal(
      fillTemplate(template.document.subtitle, values),
      'kết quả công tác thông tin và truyền thông tháng 4 năm 2022 và kế hoạch công tác tháng 5 năm 2022',
    );
    assert.equal(
      fillTemplate(findTemplateSection(template, 'ke_hoach')!.title, values),
      'KẾ HOẠCH CÔNG TÁC THÁNG 5 NĂM 2022',
    );
    assert.equal(
      fillTemplate(template.document.planIntro, values),
      'Trong tháng 5 năm 2022, Sở Thông tin và Truyền thông tập trung chỉ đạo và thực hiện một số nội dung trọng tâm như sau:',
    );
  });

  test('April 2021: the opening paragraph of seed 004', () => {
    const intro = seedFile(seedsDir, '004')
      .split('\n')
      .find((line) => line.startsWith('Trong tháng 4 năm 2021'));
    assert.equal(
      fillTemplate(template.document.intro, periodTemplateValues(parsePeriod('2021-04'))),
      intro?.trim(),
    );
  });

  test('9 months 2021 and year 2017: plan headings and the annual subtitle', () => {
    const nine = periodTemplateValues(parsePeriod('2021-9M'));
    assert.equal(
      fillTemplate(findTemplateSection(template, 'ke_hoach')!.title, nine),
      'KẾ HOẠCH CÔNG TÁC 3 THÁNG CUỐI NĂM 2021',
    );
    const year = periodTemplateValues(parsePeriod('2017'));
    assert.equal(
      fillTemplate(subtitleFor(template, 'annual'), year),
      'tổng kết công tác năm 2017 và nhiệm vụ công tác năm 2018',
    );
    assert.equal(subtitleFor(template, 'monthly'), template.document.subtitle);
  });

  test('closing, recipients and signer follow seed 001', () => {
    const closing = fillTemplate(template.document.closing, periodTemplateValues(parsePeriod('2022-04')));
    assert.match(
      closing,
      /^Trên đây là kết quả công tác thông tin và truyền thông tháng 4 năm 2022 và kế hoạch công tác tháng 5 năm 2022;/,
    );
    assert.ok(closing.endsWith('./.'));
    const gold = JSON.parse(seedFile(goldDir, '001')) as { meta: { recipients: string[] } };
    assert.deepEqual(template.document.recipients, gold.meta.recipients);
    assert.deepEqual(template.document.signer, {
      onBehalf: 'KT. GIÁM ĐỐC',
      position: 'PHÓ GIÁM ĐỐC',
      name: 'Nguyễn Văn Chuẩn',
    });
  });

  test('an unknown placeholder is a bug', () => {
    assert.throws(() => fillTemplate('{nope}', {}), /Unknown template placeholder/);
  });
});

describe('numberSections', () => {
  const template = defaultReportTemplate();
  const numbersFor = (seed: string) => {
    const keys = SEED_SECTION_KEYS[seed]!.filter((k): k is string => k !== null);
    return numberSections(template, new Set(keys));
  };

  test('seed 004 layout numbers as the report does', () => {
    const numbers = numbersFor('004');
    const expected: Record<string, string> = {
      quan_ly_nha_nuoc: 'I',
      tham_muu: '1',
      attt: '5',
      thong_tin_tuyen_truyen: '6',
      cong_ttdt: '6.1',
      bao_chi_xuat_ban: '6.2',
      thong_tin_co_so: '6.3',
      tong_hop: 'II',
      thanh_tra: '4',
      danh_gia: 'III',
      ke_hoach: 'IV',
    };
    for (const [key, number] of Object.entries(expected)) assert.equal(numbers.get(key), number, key);
  });

  test('seed 001 layout: lettered IT sub-sections, no assessment, plan is III', () => {
    const numbers = numbersFor('001');
    assert.deepEqual(
      [
        'cntt_cqnn',
        'cntt_nguoi_dan',
        'covid',
        'bao_chi_xuat_ban',
        'trang_tin_so',
        'van_phong',
        'thanh_tra',
        'ke_hoach',
      ].map((key) => numbers.get(key)),
      ['a', 'b', 'c', '6.1', '6.3', '2', '3', 'III'],
    );
  });
});

describe('templateSectionForHeading', () => {
  const template = defaultReportTemplate();
  const keyOf = (heading: string) => templateSectionForHeading(template, heading)?.key ?? null;

  test('seed 000 headings that lost glyphs in PDF extraction', () => {
    assert.equal(keyOf('1. C n  t c th m m u T nh ủ   U N  t nh và b n hành v n   n ch  '), 'tham_muu');
    assert.equal(keyOf('C n  t c th m m u T nh ủ   U N  t nh và b n hành v n   n ch'), 'tham_muu');
    assert.equal(keyOf(' I  CÔNG T C  U N    NHÀ N ỚC '), 'quan_ly_nha_nuoc');
    assert.equal(keyOf('2   ĩnh vực   u chính '), 'buu_chinh');
    assert.equal(keyOf('3   ĩnh vực v ễn th n  '), 'vien_thong');
    assert.equal(keyOf('6.3  Th n  t n cơ sở '), 'thong_tin_co_so');
    assert.equal(keyOf('3. C n  t c V n phòn   '), 'van_phong');
    assert.equal(keyOf('III.  H  NG H ỚNG  NHIỆM V  TH NG 7/2020 '), 'ke_hoach');
  });

  test('seed 002 headings read by OCR', () => {
    assert.equal(keyOf('Cong tac tham muu va ban hanh viin ban chi dao, diéu hanh'), 'tham_muu');
    assert.equal(keyOf('I. KET QUA HOAT PONG 9 THANG PAU NAM 2021'), 'quan_ly_nha_nuoc');
    assert.equal(keyOf('7.2. Congtac to chirc can b, dio tao, boi dudng'), 'to_chuc_can_bo');
    assert.equal(keyOf('I1I. PANH GIA CHUNG'), 'danh_gia');
    assert.equal(keyOf('2. Han ché, khé khin, virdng mic'), 'danh_gia_han_che');
  });

  test('abbreviations, markdown and period phrases do not matter', () => {
    assert.equal(
      keyOf('##### **a) Ứng dụng công nghệ thông tin phục vụ hoạt động của cơ quan nhà nước**'),
      'cntt_cqnn',
    );
    assert.equal(keyOf('IV. KẾ HOẠCH CÔNG TÁC QUÝ III NĂM 2023'), 'ke_hoach');
    assert.equal(keyOf('PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024'), 'ke_hoach');
    assert.equal(
      headingKey('KẾ HOẠCH CÔNG TÁC {planPeriodUpper}'),
      headingKey('KẾ HOẠCH CÔNG TÁC THÁNG 5 NĂM 2022'),
    );
  });

  test('non-headings give null', () => {
    for (const text of [
      '- Tiếp nhận đơn tố cáo: Không có.',
      'Nơi nhận:',
      '- Lưu: VT.',
      'Trên đây là kết quả công tác tháng 6/2020 và kế hoạch công tác tháng',
      'Công tác thông tin và truyền thông tháng 4',
      '5. Về thực hiện Công văn số 68-CV/TU ngày 25/3/2021 của Ban Thường vụ Tỉnh ủy',
      '3. Phối hợp với Trung tâm Văn hóa, Thông tin và Thể thao huyện Càng',
      'KT. GIÁM ĐỐC',
      '',
    ]) {
      assert.equal(keyOf(text), null, text);
    }
  });

  for (const [seed, expected] of Object.entries(SEED_SECTION_KEYS)) {
    test(`every line of seed ${seed}: only its headings match, each to its section`, () => {
      const matched = seedFile(seedsDir, seed)
        .split('\n')
        .map(keyOf)
        .filter((key) => key !== null);
      assert.deepEqual(
        matched,
        expected.filter((key) => key !== null),
      );
    });
  }

  test('every gold section title maps to its key', () => {
    for (const [seed, expected] of Object.entries(SEED_SECTION_KEYS)) {
      const gold = JSON.parse(seedFile(goldDir, seed)) as { sections: { title: string }[] };
      assert.deepEqual(
        gold.sections.map((s) => keyOf(s.title)),
        expected,
        `seed ${seed}`,
      );
    }
  });
});
