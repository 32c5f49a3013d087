import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from './errors.js';
import {
  comparePeriods,
  isPeriodId,
  lastMonthOf,
  monthIdsOf,
  monthOfDate,
  nextPeriod,
  openingPeriodOf,
  type Period,
  parsePeriod,
  periodContains,
  periodDateRange,
  periodId,
  periodIdsInside,
  periodKindOfReport,
  periodLabelEn,
  periodLabelVi,
  periodRange,
  planPeriodLabelVi,
  planPeriodOf,
  previousPeriod,
  reportKindOf,
  samePeriodLastYear,
} from './period.js';

const p = parsePeriod;
const id = (period: Period): string => periodId(period);

describe('parsePeriod / periodId', () => {
  test('every kind parses into its parts', () => {
    assert.deepEqual(p('2022-04'), { kind: 'month', year: 2022, index: 4 });
    assert.deepEqual(p('2022-Q1'), { kind: 'quarter', year: 2022, index: 1 });
    assert.deepEqual(p('2022-H1'), { kind: 'half_year', year: 2022, index: 1 });
    assert.deepEqual(p('2021-9M'), { kind: 'nine_months', year: 2021, index: 0 });
    assert.deepEqual(p('2017'), { kind: 'year', year: 2017, index: 0 });
  });

  test('round-trips', () => {
    for (const text of [
      '2022-04',
      '2022-01',
      '2022-12',
      '2022-Q1',
      '2022-Q4',
      '2022-H1',
      '2022-H2',
      '2021-9M',
      '2017',
    ]) {
      assert.equal(id(p(text)), text);
    }
  });

  test('pads the month and tolerates surrounding spaces', () => {
    assert.equal(id({ kind: 'month', year: 2022, index: 4 }), '2022-04');
    assert.equal(id(p(' 2022-04 ')), '2022-04');
    assert.equal(id(p('2022-q1')), '2022-Q1');
    assert.equal(id(p('2022-h2')), '2022-H2');
    assert.equal(id(p('2021-9m')), '2021-9M');
  });

  test('refuses malformed ids with AppError period.invalid naming the input', () => {
    for (const bad of [
      '2022-13',
      '2022-00',
      '2022-Q5',
      '2022-Q0',
      '2022-H3',
      '2022-4',
      'abc',
      '',
      '22-04',
      '2022-10M',
      '1850',
    ]) {
      assert.throws(
        () => p(bad),
        (error: unknown) =>
          error instanceof AppError && error.code === 'period.invalid' && error.status === 400,
        bad,
      );
      assert.equal(isPeriodId(bad), false, bad);
    }
    assert.throws(() => p('2022-13'), /"2022-13"/);
    assert.equal(isPeriodId('2022-Q2'), true);
  });

  test('report kinds map both ways', () => {
    assert.equal(reportKindOf(p('2022-04')), 'monthly');
    assert.equal(reportKindOf(p('2021-9M')), 'nine_months');
    assert.equal(reportKindOf(p('2017')), 'annual');
    assert.equal(periodKindOfReport('quarterly'), 'quarter');
    assert.equal(periodKindOfReport('half_year'), 'half_year');
  });
});

describe('months of a period', () => {
  test('each kind contains its months', () => {
    assert.deepEqual(monthIdsOf(p('2022-04')), ['2022-04']);
    assert.deepEqual(monthIdsOf(p('2022-Q2')), ['2022-04', '2022-05', '2022-06']);
    assert.deepEqual(monthIdsOf(p('2022-H2')), [
      '2022-07',
      '2022-08',
      '2022-09',
      '2022-10',
      '2022-11',
      '2022-12',
    ]);
    assert.equal(monthIdsOf(p('2021-9M')).length, 9);
    assert.equal(monthIdsOf(p('2021-9M')).at(-1), '2021-09');
    assert.equal(monthIdsOf(p('2017')).length, 12);
    assert.deepEqual(lastMonthOf(p('2021-9M')), { year: 2021, month: 9 });
  });

  test('periods inside a period, longest first', () => {
    assert.deepEqual(periodIdsInside(p('2021-9M')), [
      '2021-9M',
      '2021-H1',
      '2021-Q1',
      '2021-Q2',
      '2021-Q3',
      ...['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((m) => `2021-${m}`),
    ]);
    assert.equal(periodIdsInside(p('2021')).length, 1 + 1 + 2 + 4 + 12);
    assert.deepEqual(periodIdsInside(p('2022-Q2')), ['2022-Q2', '2022-04', '2022-05', '2022-06']);
    assert.deepEqual(periodIdsInside(p('2022-04')), ['2022-04']);
  });

  test('containment', () => {
    assert.equal(periodContains(p('2022-Q2'), p('2022-04')), true);
    assert.equal(periodContains(p('2022-H1'), p('2022-Q2')), true);
    assert.equal(periodContains(p('2022-9M'), p('2022-Q3')), true);
    assert.equal(periodContains(p('2022-9M'), p('2022-10')), false);
    assert.equal(periodContains(p('2022'), p('2021-12')), false);
  });

  test('ordering: by end month, then the shorter first', () => {
    const sorted = ['2022', '2022-Q1', '2022-03', '2021-12', '2022-H1', '2022-9M']
      .map(p)
      .sort(comparePeriods)
      .map(id);
    assert.deepEqual(sorted, ['2021-12', '2022-03', '2022-Q1', '2022-H1', '2022-9M', '2022']);
  });
});

describe('previous, next, same period last year, plan period', () => {
  test('across the year boundary', () => {
    assert.equal(id(previousPeriod(p('2022-01'))), '2021-12');
    assert.equal(id(previousPeriod(p('2022-Q1'))), '2021-Q4');
    assert.equal(id(previousPeriod(p('2022-H1'))), '2021-H2');
    assert.equal(id(nextPeriod(p('2021-12'))), '2022-01');
    assert.equal(id(nextPeriod(p('2021-Q4'))), '2022-Q1');
    assert.equal(id(nextPeriod(p('2022-H1'))), '2022-H2');
    assert.equal(id(nextPeriod(p('2022-H2'))), '2023-H1');
  });

  test('inside the year', () => {
    assert.equal(id(previousPeriod(p('2022-04'))), '2022-03');
    assert.equal(id(previousPeriod(p('2022-Q3'))), '2022-Q2');
    assert.equal(id(previousPeriod(p('2022-H2'))), '2022-H1');
  });

  test('nine months and years step by a year', () => {
    assert.equal(id(previousPeriod(p('2021-9M'))), '2020-9M');
    assert.equal(id(previousPeriod(p('2017'))), '2016');
    assert.equal(id(nextPeriod(p('2017'))), '2018');
  });

  test('same period last year', () => {
    assert.equal(id(samePeriodLastYear(p('2022-04'))), '2021-04');
    assert.equal(id(samePeriodLastYear(p('2021-9M'))), '2020-9M');
    assert.equal(id(samePeriodLastYear(p('2022-Q1'))), '2021-Q1');
  });

  test('plan period of each report kind', () => {
    assert.equal(id(planPeriodOf(p('2022-04'))), '2022-05');
    assert.equal(id(planPeriodOf(p('2021-12'))), '2022-01');
    assert.equal(id(planPeriodOf(p('2022-Q1'))), '2022-Q2');
    assert.equal(id(planPeriodOf(p('2022-H1'))), '2022-H2');
    assert.equal(id(planPeriodOf(p('2021-9M'))), '2021-Q4');
    assert.equal(id(planPeriodOf(p('2017'))), '2018');
  });
});

describe('labels', () => {
  test('Vietnamese labels as the reports write them', () => {
    assert.equal(periodLabelVi(p('2022-04')), 'tháng 4 năm 2022');
    assert.equal(periodLabelVi(p('2021-12')), 'tháng 12 năm 2021');
    assert.equal(periodLabelVi(p('2022-Q1')), 'quý I năm 2022');
    assert.equal(periodLabelVi(p('2021-Q4')), 'quý IV năm 2021');
    assert.equal(periodLabelVi(p('2022-H1')), '6 tháng đầu năm 2022');
    assert.equal(periodLabelVi(p('2022-H2')), '6 tháng cuối năm 2022');
    assert.equal(periodLabelVi(p('2021-9M')), '9 tháng đầu năm 2021');
    assert.equal(periodLabelVi(p('2017')), 'năm 2017');
  });

  test('plan period labels', () => {
    assert.equal(planPeriodLabelVi(p('2021-9M')), '3 tháng cuối năm 2021');
    assert.equal(planPeriodLabelVi(p('2017')), 'năm 2018');
    assert.equal(planPeriodLabelVi(p('2021-04')), 'tháng 5 năm 2021');
    assert.equal(planPeriodLabelVi(p('2022-H1')), '6 tháng cuối năm 2022');
    assert.equal(planPeriodLabelVi(p('2021-12')), 'tháng 1 năm 2022');
  });

  test('English labels', () => {
    assert.equal(periodLabelEn(p('2022-04')), 'Apr 2022');
    assert.equal(periodLabelEn(p('2022-Q1')), 'Q1 2022');
    assert.equal(periodLabelEn(p('2022-H2')), 'H2 2022');
    assert.equal(periodLabelEn(p('2021-9M')), '9 months 2021');
    assert.equal(periodLabelEn(p('2017')), '2017');
  });
});

describe('data cut-off (Decree 09/2019/NĐ-CP or calendar months)', () => {
  test('calendar ranges', () => {
    assert.deepEqual(periodDateRange(p('2022-04')), { start: '2022-04-01', end: '2022-04-30' });
    assert.deepEqual(periodDateRange(p('2024-02')), { start: '2024-02-01', end: '2024-02-29' });
    assert.deepEqual(periodDateRange(p('2022-Q1')), { start: '2022-01-01', end: '2022-03-31' });
    assert.deepEqual(periodDateRange(p('2021-9M')), { start: '2021-01-01', end: '2021-09-30' });
    assert.deepEqual(periodDateRange(p('2022')), { start: '2022-01-01', end: '2022-12-31' });
  });

  test('decree09: a month runs from the 15th of the month before to the 14th', () => {
    assert.deepEqual(periodDateRange(p('2022-04'), 'decree09'), { start: '2022-03-15', end: '2022-04-14' });
    assert.deepEqual(periodDateRange(p('2022-01'), 'decree09'), { start: '2021-12-15', end: '2022-01-14' });
    assert.deepEqual(periodDateRange(p('2022-Q1'), 'decree09'), { start: '2021-12-15', end: '2022-03-14' });
    assert.deepEqual(periodDateRange(p('2022-H2'), 'decree09'), { start: '2022-06-15', end: '2022-12-14' });
    assert.deepEqual(periodDateRange(p('2021-9M'), 'decree09'), { start: '2020-12-15', end: '2021-09-14' });
    assert.deepEqual(periodDateRange(p('2022'), 'decree09'), { start: '2021-12-15', end: '2022-12-14' });
  });

  test('the month a dated event counts in', () => {
    assert.equal(id(monthOfDate('2022-12-20', 'decree09')), '2023-01');
    assert.equal(id(monthOfDate('2022-12-20')), '2022-12');
    assert.equal(id(monthOfDate('2022-04-14', 'decree09')), '2022-04');
    assert.equal(id(monthOfDate('2022-04-15', 'decree09')), '2022-05');
    assert.equal(id(monthOfDate('2022-03-15', 'decree09')), '2022-04');
    assert.equal(id(monthOfDate('2022-01-01', 'decree09')), '2022-01');
  });

  test('every day of a decree09 year falls in exactly one of its months', () => {
    const range = periodDateRange(p('2022'), 'decree09');
    const counts = new Map<string, number>();
    for (let t = Date.parse(range.start); t <= Date.parse(range.end); t += 86_400_000) {
      const month = id(monthOfDate(new Date(t).toISOString().slice(0, 10), 'decree09'));
      counts.set(month, (counts.get(month) ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()], monthIdsOf(p('2022')));
    // 15/12/2021 … 14/12/2022 is 365 days.
    assert.equal(
      [...counts.values()].reduce((a, b) => a + b, 0),
      365,
    );
    for (const month of monthIdsOf(p('2022'))) {
      const r = periodDateRange(p(month), 'decree09');
      const days = (Date.parse(r.end) - Date.parse(r.start)) / 86_400_000 + 1;
      assert.equal(counts.get(month), days, month);
    }
  });
});

describe('openingPeriodOf', () => {
  test('a month, quarter or half opens on the one before; 9 months and a year on the previous year', () => {
    assert.equal(periodId(openingPeriodOf(parsePeriod('2022-01'))), '2021-12');
    assert.equal(periodId(openingPeriodOf(parsePeriod('2022-Q2'))), '2022-Q1');
    assert.equal(periodId(openingPeriodOf(parsePeriod('2022-H1'))), '2021-H2');
    assert.equal(periodId(openingPeriodOf(parsePeriod('2021-9M'))), '2020');
    assert.equal(periodId(openingPeriodOf(parsePeriod('2017'))), '2016');
  });
});

describe('periodRange', () => {
  const ids = (from: string, to?: string) => periodRange(from, to).map(id);

  test('every period of one kind from the first to the last, both included', () => {
    assert.deepEqual(ids('2022-01', '2022-12'), monthIdsOf(p('2022')));
    assert.deepEqual(ids('2021-Q3', '2022-Q2'), ['2021-Q3', '2021-Q4', '2022-Q1', '2022-Q2']);
    assert.deepEqual(ids('2021-H2', '2022-H1'), ['2021-H2', '2022-H1']);
    assert.deepEqual(ids('2020-9M', '2021-9M'), ['2020-9M', '2021-9M']);
    assert.deepEqual(ids('2017', '2019'), ['2017', '2018', '2019']);
    assert.deepEqual(ids('2021-04'), ['2021-04']);
    assert.deepEqual(ids('2021-12', '2022-01'), ['2021-12', '2022-01']);
  });

  test('mixed kinds, a reversed range or one longer than ten years of months are refused', () => {
    const refused = (from: string, to: string, message: RegExp) =>
      assert.throws(
        () => periodRange(from, to),
        (e: unknown) => e instanceof AppError && e.code === 'period.range' && message.test(e.message),
      );
    refused('2022-01', '2022-Q4', /phải cùng loại/);
    refused('2022-05', '2022-04', /đứng sau/);
    refused('2010-01', '2020-12', /dài quá 120 kỳ/);
    assert.equal(periodRange('2011-01', '2020-12').length, 120);
    assert.throws(() => periodRange('2022-13', '2022-12'), /Kỳ báo cáo không hợp lệ/);
  });
});
