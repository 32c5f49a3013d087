import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AggregatedValue, aggregateToPeriod, type StoredValue } from './aggregation.js';
import { Catalogue } from './indicator.js';
import { parsePeriod } from './period.js';

const catalogue = Catalogue.parse([
  { code: 'ioffice.docs_sent', name: 'Văn bản đi', unit: 'văn bản', section: 'cntt', kind: 'flow' },
  {
    code: 'ioffice.docs_signed',
    name: 'Văn bản đi được ký số',
    unit: 'văn bản',
    section: 'cntt',
    kind: 'flow',
    partOf: 'ioffice.docs_sent',
  },
  {
    code: 'ioffice.signed_ratio',
    name: 'Tỷ lệ văn bản đi được ký số',
    unit: '%',
    section: 'cntt',
    kind: 'ratio',
    integer: false,
    formula: { numerator: 'ioffice.docs_signed', denominator: 'ioffice.docs_sent' },
  },
  { code: 'ca.issued', name: 'Chứng thư số cấp mới', unit: 'chứng thư số', section: 'cntt', kind: 'flow' },
  { code: 'ca.revoked', name: 'Chứng thư số thu hồi', unit: 'chứng thư số', section: 'cntt', kind: 'flow' },
  {
    code: 'ca.total',
    name: 'Chứng thư số đang hoạt động',
    unit: 'chứng thư số',
    section: 'cntt',
    kind: 'stock',
  },
  { code: 'dvc.dossiers_received', name: 'Hồ sơ tiếp nhận', unit: 'hồ sơ', section: 'cntt', kind: 'flow' },
  {
    code: 'dvc.dossiers_direct',
    name: 'Hồ sơ trực tiếp',
    unit: 'hồ sơ',
    section: 'cntt',
    kind: 'flow',
    partOf: 'dvc.dossiers_received',
    dimension: 'channel',
  },
  {
    code: 'dvc.dossiers_online',
    name: 'Hồ sơ trực tuyến',
    unit: 'hồ sơ',
    section: 'cntt',
    kind: 'flow',
    partOf: 'dvc.dossiers_received',
    dimension: 'channel',
  },
  { code: 'covid.pccovid_installs', name: 'Lượt cài PC-Covid', unit: 'lượt', section: 'cntt', kind: 'flow' },
]);

// A full synthetic year 2021, one report per month, all figures consistent with each other.
// Columns: docs sent, docs signed, certificates issued, revoked, in force at month end,
// dossiers direct, online, received (= direct + online).
const YEAR_2021: Array<[string, number, number, number, number, number, number, number, number]> = [
  ['2021-01', 1000, 700, 10, 2, 2008, 300, 100, 400],
  ['2021-02', 800, 600, 5, 0, 2013, 250, 120, 370],
  ['2021-03', 1200, 1000, 20, 3, 2030, 320, 130, 450],
  ['2021-04', 1100, 880, 7, 2, 2035, 310, 140, 450],
  ['2021-05', 1000, 850, 0, 5, 2030, 280, 150, 430],
  ['2021-06', 900, 720, 12, 4, 2038, 290, 160, 450],
  ['2021-07', 1300, 1040, 8, 1, 2045, 260, 170, 430],
  ['2021-08', 1000, 900, 6, 6, 2045, 270, 180, 450],
  ['2021-09', 1100, 990, 15, 0, 2060, 300, 190, 490],
  ['2021-10', 1200, 1020, 3, 8, 2055, 310, 200, 510],
  ['2021-11', 1000, 900, 9, 2, 2062, 290, 210, 500],
  ['2021-12', 1400, 1260, 11, 3, 2070, 330, 220, 550],
];

function yearValues(): StoredValue[] {
  const values: StoredValue[] = [
    // December 2020 lies outside every 2021 period and must never be counted.
    { indicator: 'ca.total', periodId: '2020-12', value: 2000, scope: 'as_of_end' },
    { indicator: 'ioffice.docs_sent', periodId: '2020-12', value: 999_999, scope: 'period' },
  ];
  for (const [month, sent, signed, issued, revoked, total, direct, online, received] of YEAR_2021) {
    values.push(
      { indicator: 'ioffice.docs_sent', periodId: month, value: sent, scope: 'period' },
      { indicator: 'ioffice.docs_signed', periodId: month, value: signed, scope: 'period' },
      // Each monthly report also states its own ratio; these must not be averaged.
      { indicator: 'ioffice.signed_ratio', periodId: month, value: (signed / sent) * 100, scope: 'period' },
      { indicator: 'ca.issued', periodId: month, value: issued, scope: 'period' },
      { indicator: 'ca.revoked', periodId: month, value: revoked, scope: 'period' },
      { indicator: 'ca.total', periodId: month, value: total, scope: 'as_of_end' },
      { indicator: 'dvc.dossiers_direct', periodId: month, value: direct, scope: 'period' },
      { indicator: 'dvc.dossiers_online', periodId: month, value: online, scope: 'period' },
      { indicator: 'dvc.dossiers_received', periodId: month, value: received, scope: 'period' },
    );
  }
  return values;
}

function find(results: AggregatedValue[], indicator: string): AggregatedValue {
  const found = results.filter((r) => r.indicator === indicator);
  assert.equal(found.length, 1, `exactly one result for ${indicator}`);
  return found[0]!;
}

function aggregated(results: AggregatedValue[], indicator: string): number | null {
  return find(results, indicator).value;
}

describe('aggregateToPeriod over a full synthetic year', () => {
  const values = yearValues();

  test('2021-Q1', () => {
    // sent 1000+800+1200 = 3000; signed 700+600+1000 = 2300; ratio 2300/3000 = 76,666…%
    // issued 10+5+20 = 35; revoked 2+0+3 = 5; in force at end of March 2030 (= 2000 + 35 − 5)
    // direct 300+250+320 = 870; online 100+120+130 = 350; received 400+370+450 = 1220
    const r = aggregateToPeriod(catalogue, parsePeriod('2021-Q1'), values);
    assert.equal(aggregated(r, 'ioffice.docs_sent'), 3000);
    assert.equal(aggregated(r, 'ioffice.docs_signed'), 2300);
    assert.ok(Math.abs(aggregated(r, 'ioffice.signed_ratio')! - 76.6666667) < 1e-6);
    assert.equal(aggregated(r, 'ca.issued'), 35);
    assert.equal(aggregated(r, 'ca.revoked'), 5);
    assert.equal(aggregated(r, 'ca.total'), 2030);
    assert.equal(find(r, 'ca.total').asOfPeriodId, '2021-03');
    assert.equal(aggregated(r, 'dvc.dossiers_direct'), 870);
    assert.equal(aggregated(r, 'dvc.dossiers_online'), 350);
    assert.equal(aggregated(r, 'dvc.dossiers_received'), 1220);
    for (const result of r) {
      assert.equal(result.monthsExpected, 3);
      assert.equal(result.monthsPresent, 3, result.indicator);
      assert.equal(result.complete, true, result.indicator);
    }
  });

  test('2021-H1', () => {
    // sent 3000 + 1100+1000+900 = 6000; signed 2300 + 880+850+720 = 4750; ratio 79,1666…%
    // issued 35 + 7+0+12 = 54; revoked 5 + 2+5+4 = 16; total 2038 (= 2000 + 54 − 16)
    // direct 870 + 310+280+290 = 1750; online 350 + 140+150+160 = 800; received 1220 + 1330 = 2550
    const r = aggregateToPeriod(catalogue, parsePeriod('2021-H1'), values);
    assert.equal(aggregated(r, 'ioffice.docs_sent'), 6000);
    assert.equal(aggregated(r, 'ioffice.docs_signed'), 4750);
    assert.ok(Math.abs(aggregated(r, 'ioffice.signed_ratio')! - 79.1666667) < 1e-6);
    assert.equal(aggregated(r, 'ca.issued'), 54);
    assert.equal(aggregated(r, 'ca.revoked'), 16);
    assert.equal(aggregated(r, 'ca.total'), 2038);
    assert.equal(find(r, 'ca.total').asOfPeriodId, '2021-06');
    assert.equal(aggregated(r, 'dvc.dossiers_direct'), 1750);
    assert.equal(aggregated(r, 'dvc.dossiers_online'), 800);
    assert.equal(aggregated(r, 'dvc.dossiers_received'), 2550);
    assert.equal(find(r, 'dvc.dossiers_received').monthsPresent, 6);
  });

  test('2021-9M', () => {
    // sent 6000 + 1300+1000+1100 = 9400; signed 4750 + 1040+900+990 = 7680; ratio 81,7021…%
    // issued 54 + 8+6+15 = 83; revoked 16 + 1+6+0 = 23; total 2060 (= 2000 + 83 − 23)
    // direct 1750 + 260+270+300 = 2580; online 800 + 170+180+190 = 1340; received 2550 + 1370 = 3920
    const r = aggregateToPeriod(catalogue, parsePeriod('2021-9M'), values);
    assert.equal(aggregated(r, 'ioffice.docs_sent'), 9400);
    assert.equal(aggregated(r, 'ioffice.docs_signed'), 7680);
    assert.ok(Math.abs(aggregated(r, 'ioffice.signed_ratio')! - 81.7021277) < 1e-6);
    assert.equal(aggregated(r, 'ca.issued'), 83);
    assert.equal(aggregated(r, 'ca.revoked'), 23);
    assert.equal(aggregated(r, 'ca.total'), 2060);
    assert.equal(find(r, 'ca.total').asOfPeriodId, '2021-09');
    assert.equal(aggregated(r, 'dvc.dossiers_direct'), 2580);
    assert.equal(aggregated(r, 'dvc.dossiers_online'), 1340);
    assert.equal(aggregated(r, 'dvc.dossiers_received'), 3920);
    assert.equal(find(r, 'ca.issued').monthsExpected, 9);
  });

  test('2021 (year)', () => {
    // sent 9400 + 1200+1000+1400 = 13000; signed 7680 + 1020+900+1260 = 10860; ratio 83,5384…%
    // issued 83 + 3+9+11 = 106; revoked 23 + 8+2+3 = 36; total 2070 (= 2000 + 106 − 36)
    // direct 2580 + 310+290+330 = 3510; online 1340 + 200+210+220 = 1970; received 3920 + 1560 = 5480
    const r = aggregateToPeriod(catalogue, parsePeriod('2021'), values);
    assert.equal(aggregated(r, 'ioffice.docs_sent'), 13000);
    assert.equal(aggregated(r, 'ioffice.docs_signed'), 10860);
    assert.ok(Math.abs(aggregated(r, 'ioffice.signed_ratio')! - 83.5384615) < 1e-6);
    assert.equal(aggregated(r, 'ca.issued'), 106);
    assert.equal(aggregated(r, 'ca.revoked'), 36);
    assert.equal(aggregated(r, 'ca.total'), 2070);
    assert.equal(find(r, 'ca.total').asOfPeriodId, '2021-12');
    assert.equal(aggregated(r, 'dvc.dossiers_direct'), 3510);
    assert.equal(aggregated(r, 'dvc.dossiers_online'), 1970);
    assert.equal(aggregated(r, 'dvc.dossiers_received'), 5480);
    assert.deepEqual(
      r.map((x) => [x.indicator, x.method]),
      [
        ['ca.issued', 'sum'],
        ['ca.revoked', 'sum'],
        ['ca.total', 'last'],
        ['dvc.dossiers_direct', 'sum'],
        ['dvc.dossiers_online', 'sum'],
        ['dvc.dossiers_received', 'sum'],
        ['ioffice.docs_sent', 'sum'],
        ['ioffice.docs_signed', 'sum'],
        ['ioffice.signed_ratio', 'ratio'],
      ],
    );
    for (const result of r) assert.equal(result.complete, true, result.indicator);
  });

  test('the recomputed ratio differs from the average of the monthly ratios', () => {
    // Monthly ratios in Q1: 70%, 75%, 83,33% → average 76,11%; the real Q1 ratio is 2300/3000 = 76,67%.
    const r = aggregateToPeriod(catalogue, parsePeriod('2021-Q1'), values);
    const ratio = find(r, 'ioffice.signed_ratio');
    assert.equal(ratio.method, 'ratio');
    const average = (70 + 75 + 1000 / 12) / 3;
    assert.ok(Math.abs(average - 76.1111111) < 1e-6);
    assert.ok(Math.abs(ratio.value! - average) > 0.5);
  });

  test('a month target takes the month values as stored', () => {
    const r = aggregateToPeriod(catalogue, parsePeriod('2021-04'), values);
    assert.equal(aggregated(r, 'ioffice.docs_sent'), 1100);
    assert.equal(find(r, 'ioffice.docs_sent').method, 'stored');
    assert.equal(aggregated(r, 'ioffice.signed_ratio'), 80);
    assert.equal(find(r, 'ioffice.signed_ratio').method, 'stored');
    assert.equal(aggregated(r, 'ca.total'), 2035);
  });
});

describe('aggregateToPeriod completeness', () => {
  test('a missing month of a flow: 11 of 12 months, incomplete', () => {
    const values = yearValues().filter(
      (v) => !(v.indicator === 'ioffice.docs_sent' && v.periodId === '2021-07'),
    );
    const r = aggregateToPeriod(catalogue, parsePeriod('2021'), values);
    const sent = find(r, 'ioffice.docs_sent');
    // 13000 − 1300 (July)
    assert.equal(sent.value, 11700);
    assert.equal(sent.monthsPresent, 11);
    assert.equal(sent.monthsExpected, 12);
    assert.equal(sent.complete, false);
    const ratio = find(r, 'ioffice.signed_ratio');
    assert.equal(ratio.complete, false);
    assert.equal(ratio.monthsPresent, 11);
    // Other indicators stay complete.
    assert.equal(find(r, 'ioffice.docs_signed').complete, true);
  });

  test('a stock whose last month is missing stands at the month before and is incomplete', () => {
    const values = yearValues().filter((v) => !(v.indicator === 'ca.total' && v.periodId === '2021-12'));
    const total = find(aggregateToPeriod(catalogue, parsePeriod('2021'), values), 'ca.total');
    assert.equal(total.value, 2062);
    assert.equal(total.asOfPeriodId, '2021-11');
    assert.equal(total.monthsPresent, 11);
    assert.equal(total.complete, false);
  });

  test('a stock missing a middle month is still complete at the period end', () => {
    const values = yearValues().filter((v) => !(v.indicator === 'ca.total' && v.periodId === '2021-05'));
    const total = find(aggregateToPeriod(catalogue, parsePeriod('2021-H1'), values), 'ca.total');
    assert.equal(total.value, 2038);
    assert.equal(total.monthsPresent, 5);
    assert.equal(total.complete, true);
  });

  test('indicators with no value inside the period are left out', () => {
    const r = aggregateToPeriod(catalogue, parsePeriod('2020-Q4'), yearValues());
    assert.deepEqual(
      r.map((x) => [x.indicator, x.value, x.monthsPresent]),
      [
        ['ca.total', 2000, 1],
        ['ioffice.docs_sent', 999_999, 1],
      ],
    );
    // The ratio's numerator is missing: it is not invented.
    assert.equal(
      r.find((x) => x.indicator === 'ioffice.signed_ratio'),
      undefined,
    );
  });
});

describe('aggregateToPeriod precedence and special cases', () => {
  test("a value stored for the period itself wins (the 9-month report's own figure)", () => {
    const values: StoredValue[] = [
      ...yearValues(),
      { indicator: 'ioffice.docs_sent', periodId: '2021-9M', value: 9500, scope: 'period' },
    ];
    const nineMonths = aggregateToPeriod(catalogue, parsePeriod('2021-9M'), values);
    const sent = find(nineMonths, 'ioffice.docs_sent');
    assert.equal(sent.method, 'stored');
    assert.equal(sent.value, 9500);
    assert.equal(sent.complete, true);
    // The ratio is recomputed from the stored denominator: 7680 / 9500 = 80,8421…%
    assert.ok(Math.abs(aggregated(nineMonths, 'ioffice.signed_ratio')! - 80.8421053) < 1e-6);
    // The year takes the 9-month figure plus October–December: 9500 + 1200 + 1000 + 1400 = 13100.
    const year = find(aggregateToPeriod(catalogue, parsePeriod('2021'), values), 'ioffice.docs_sent');
    assert.equal(year.value, 13100);
    assert.equal(year.method, 'sum');
    assert.equal(year.monthsPresent, 12);
    // A quarter inside the 9 months is still built from its months: 1300 + 1000 + 1100 = 3400.
    assert.equal(
      aggregated(aggregateToPeriod(catalogue, parsePeriod('2021-Q3'), values), 'ioffice.docs_sent'),
      3400,
    );
  });

  test('stored sub-periods are used longest first and no month is counted twice', () => {
    // A half-year report (6100) plus all twelve months: H1 replaces January–June,
    // so 6100 + 1300+1000+1100+1200+1000+1400 (= 7000) = 13100, not 13000 + 6100.
    const values: StoredValue[] = [
      ...yearValues(),
      { indicator: 'ioffice.docs_sent', periodId: '2021-H1', value: 6100 },
      { indicator: 'ioffice.docs_sent', periodId: '2021-Q1', value: 3050 },
    ];
    const year = find(aggregateToPeriod(catalogue, parsePeriod('2021'), values), 'ioffice.docs_sent');
    assert.equal(year.value, 13100);
    assert.equal(year.complete, true);
    // Inside H1 itself the stored H1 wins; Q2 comes from its months: 1100 + 1000 + 900 = 3000.
    assert.equal(
      aggregated(aggregateToPeriod(catalogue, parsePeriod('2021-H1'), values), 'ioffice.docs_sent'),
      6100,
    );
    assert.equal(
      aggregated(aggregateToPeriod(catalogue, parsePeriod('2021-Q2'), values), 'ioffice.docs_sent'),
      3000,
    );
  });

  test('sparse history as imported from old reports: a 9-month report and one month of the year', () => {
    // Seeds 002 (9 months 2021) and 004 (April 2021): April lies inside the 9 months and is not added again.
    const values: StoredValue[] = [
      { indicator: 'ioffice.docs_sent', periodId: '2021-9M', value: 150_000 },
      { indicator: 'ioffice.docs_sent', periodId: '2021-04', value: 18_182 },
      { indicator: 'ca.total', periodId: '2021-04', value: 2223 },
      { indicator: 'ca.total', periodId: '2021-9M', value: 2400 },
    ];
    const r = aggregateToPeriod(catalogue, parsePeriod('2021'), values);
    const sent = find(r, 'ioffice.docs_sent');
    assert.deepEqual([sent.value, sent.monthsPresent, sent.complete], [150_000, 9, false]);
    const total = find(r, 'ca.total');
    assert.deepEqual([total.value, total.asOfPeriodId, total.complete], [2400, '2021-09', false]);
  });

  test("a stock's month figure is preferred to a longer period ending in the same month", () => {
    const values: StoredValue[] = [
      { indicator: 'ca.total', periodId: '2021-9M', value: 2061 },
      { indicator: 'ca.total', periodId: '2021-09', value: 2060 },
      { indicator: 'ca.total', periodId: '2021-Q3', value: 2062 },
    ];
    const total = find(aggregateToPeriod(catalogue, parsePeriod('2021'), values), 'ca.total');
    assert.equal(total.value, 2060);
    assert.equal(total.monthsPresent, 1);
  });

  test('malformed period ids are ignored', () => {
    const values: StoredValue[] = [
      { indicator: 'ca.issued', periodId: '2021-13', value: 99 },
      { indicator: 'ca.issued', periodId: '2021-01', value: 1 },
    ];
    assert.equal(aggregated(aggregateToPeriod(catalogue, parsePeriod('2021'), values), 'ca.issued'), 1);
  });

  test('a stated ratio stored for the period wins over the recomputed one', () => {
    const values: StoredValue[] = [
      ...yearValues(),
      { indicator: 'ioffice.signed_ratio', periodId: '2021-Q1', value: 76.5, scope: 'period' },
    ];
    const ratio = find(aggregateToPeriod(catalogue, parsePeriod('2021-Q1'), values), 'ioffice.signed_ratio');
    assert.equal(ratio.method, 'stored');
    assert.equal(ratio.value, 76.5);
  });

  test('a ratio whose denominator is missing is null, never an average', () => {
    const values = yearValues().filter((v) => v.indicator !== 'ioffice.docs_sent');
    const ratio = find(aggregateToPeriod(catalogue, parsePeriod('2021-Q1'), values), 'ioffice.signed_ratio');
    assert.equal(ratio.value, null);
    assert.equal(ratio.method, 'ratio');
    assert.equal(ratio.complete, false);
  });

  test('a ratio with neither part stays unknown', () => {
    const values = yearValues().filter((v) => !v.indicator.startsWith('ioffice.docs'));
    const ratio = find(aggregateToPeriod(catalogue, parsePeriod('2021'), values), 'ioffice.signed_ratio');
    assert.equal(ratio.value, null);
  });

  test('values of several units are added: flows month by month, stocks from each unit’s last month', () => {
    const values: StoredValue[] = [
      { indicator: 'ioffice.docs_sent', periodId: '2021-01', value: 100, unitId: 'vp' },
      { indicator: 'ioffice.docs_sent', periodId: '2021-02', value: 120, unitId: 'vp' },
      { indicator: 'ioffice.docs_sent', periodId: '2021-03', value: 90, unitId: 'vp' },
      { indicator: 'ioffice.docs_sent', periodId: '2021-01', value: 40, unitId: 'tt' },
      { indicator: 'ioffice.docs_sent', periodId: '2021-03', value: 60, unitId: 'tt' },
      { indicator: 'ca.total', periodId: '2021-01', value: 100, unitId: 'vp' },
      { indicator: 'ca.total', periodId: '2021-02', value: 110, unitId: 'vp' },
      { indicator: 'ca.total', periodId: '2021-03', value: 120, unitId: 'vp' },
      { indicator: 'ca.total', periodId: '2021-01', value: 50, unitId: 'tt' },
      { indicator: 'ca.total', periodId: '2021-02', value: 55, unitId: 'tt' },
    ];
    const r = aggregateToPeriod(catalogue, parsePeriod('2021-Q1'), values);
    // 100+120+90 + 40+60 = 410, with a value in each of the 3 months
    assert.equal(aggregated(r, 'ioffice.docs_sent'), 410);
    assert.equal(find(r, 'ioffice.docs_sent').complete, true);
    // vp's March 120 + tt's February 55 = 175; tt has nothing for March, so only as of February
    const total = find(r, 'ca.total');
    assert.equal(total.value, 175);
    assert.equal(total.asOfPeriodId, '2021-02');
    assert.equal(total.complete, false);
  });

  test('default scopes come from the indicator kind; cumulative values take the last month', () => {
    const values: StoredValue[] = [
      { indicator: 'ca.total', periodId: '2021-01', value: 10 },
      { indicator: 'ca.total', periodId: '2021-02', value: 12 },
      { indicator: 'ca.issued', periodId: '2021-01', value: 3 },
      { indicator: 'ca.issued', periodId: '2021-02', value: 2 },
      // "lũy kế": installs since the app launched, stated each month
      { indicator: 'covid.pccovid_installs', periodId: '2021-01', value: 1000, scope: 'cumulative' },
      { indicator: 'covid.pccovid_installs', periodId: '2021-02', value: 1500, scope: 'cumulative' },
      { indicator: 'covid.pccovid_installs', periodId: '2021-02', value: 700, scope: 'period' },
    ];
    const r = aggregateToPeriod(catalogue, parsePeriod('2021-Q1'), values);
    assert.deepEqual(
      r.map((x) => [x.indicator, x.scope, x.method, x.value]),
      [
        ['ca.issued', 'period', 'sum', 5],
        ['ca.total', 'as_of_end', 'last', 12],
        ['covid.pccovid_installs', 'cumulative', 'last', 1500],
        ['covid.pccovid_installs', 'period', 'sum', 700],
      ],
    );
  });

  test('breakdown labels form separate series', () => {
    const values: StoredValue[] = [
      { indicator: 'ioffice.docs_sent', periodId: '2021-01', value: 5 },
      { indicator: 'ioffice.docs_sent', periodId: '2021-01', value: 7, breakdown: 'VNPT Trà Vinh' },
      { indicator: 'ioffice.docs_sent', periodId: '2021-02', value: 8, breakdown: 'VNPT Trà Vinh' },
    ];
    const r = aggregateToPeriod(catalogue, parsePeriod('2021-Q1'), values);
    assert.deepEqual(
      r.map((x) => [x.breakdown ?? null, x.value, x.monthsPresent]),
      [
        [null, 5, 1],
        ['VNPT Trà Vinh', 15, 2],
      ],
    );
  });

  test('decimal amounts add up without floating-point noise', () => {
    const values: StoredValue[] = [
      { indicator: 'ioffice.docs_sent', periodId: '2021-01', value: 0.1 },
      { indicator: 'ioffice.docs_sent', periodId: '2021-02', value: 0.2 },
    ];
    assert.equal(
      aggregated(aggregateToPeriod(catalogue, parsePeriod('2021-Q1'), values), 'ioffice.docs_sent'),
      0.3,
    );
  });
});
