import { monthBounds, type Period, type PeriodKind } from '../../src/domain/period.js';

/**
 * The period of `kind` the picker moves to from `period`: the one holding its last month, so month 5
 * becomes Quý II, 6 tháng đầu năm, 9 tháng and the year, and Quý II becomes month 6 (a period's report
 * is due at its end). 9 tháng is the only one of its kind in a year, so every month maps to it.
 */
export function switchPeriodKind(period: Period, kind: PeriodKind): Period {
  const { year } = period;
  const month = monthBounds(period).last;
  switch (kind) {
    case 'month':
      return { kind, year, index: month };
    case 'quarter':
      return { kind, year, index: Math.ceil(month / 3) };
    case 'half_year':
      return { kind, year, index: Math.ceil(month / 6) };
    case 'nine_months':
    case 'year':
      return { kind, year, index: 0 };
  }
}
