import { type Period, planPeriodOf } from '../domain/period.js';

/** "năm" and its OCR forms ("nim", "ndm", "nam"). */
const NAM = String.raw`n\S{1,2}m`;
const YEAR = new RegExp(String.raw`(?:${NAM}\s+|\/\s*)((?:19|20)\d{2})\b`);
const ROMAN_QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

export interface PeriodPhrase {
  period: Period;
  /** The plan part's period when the phrase names it ("… và kế hoạch công tác tháng 5 năm 2022"). */
  planPeriod: Period | null;
}

function firstYear(text: string): number | null {
  const m = YEAR.exec(text);
  return m ? Number(m[1]) : null;
}

/** Reads a period from the report part of a phrase (folded text); the year may be given later. */
function periodIn(text: string, fallbackYear: number | null): Period | null {
  const year = firstYear(text) ?? fallbackYear;
  if (year === null) return null;
  if (/\b9 th\S{0,2}ng/.test(text)) return { kind: 'nine_months', year, index: 0 };
  if (/\b3 th\S{0,2}ng cu\S{0,2}i/.test(text)) return { kind: 'quarter', year, index: 4 };
  const half = /\b6 th\S{0,2}ng (d\S{0,2}u|cu\S{0,2}i)/.exec(text);
  if (half) return { kind: 'half_year', year, index: half[1]!.startsWith('d') ? 1 : 2 };
  const quarter = /\bquy\s+(iv|iii|ii|i|[1-4])\b/.exec(text);
  if (quarter) return { kind: 'quarter', year, index: ROMAN_QUARTER[quarter[1]!]! };
  const month = /\bth\S{0,2}ng\s+(\d{1,2})\b/.exec(text);
  if (month) {
    const index = Number(month[1]);
    if (index >= 1 && index <= 12) return { kind: 'month', year, index };
  }
  if (new RegExp(String.raw`\b${NAM}\s+(?:19|20)\d{2}`).test(text)) return { kind: 'year', year, index: 0 };
  return null;
}

const PLAN_SPLIT = /\b(?:ke hoach|nhiem vu|phuong huong|chuong trinh)\b/;

/**
 * Reads the report period and the plan period from a folded phrase such as
 * "ket qua cong tac thang 4 nam 2022 va ke hoach cong tac thang 5 nam 2022",
 * "9 thang dau nam va ke hoach cong tac 3 thang cuoi nam 2021", "thang 6/2020", "tong ket cong tac nam 2017".
 */
export function parsePeriodPhrase(folded: string): PeriodPhrase | null {
  const split = PLAN_SPLIT.exec(folded);
  const reportPart = split ? folded.slice(0, split.index) : folded;
  const planPart = split ? folded.slice(split.index) : '';
  const laterYear = firstYear(planPart);
  const period = periodIn(reportPart, laterYear);
  if (!period) return null;
  const stated = planPart ? periodIn(planPart, period.year) : null;
  return { period, planPeriod: stated ?? planPeriodOf(period) };
}
