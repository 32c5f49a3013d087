import { parsePeriod, periodContains } from '../../src/domain/period.js';

/** What a report needs of itself to say whether it holds a period's figures. */
export interface ReportState {
  periodId: string;
  status: 'draft' | 'submitted' | 'approved' | 'locked';
}

/**
 * The report that holds the figures of `periodId` back from editing, if any: one approved or locked
 * (the server refuses changes until it is re-opened with a reason) before one submitted to the director
 * (figures are reviewed as submitted; changing them means returning the report to draft first). Its
 * period is the period itself or one containing it (a month inside an approved quarter).
 */
export function reportHoldingPeriod<T extends ReportState>(
  reports: readonly T[],
  periodId: string,
): T | undefined {
  let inner: ReturnType<typeof parsePeriod>;
  try {
    inner = parsePeriod(periodId);
  } catch {
    return undefined;
  }
  const covering = reports.filter((r) => {
    if (r.status === 'draft') return false;
    try {
      return periodContains(parsePeriod(r.periodId), inner);
    } catch {
      return false;
    }
  });
  return covering.find((r) => r.status === 'approved' || r.status === 'locked') ?? covering[0];
}
