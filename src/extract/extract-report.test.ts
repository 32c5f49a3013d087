import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { ReportValue } from '../domain/report-document.js';
import { degrade } from './degrade.test-helper.js';
import { extractFromText, extractReport } from './extract-report.js';
import { toImportJson } from './import-json.js';
import { makeDocx, makeTextPdf } from './tools/sample-files.js';

const seedsDir = resolve(import.meta.dirname, '../../fixtures/seeds');
const seed = (name: string) => readFileSync(resolve(seedsDir, name), 'utf8');
const SEED_000 = '000_981baab46ce6ce10.txt';
const SEED_001 = '001_a5433033de54e12b.txt';
const SEED_002 = '002_0bc092e44c717f3b.txt';
const SEED_003 = '003_fe41435183349147.txt';
const SEED_004 = '004_e05fcdfcee13791a.txt';

const valueKeys = (values: readonly ReportValue[]) =>
  values.map((v) => `${v.indicator}|${v.scope}|${v.value}`).sort();
const numbersOf = (values: readonly ReportValue[], indicator: string) =>
  values.filter((v) => v.indicator === indicator).map((v) => v.value);

describe('values', () => {
  test('"Tổng văn bản đi trong tháng: 18.182, ký số 14.477 văn bản (tỷ lệ 79,62%)" gives three values', () => {
    const { document } = extractFromText(SEED_004, seed(SEED_004));
    assert.deepEqual(numbersOf(document.values, 'ioffice.docs_sent'), [18182]);
    assert.deepEqual(numbersOf(document.values, 'ioffice.docs_signed'), [14477]);
    assert.deepEqual(numbersOf(document.values, 'ioffice.signed_ratio'), [79.62]);
    const sent = document.values.find((v) => v.indicator === 'ioffice.docs_sent')!;
    assert.equal(sent.scope, 'period');
    assert.match(sent.text, /18\.182/);
  });

  test('stock values are as of the end; breakdown parts are read beside totals', () => {
    const { document } = extractFromText(SEED_004, seed(SEED_004));
    const total = document.values.find((v) => v.indicator === 'ca.total')!;
    assert.equal(total.value, 2223);
    assert.equal(total.scope, 'as_of_end');
    assert.deepEqual(numbersOf(document.values, 'dvc.dossiers_level3_direct'), [1208]);
    assert.deepEqual(numbersOf(document.values, 'dvc.dossiers_direct'), [3838]);
  });

  test('OCR text: "internet 13 675.608" reads 675608, "ty 186 43,33%" reads 43.33, money in đồng', () => {
    const { document } = extractFromText(SEED_002, seed(SEED_002));
    assert.deepEqual(numbersOf(document.values, 'internet.subscribers'), [675608]);
    assert.deepEqual(numbersOf(document.values, 'dvc.services_level4_ratio'), [43.33]);
    assert.deepEqual(numbersOf(document.values, 'postal.revenue'), [38_500_000_000]);
    assert.ok(document.values.every((v) => v.value !== 186));
  });

  test('numbers in the plan part are not values', () => {
    const text = seed(SEED_000);
    const { document } = extractFromText(SEED_000, text);
    const planStart = text.search(/III\.\s+H/);
    assert.ok(planStart > 0);
    assert.ok(document.values.every((v) => (v.start ?? 0) < planStart));
  });

  test('offsets point into the decoded text even where it is NFD', () => {
    const text = seed(SEED_003);
    const { document } = extractFromText(SEED_003, text);
    assert.ok(document.values.length > 50);
    for (const v of document.values) {
      assert.equal(text.slice(v.start, v.end).normalize('NFC'), v.text);
    }
  });
});

describe('degraded copies give the same values', () => {
  // 002 is already an OCR copy: its hard-wrapped lines would pass for headings in `degrade`.
  for (const name of [SEED_004, SEED_001, SEED_000, SEED_003]) {
    test(`${name}: diacritics stripped, wrapped at 70 columns, heading glyphs dropped`, () => {
      const original = extractFromText(name, seed(name)).document;
      const degraded = extractFromText(name, degrade(seed(name))).document;
      assert.ok(original.values.length >= 60);
      assert.deepEqual(valueKeys(degraded.values), valueKeys(original.values));
      assert.equal(degraded.meta.periodId, original.meta.periodId);
      assert.equal(degraded.citations.length, original.citations.length);
    });
  }

  test('a DOCX and a PDF made from seed 004 give the same values as its text', async () => {
    const original = valueKeys(extractFromText(SEED_004, seed(SEED_004)).document.values);
    const docx = await extractReport({ name: '004.docx', bytes: await makeDocx(seed(SEED_004)) });
    assert.deepEqual(valueKeys(docx.document.values), original);
    const pdf = await extractReport({ name: '004.pdf', bytes: makeTextPdf(seed(SEED_004)) });
    assert.deepEqual(valueKeys(pdf.document.values), original);
  });
});

describe('metadata and structure', () => {
  test('OCR header: number, date and place of seed 002', () => {
    const { meta } = extractFromText(SEED_002, seed(SEED_002)).document;
    assert.equal(meta.number, '1768/BC-STTTT-VP');
    assert.equal(meta.issuedDate, '2021-09-14');
    assert.equal(meta.place, 'Trà Vinh');
    assert.equal(meta.kind, 'nine_months');
    assert.equal(meta.periodId, '2021-9M');
    assert.equal(meta.planPeriodId, '2021-Q4');
  });

  test('signer with KT. and recipients of seed 001', () => {
    const { meta } = extractFromText(SEED_001, seed(SEED_001)).document;
    assert.deepEqual(meta.signer, {
      name: 'Nguyễn Văn Chuẩn',
      position: 'PHÓ GIÁM ĐỐC',
      onBehalf: 'KT. GIÁM ĐỐC',
    });
    assert.equal(meta.recipients[0], 'Bộ TT&TT (b/c)');
    assert.equal(meta.recipients.at(-1), 'Lưu: VT');
    assert.equal(meta.recipients.length, 13);
  });

  test('a signer OCR wrote without its diacritics (seed 002) is restored to the known signer', () => {
    const { meta } = extractFromText(SEED_002, seed(SEED_002)).document;
    // The scan reads "Nguyén Van Chuan"; the template's signer (seed 001) is the same person.
    assert.ok(seed(SEED_002).includes('Nguyén Van Chuan'));
    assert.equal(meta.signer?.name, 'Nguyễn Văn Chuẩn');
  });

  test('a signer whose glyphs the PDF lost (seed 000) is restored from earlier reports, else flagged', () => {
    // The PDF text ends "GI M ĐỐC … Tr n V n Kho nh": Trần Văn Khoảnh, the director, as gold 000 reads it.
    const damaged = extractFromText(SEED_000, seed(SEED_000));
    assert.deepEqual(damaged.document.meta.signer, {
      name: 'Tr n V n Kho nh',
      position: 'GIÁM ĐỐC',
      onBehalf: null,
    });
    assert.ok(damaged.warnings.some((w) => w.code === 'import.signer_damaged'));

    const known = extractFromText(SEED_000, seed(SEED_000), {
      knownSigners: ['Nguyễn Văn Chuẩn', 'Trần Văn Khoảnh'],
    });
    assert.deepEqual(known.document.meta.signer, {
      name: 'Trần Văn Khoảnh',
      position: 'GIÁM ĐỐC',
      onBehalf: null,
    });
    assert.ok(!known.warnings.some((w) => w.code.startsWith('import.signer')));
  });

  test('annual report 003: period, number and date from the annex line', () => {
    const { meta } = extractFromText(SEED_003, seed(SEED_003)).document;
    assert.equal(meta.kind, 'annual');
    assert.equal(meta.periodId, '2017');
    assert.equal(meta.planPeriodId, '2018');
    assert.equal(meta.number, '1407/BC-STTTT-VP');
    assert.equal(meta.issuedDate, '2017-11-03');
  });

  test('headings that lost glyphs (seed 000) are recovered from the template', () => {
    const { document } = extractFromText(SEED_000, seed(SEED_000));
    const titles = document.sections.map((s) => `${s.number} ${s.title}`);
    assert.equal(titles[0], 'I CÔNG TÁC QUẢN LÝ NHÀ NƯỚC');
    assert.equal(document.meta.periodId, '2020-06');
    const postal = document.sections[0]!.children.find((s) => s.number === '2')!;
    assert.equal(postal.title, 'Lĩnh vực bưu chính');
    assert.ok(postal.items.length >= 2);
  });

  test('bullets become items; the plan part becomes plan items', () => {
    const { document } = extractFromText(SEED_004, seed(SEED_004));
    const plan = document.sections.find((s) => s.number === 'IV')!;
    assert.ok(plan.items.length >= 5);
    assert.ok(plan.items.every((i) => i.kind === 'plan'));
    const postal = document.sections[0]!.children.find((s) => s.number === '2')!;
    assert.equal(postal.items[0]!.kind, 'result');
    assert.equal(postal.items[0]!.style, 'bullet');
    assert.match(postal.items[0]!.text, /^Có Văn bản gửi các doanh nghiệp bưu chính/);
  });
});

describe('toImportJson', () => {
  test('has the shape of the --json line', async () => {
    const result = await extractReport({ name: '004.txt', bytes: Buffer.from(seed(SEED_004)) });
    const json = toImportJson(result, []);
    assert.deepEqual(Object.keys(json).sort(), [
      'citations',
      'error',
      'file',
      'findings',
      'items',
      'meta',
      'ok',
      'sections',
      'values',
      'warnings',
    ]);
    assert.equal(json.ok, true);
    assert.deepEqual(Object.keys(json.meta!).sort(), [
      'agency',
      'issued_date',
      'kind',
      'number',
      'period',
      'place',
      'plan_period',
      'recipients',
      'signer',
      'title',
    ]);
    assert.equal(json.meta!.period, '2021-04');
    assert.deepEqual(json.meta!.signer, {
      name: 'Nguyễn Văn Chuẩn',
      position: 'PHÓ GIÁM ĐỐC',
      on_behalf: 'KT. GIÁM ĐỐC',
    });
    const value = json.values.find((v) => v.indicator === 'ioffice.users')!;
    assert.deepEqual(Object.keys(value).sort(), [
      'confidence',
      'end',
      'indicator',
      'qualifier',
      'scope',
      'start',
      'text',
      'value',
    ]);
    assert.equal(seed(SEED_004).slice(value.start!, value.end!), value.text);
    assert.deepEqual(json.sections[0], { level: 1, number: 'I', title: 'CÔNG TÁC QUẢN LÝ NHÀ NƯỚC' });
    assert.ok(json.items.some((i) => i.kind === 'plan'));
    assert.deepEqual(Object.keys(json.citations[0]!).sort(), [
      'date',
      'issuer',
      'number',
      'symbol',
      'text',
      'type',
    ]);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(json)));
  });
});
