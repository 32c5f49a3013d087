import { type Period, periodLabelVi, previousPeriod, samePeriodLastYear } from '../domain/period.js';

/**
 * The period the "|change_prev" figures compare with: the previous month or quarter; for 6 months,
 * 9 months and a year the reports compare with the same period of the year before.
 */
export function comparisonPeriodOf(period: Period): Period {
  return period.kind === 'month' || period.kind === 'quarter'
    ? previousPeriod(period)
    : samePeriodLastYear(period);
}

function withinWords(period: Period): string {
  switch (period.kind) {
    case 'month':
      return 'trong tháng';
    case 'quarter':
      return 'trong quý';
    case 'half_year':
      return period.index === 1 ? 'trong 6 tháng đầu năm' : 'trong 6 tháng cuối năm';
    case 'nine_months':
      return 'trong 9 tháng đầu năm';
    case 'year':
      return 'trong năm';
  }
}

function previousWords(period: Period): string {
  if (period.kind === 'month') return 'tháng trước';
  if (period.kind === 'quarter') return 'quý trước';
  return 'cùng kỳ năm trước';
}

/** The word placeholders of sentence templates. */
export function periodWords(period: Period): Record<string, string> {
  const within = withinWords(period);
  return {
    periodWords: within,
    PeriodWords: within.charAt(0).toLocaleUpperCase('vi') + within.slice(1),
    period: periodLabelVi(period),
    previousWords: previousWords(period),
    yoyWords: 'cùng kỳ năm trước',
  };
}
