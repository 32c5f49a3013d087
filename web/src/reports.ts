import { comparePeriods, isPeriodId, parsePeriod } from '../../src/domain/period.js';
import { api, orgPath } from './api.js';
import type { ReportSummary } from './api-types.js';
import { listOf } from './lists.js';

export async function reportForPeriod(orgId: string, periodId: string): Promise<ReportSummary | null> {
  const body = await api<unknown>('GET', orgPath(orgId, `/reports?period=${encodeURIComponent(periodId)}`));
  return listOf<ReportSummary>(body, 'reports').find((r) => r.periodId === periodId) ?? null;
}

export async function createReport(orgId: string, periodId: string): Promise<ReportSummary> {
  const body = await api<ReportSummary | { report: ReportSummary }>('POST', orgPath(orgId, '/reports'), {
    periodId,
  });
  return 'report' in body ? body.report : body;
}

/** Workflow buttons a role may press from a status (the server decides; this only hides what would be refused). */
export function statusActions(
  status: string,
  roles: readonly string[],
): {
  to: 'submitted' | 'draft' | 'approved' | 'locked';
  key: 'submit' | 'backToDraft' | 'approve' | 'lock' | 'reopen';
  needsReason: boolean;
  /** Asks for a reason without requiring one: a report sent back tells the office why. */
  asksReason?: boolean;
}[] {
  // Mirrors the server's permissions (src/services/access.ts): the office submits, the director
  // approves and locks, the director or an admin re-opens.
  const office = roles.includes('office');
  const director = roles.includes('director');
  const reopener = director || roles.includes('admin');
  const actions: ReturnType<typeof statusActions> = [];
  if (status === 'draft' && office) actions.push({ to: 'submitted', key: 'submit', needsReason: false });
  if (status === 'submitted' && (office || director))
    actions.push({ to: 'draft', key: 'backToDraft', needsReason: false, asksReason: true });
  if (status === 'submitted' && director)
    actions.push({ to: 'approved', key: 'approve', needsReason: false });
  if (status === 'approved' && director) actions.push({ to: 'locked', key: 'lock', needsReason: false });
  if ((status === 'locked' || status === 'approved') && reopener)
    actions.push({ to: 'draft', key: 'reopen', needsReason: true });
  return actions;
}

/**
 * The error findings a workflow step passes over: submitting sends the figures to the director and
 * approving signs them off, so either asks first when the checks found errors (other steps pass none).
 */
export function errorsPassedOn(
  key: ReturnType<typeof statusActions>[number]['key'],
  findings: readonly { severity: string }[],
): number {
  if (key !== 'submit' && key !== 'approve') return 0;
  return findings.filter((f) => f.severity === 'error').length;
}

/** Latest period first; of two ending the same month, the longer (a year before its December) first. */
export function newestFirst<T extends { periodId: string }>(reports: readonly T[]): T[] {
  const valid = reports.filter((r) => isPeriodId(r.periodId));
  const other = reports.filter((r) => !isPeriodId(r.periodId));
  return [
    ...valid.sort((a, b) => comparePeriods(parsePeriod(b.periodId), parsePeriod(a.periodId))),
    ...other,
  ];
}
