import { AppError } from './errors.js';

/**
 * A reporting period (kỳ báo cáo). Ids: "2022-04" (month), "2022-Q1" (quarter),
 * "2022-H1" (6 months), "2022-9M" (9 tháng đầu năm), "2022" (year).
 */
export type PeriodKind = 'month' | 'quarter' | 'half_year' | 'nine_months' | 'year';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4 or half 1–2; 0 for nine months and year. */
  index: number;
}

export interface YearMonth {
  year: number;
  month: number;
}

/** Report kinds as the importer and the API name them. */
export type ReportKind = 'monthly' | 'quarterly' | 'half_year' | 'nine_months' | 'annual';

const REPORT_KIND: Record<PeriodKind, ReportKind> = {
  month: 'monthly',
  quarter: 'quarterly',
  half_year: 'half_year',
  nine_months: 'nine_months',
  year: 'annual',
};

export function reportKindOf(period: Period): ReportKind {
  return REPORT_KIND[period.kind];
}

export function periodKindOfReport(kind: ReportKind): PeriodKind {
  const entry = Object.entries(REPORT_KIND).find(([, value]) => value === kind);
  return entry![0] as PeriodKind;
}

const PERIOD_ID = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])|(9M)))?$/;

/**
 * Parses a period id ("2022-q1" is read as "2022-Q1"); throws AppError `period.invalid` with a
 * Vietnamese message naming the input.
 */
export function parsePeriod(id: string): Period {
  const match = PERIOD_ID.exec(id.trim().toUpperCase());
  const year = match ? Number(match[1]) : Number.NaN;
  if (!match || year < 1990 || year > 2200) {
    throw new AppError(
      'period.invalid',
      `Kỳ báo cáo không hợp lệ: "${id}". Dùng dạng 2022-04 (tháng), 2022-Q1 (quý), 2022-H1 (6 tháng), 2022-9M (9 tháng) hoặc 2022 (năm).`,
    );
  }
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) {
      throw new AppError('period.invalid', `Kỳ báo cáo không hợp lệ: "${id}" — tháng phải từ 01 đến 12.`);
    }
    return { kind: 'month', year, index: month };
  }
  if (match[3] !== undefined) return { kind: 'quarter', year, index: Number(match[3]) };
  if (match[4] !== undefined) return { kind: 'half_year', year, index: Number(match[4]) };
  if (match[5] !== undefined) return { kind: 'nine_months', year, index: 0 };
  return { kind: 'year', year, index: 0 };
}

export function isPeriodId(id: string): boolean {
  try {
    parsePeriod(id);
    return true;
  } catch {
    return false;
  }
}

export function periodId(period: Period): string {
  switch (period.kind) {
    case 'month':
      return `${period.year}-${String(period.index).padStart(2, '0')}`;
    case 'quarter':
      return `${period.year}-Q${period.index}`;
    case 'half_year':
      return `${period.year}-H${period.index}`;
    case 'nine_months':
      return `${period.year}-9M`;
    case 'year':
      return `${period.year}`;
  }
}

export function monthPeriod(year: number, month: number): Period {
  return { kind: 'month', year, index: month };
}

/** First and last calendar month of the period. */
export function monthBounds(period: Period): { first: number; last: number } {
  switch (period.kind) {
    case 'month':
      return { first: period.index, last: period.index };
    case 'quarter':
      return { first: period.index * 3 - 2, last: period.index * 3 };
    case 'half_year':
      return { first: period.index * 6 - 5, last: period.index * 6 };
    case 'nine_months':
      return { first: 1, last: 9 };
    case 'year':
      return { first: 1, last: 12 };
  }
}

/** The months a period contains, in order. */
export function monthsOf(period: Period): YearMonth[] {
  const { first, last } = monthBounds(period);
  const months: YearMonth[] = [];
  for (let m = first; m <= last; m++) months.push({ year: period.year, month: m });
  return months;
}

export function monthIdsOf(period: Period): string[] {
  return monthsOf(period).map((m) => periodId(monthPeriod(m.year, m.month)));
}

/**
 * Ids of every period inside this one, itself included, longest first: for 2021 that is 2021,
 * 2021-9M, 2021-H1, 2021-H2, 2021-Q1…Q4 and the twelve months. Stored values of these periods
 * are what aggregation to this period can use.
 */
export function periodIdsInside(period: Period): string[] {
  const candidates: Period[] = [
    { kind: 'year', year: period.year, index: 0 },
    { kind: 'nine_months', year: period.year, index: 0 },
    { kind: 'half_year', year: period.year, index: 1 },
    { kind: 'half_year', year: period.year, index: 2 },
    ...[1, 2, 3, 4].map((index): Period => ({ kind: 'quarter', year: period.year, index })),
    ...monthsOf({ kind: 'year', year: period.year, index: 0 }).map((m) => monthPeriod(m.year, m.month)),
  ];
  return candidates.filter((candidate) => periodContains(period, candidate)).map(periodId);
}

/** The last month of the period ("as of the end" values are read there). */
export function lastMonthOf(period: Period): YearMonth {
  return { year: period.year, month: monthBounds(period).last };
}

/** True when `inner` lies wholly inside `outer` (a month inside its quarter, Q1 inside H1, …). */
export function periodContains(outer: Period, inner: Period): boolean {
  if (outer.year !== inner.year) return false;
  const o = monthBounds(outer);
  const i = monthBounds(inner);
  return i.first >= o.first && i.last <= o.last;
}

/**
 * The period before: the previous month, quarter or half-year (across the year boundary);
 * for nine months and years, the same span a year earlier.
 */
export function previousPeriod(period: Period): Period {
  const count = { month: 12, quarter: 4, half_year: 2 } as const;
  if (period.kind === 'nine_months' || period.kind === 'year') return { ...period, year: period.year - 1 };
  if (period.index > 1) return { ...period, index: period.index - 1 };
  return { ...period, year: period.year - 1, index: count[period.kind] };
}

/** The longest run of periods `periodRange` returns: ten years of months. */
export const MAX_PERIOD_RANGE = 120;

/**
 * The periods of one kind from `fromId` to `toId`, both included, in order: 2022-01..2022-12 is twelve
 * months, 2021-Q3..2022-Q2 four quarters, 2017..2022 six years. `toId` defaults to `fromId`. Throws
 * AppError `period.range` when the two are of different kinds, `toId` comes first, or the run is longer
 * than MAX_PERIOD_RANGE.
 */
export function periodRange(fromId: string, toId: string = fromId): Period[] {
  const from = parsePeriod(fromId);
  const to = parsePeriod(toId);
  if (from.kind !== to.kind) {
    throw new AppError(
      'period.range',
      `Kỳ đầu "${fromId}" và kỳ cuối "${toId}" phải cùng loại (cùng là tháng, quý, 6 tháng, 9 tháng hoặc năm).`,
    );
  }
  if (comparePeriods(from, to) > 0) {
    throw new AppError('period.range', `Kỳ đầu "${fromId}" đứng sau kỳ cuối "${toId}".`);
  }
  const periods = [from];
  for (let current = from; comparePeriods(current, to) < 0; ) {
    current = nextPeriod(current);
    periods.push(current);
    if (periods.length > MAX_PERIOD_RANGE) {
      throw new AppError(
        'period.range',
        `Khoảng từ "${fromId}" đến "${toId}" dài quá ${MAX_PERIOD_RANGE} kỳ; hãy chia nhỏ.`,
      );
    }
  }
  return periods;
}

/** The period after (used for the plan part of a report). */
export function nextPeriod(period: Period): Period {
  const count = { month: 12, quarter: 4, half_year: 2 } as const;
  if (period.kind === 'nine_months' || period.kind === 'year') return { ...period, year: period.year + 1 };
  if (period.index < count[period.kind]) return { ...period, index: period.index + 1 };
  return { ...period, year: period.year + 1, index: 1 };
}

/**
 * The period whose end is the opening balance of this one, for stock continuity (certificates in
 * force at the start): the previous month, quarter or half-year, and the previous year for a
 * nine-months or a year report (both start in January).
 */
export function openingPeriodOf(period: Period): Period {
  if (period.kind === 'nine_months' || period.kind === 'year')
    return { kind: 'year', year: period.year - 1, index: 0 };
  return previousPeriod(period);
}

export function samePeriodLastYear(period: Period): Period {
  return { ...period, year: period.year - 1 };
}

/**
 * The period a report's plan part covers (phần kế hoạch): next month after a month,
 * next quarter after a quarter, the second half after 6 months, the last quarter
 * ("3 tháng cuối năm") after 9 months, the next year after a year.
 */
export function planPeriodOf(period: Period): Period {
  if (period.kind === 'nine_months') return { kind: 'quarter', year: period.year, index: 4 };
  if (period.kind === 'half_year' && period.index === 1)
    return { kind: 'half_year', year: period.year, index: 2 };
  return nextPeriod(period);
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

/**
 * Vietnamese label: "tháng 4 năm 2022", "quý I năm 2022", "6 tháng đầu năm 2022",
 * "6 tháng cuối năm 2022", "9 tháng đầu năm 2021", "năm 2017".
 */
export function periodLabelVi(period: Period): string {
  switch (period.kind) {
    case 'month':
      return `tháng ${period.index} năm ${period.year}`;
    case 'quarter':
      return `quý ${ROMAN[period.index]} năm ${period.year}`;
    case 'half_year':
      return `6 tháng ${period.index === 1 ? 'đầu' : 'cuối'} năm ${period.year}`;
    case 'nine_months':
      return `9 tháng đầu năm ${period.year}`;
    case 'year':
      return `năm ${period.year}`;
  }
}

/** The label of a plan period as the reports word it: the fourth quarter after 9 months is "3 tháng cuối năm". */
export function planPeriodLabelVi(reportPeriod: Period): string {
  const plan = planPeriodOf(reportPeriod);
  if (reportPeriod.kind === 'nine_months') return `3 tháng cuối năm ${plan.year}`;
  return periodLabelVi(plan);
}

/** English label for the UI's second language. */
export function periodLabelEn(period: Period): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  switch (period.kind) {
    case 'month':
      return `${months[period.index - 1]} ${period.year}`;
    case 'quarter':
      return `Q${period.index} ${period.year}`;
    case 'half_year':
      return `H${period.index} ${period.year}`;
    case 'nine_months':
      return `9 months ${period.year}`;
    case 'year':
      return `${period.year}`;
  }
}

/**
 * How an organisation counts data into periods: calendar months, or the cut-off of
 * Decree 09/2019/NĐ-CP (a month runs from the 15th of the previous month to the 14th;
 * the year from 15/12 of the previous year to 14/12).
 */
export type CutoffRule = 'calendar' | 'decree09';

export interface DateRange {
  /** ISO date, inclusive. */
  start: string;
  /** ISO date, inclusive. */
  end: string;
}

function iso(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** The dates a period's data covers under the organisation's cut-off rule. */
export function periodDateRange(period: Period, cutoff: CutoffRule = 'calendar'): DateRange {
  const { first, last } = monthBounds(period);
  if (cutoff === 'calendar') {
    return { start: iso(period.year, first, 1), end: iso(period.year, last + 1, 0) };
  }
  // Day 15 of the month before the first month (Date.UTC rolls month 0 back to December).
  return { start: iso(period.year, first - 1, 15), end: iso(period.year, last, 14) };
}

/** The month a dated event counts in: under decree09 a date from the 15th on counts in the next month. */
export function monthOfDate(isoDate: string, cutoff: CutoffRule = 'calendar'): Period {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  if (cutoff === 'decree09' && d >= 15) {
    return m === 12 ? monthPeriod(y + 1, 1) : monthPeriod(y, m + 1);
  }
  return monthPeriod(y, m);
}

/** Orders periods by end month, then by length (a month before the quarter that ends with it). */
export function comparePeriods(a: Period, b: Period): number {
  const ea = a.year * 12 + monthBounds(a).last;
  const eb = b.year * 12 + monthBounds(b).last;
  if (ea !== eb) return ea - eb;
  return monthsOf(a).length - monthsOf(b).length;
}

/** Words for the {placeholders} of templates, by name. */
export type TemplateValues = Record<string, string>;

/** The period placeholders for a report period: "tháng 4 năm 2022" / "THÁNG 5 NĂM 2022", … */
export function periodTemplateValues(period: Period): TemplateValues {
  const label = periodLabelVi(period);
  const planLabel = planPeriodLabelVi(period);
  return {
    period: label,
    planPeriod: planLabel,
    periodUpper: label.toLocaleUpperCase('vi'),
    planPeriodUpper: planLabel.toLocaleUpperCase('vi'),
    year: String(period.year),
    planYear: String(planPeriodOf(period).year),
  };
}
