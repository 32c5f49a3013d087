import { parsePeriod, periodContains } from './period.js';

export type ReportWorkflowStatus = 'draft' | 'submitted' | 'approved' | 'locked';

/** Figures and items of an approved or locked report are frozen until it is re-opened with a reason. */
export const FROZEN: readonly ReportWorkflowStatus[] = ['approved', 'locked'];

/**
 * A report holds its period's figures from the moment it is submitted: the director approves the figures
 * as submitted, so changing one means returning the report to draft first.
 */
export const HOLDS_FIGURES: readonly ReportWorkflowStatus[] = ['submitted', ...FROZEN];

/** What a report needs of itself to say whether it holds a period's figures. */
export interface ReportState {
  periodId: string;
  status: ReportWorkflowStatus;
}

/**
 * The report that holds the figures of `periodId` back from editing, if any: one approved or locked
 * (changes wait until it is re-opened with a reason) before one submitted to the director (figures are
 * reviewed as submitted; changing them means returning the report to draft first). Its period is the
 * period itself or one containing it (a month inside an approved quarter). The server refuses writes by
 * it (services/period-lock.ts); the entry page shows the period read-only by it.
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
    if (!HOLDS_FIGURES.includes(r.status)) return false;
    try {
      return periodContains(parsePeriod(r.periodId), inner);
    } catch {
      return false;
    }
  });
  return covering.find((r) => FROZEN.includes(r.status)) ?? covering[0];
}
