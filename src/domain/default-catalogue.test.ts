import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { defaultCatalogue, defaultReportTemplate } from './default-catalogue.js';
import { findTemplateSection } from './report-template.js';

const goldDir = new URL('../../fixtures/gold/', import.meta.url);

interface GoldValue {
  indicator: string;
  value: number;
  scope: string;
}

function goldValues(seed: string): GoldValue[] {
  const file = readdirSync(goldDir).find((name) => name.startsWith(seed));
  assert.ok(file, `gold file for seed ${seed}`);
  return (JSON.parse(readFileSync(new URL(file, goldDir), 'utf8')) as { values: GoldValue[] }).values;
}

interface ShippedNotes {
  code: string;
  notes?: string;
  reviewNotes?: string;
}

/** catalogue/indicators.json as shipped, review notes included (the parsed catalogue leaves them out). */
const shipped = JSON.parse(
  readFileSync(new URL('../../catalogue/indicators.json', import.meta.url), 'utf8'),
) as ShippedNotes[];

const SEEDS = ['000', '001', '002', '003', '004'];
const MONTHLY_SEEDS = ['000', '001', '004'];

describe('default catalogue', () => {
  const catalogue = defaultCatalogue();

  test('parses with no reference problems and keeps every source code', () => {
    assert.deepEqual(catalogue.referenceProblems(), []);
    const source = JSON.parse(
      readFileSync(new URL('../../fixtures/catalogue.source.json', import.meta.url), 'utf8'),
    );
    for (const entry of source as { code: string }[]) assert.ok(catalogue.has(entry.code), entry.code);
    assert.equal(new Set(catalogue.indicators.map((i) => i.code)).size, catalogue.indicators.length);
  });

  test('every section an indicator names exists in the default report template', () => {
    const template = defaultReportTemplate();
    for (const i of catalogue.indicators)
      assert.ok(findTemplateSection(template, i.section), `${i.code} → ${i.section}`);
  });

  test('every indicator used in the gold annotations exists', () => {
    for (const seed of SEEDS) {
      const missing = goldValues(seed).filter((v) => !catalogue.has(v.indicator));
      assert.deepEqual(missing, [], `seed ${seed}`);
    }
  });

  test('every ratio names existing parts, or is explicitly stated-only', () => {
    const statedOnly = catalogue.indicators
      .filter((i) => i.kind === 'ratio' && !i.formula)
      .map((i) => i.code);
    assert.deepEqual(statedOnly, ['ioffice.electronic_exchange_ratio', 'investment.disbursement_ratio']);
    for (const i of catalogue.indicators) {
      if (i.kind !== 'ratio') assert.equal(i.formula, null, `${i.code} is not a ratio but has a formula`);
      if (i.formula) assert.ok(i.formula.multiplier === 100, i.code);
    }
  });

  test('parts share their total’s kind and name a dimension; subsets are not parts', () => {
    for (const i of catalogue.indicators) {
      if (i.partOf) {
        assert.equal(catalogue.get(i.partOf)?.kind, i.kind, `${i.code} vs ${i.partOf}`);
        assert.ok(i.dimension, `${i.code} has no dimension`);
      }
      if (i.subsetOf) assert.equal(i.partOf, null, i.code);
    }
    assert.equal(catalogue.get('ioffice.docs_signed')?.subsetOf, 'ioffice.docs_sent');
    assert.equal(catalogue.get('ioffice.docs_signed')?.partOf, null);
  });

  test('breakdowns the seeds state sum to their totals', () => {
    // Seed 002 (9 months 2021): services 291 + 762 + 805 = 1.858; dossiers by level and by channel.
    const seed002 = new Map(goldValues('002').map((v) => [v.indicator, v.value]));
    const cases: [string, string, number][] = [
      ['dvc.services_total', 'level', 1858],
      ['ioffice.units', 'level', 591],
      ['iso.units', 'level', 134],
      ['network.units', 'sector', 150],
      ['internet.subscribers', 'access', 675608],
      ['portal.documents', 'type', 455],
      ['dvc.dossiers_received', 'level', 12454 + 12052 + 13634],
    ];
    for (const [total, dimension, expected] of cases) {
      const parts = catalogue.partsOf(total).get(dimension) ?? [];
      const sum = parts.reduce((acc, part) => acc + (seed002.get(part.code) ?? 0), 0);
      assert.equal(sum, expected, `${total} by ${dimension}`);
    }
    assert.deepEqual(
      (catalogue.partsOf('dvc.dossiers_received').get('channel') ?? []).map((i) => i.code),
      ['dvc.dossiers_direct', 'dvc.dossiers_online'],
    );
    // The breakdowns issue 2 names: certificates by holder and token, articles by language.
    assert.deepEqual([...catalogue.partsOf('ca.total').keys()], ['holder']);
    assert.deepEqual((catalogue.partsOf('portal.articles').get('language') ?? []).map((i) => i.code).sort(), [
      'portal.articles_en',
      'portal.articles_km',
      'portal.articles_vi',
    ]);
  });

  test('seed 004 certificate error is representable: USB + SIM parts of personal certificates', () => {
    const tokens = (catalogue.partsOf('ca.personal').get('token') ?? []).map((i) => i.code).sort();
    assert.deepEqual(tokens, ['ca.personal_sim', 'ca.personal_usb']);
    const seed004 = new Map(goldValues('004').map((v) => [v.indicator, v.value]));
    assert.equal((seed004.get('ca.personal_usb') ?? 0) + (seed004.get('ca.personal_sim') ?? 0), 1754);
    assert.equal(seed004.get('ca.personal'), 1755);
  });

  test('required indicators are stated in every monthly seed', () => {
    const required = catalogue.indicators.filter((i) => i.required).map((i) => i.code);
    assert.ok(required.includes('ioffice.docs_sent') && required.includes('ca.total'));
    assert.ok(required.includes('dvc.dossiers_received') && required.includes('ioffice.signed_ratio'));
    for (const seed of MONTHLY_SEEDS) {
      const stated = new Set(goldValues(seed).map((v) => v.indicator));
      assert.deepEqual(
        required.filter((code) => !stated.has(code)),
        [],
        `seed ${seed}`,
      );
    }
  });

  test('only counts are integer: money in đồng yes, tấn, minutes per day and ratios no', () => {
    assert.equal(catalogue.get('postal.revenue')?.integer, true);
    assert.equal(catalogue.get('inspection.fines')?.integer, true);
    assert.equal(catalogue.get('ecommerce.produce_sold')?.integer, false);
    assert.equal(catalogue.get('radio.self_produced_minutes')?.integer, false);
    assert.equal(catalogue.get('telecom.mobile_density')?.integer, false);
    for (const i of catalogue.indicators)
      assert.ok(i.nameEn && i.nameEn.length > 0, `${i.code} has no nameEn`);
  });

  test('kinds follow the seeds: QR venues and hotline backlog are levels, hotline calls are counted', () => {
    assert.equal(catalogue.get('covid.qr_points')?.kind, 'stock');
    assert.equal(catalogue.get('covid.hotline_in_progress')?.kind, 'stock');
    assert.equal(catalogue.get('covid.hotline_in_progress')?.partOf, null);
    assert.equal(catalogue.get('covid.hotline_received')?.kind, 'flow');
  });

  test('user notes are plain guidance: no review annotations, no indicator codes, never empty', () => {
    for (const i of shipped) {
      assert.ok(i.reviewNotes && i.reviewNotes.length > 0, `${i.code} lost its review note`);
      if (i.notes === undefined) continue;
      assert.ok(i.notes.trim().length > 0, `${i.code} has an empty note`);
      assert.doesNotMatch(i.notes, /Seeds|gold|qualifier|scope/i, i.code);
      assert.doesNotMatch(i.notes, /\b[a-z]+\.[a-z_0-9]+\b/, i.code);
    }
    // What is seeded into the database and shown: the user note only.
    for (const i of catalogue.indicators) assert.equal('reviewNotes' in i, false, i.code);
    assert.equal(catalogue.get('ioffice.users')?.notes, undefined);
    assert.equal(
      catalogue.get('ca.total')?.notes,
      'Bằng tổng chứng thư số của tổ chức và của cá nhân. Số cuối kỳ bằng số cuối kỳ trước cộng số cấp mới, trừ số thu hồi trong kỳ.',
    );
  });

  test('every unit conversion the review noted is still told in the user note', () => {
    const converted = shipped
      .filter((i) => /quy về đồng|quy đổi/.test(i.reviewNotes ?? ''))
      .map((i) => i.code);
    assert.deepEqual(converted, [
      'postal.revenue',
      'ecommerce.produce_sold',
      'telecom.revenue',
      'inspection.fines',
    ]);
    for (const code of converted) assert.match(catalogue.get(code)?.notes ?? '', /được ghi là/, code);
    assert.equal(
      catalogue.get('postal.revenue')?.notes,
      'Giá trị ghi bằng đồng: "38,5 tỷ đồng" được ghi là 38.500.000.000 đồng. Thường là số ước.',
    );
    assert.equal(
      catalogue.get('ecommerce.produce_sold')?.notes,
      'Ghi bằng tấn: 850 kg được ghi là 0,85 tấn. Thường là số lũy kế từ đầu tháng 8/2021; có báo cáo chỉ nêu từng mặt hàng mà không nêu tổng.',
    );
    assert.equal(
      catalogue.get('inspection.fines')?.notes,
      'Giá trị ghi bằng đồng: "45 triệu đồng" được ghi là 45.000.000 đồng.',
    );
    assert.equal(catalogue.get('citizen.complaints_received')?.notes, '"Không có" được ghi là 0.');
  });
});
