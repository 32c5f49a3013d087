import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database, ReportRow } from '../db/schema.js';
import type { Queryable } from '../db/types.js';
import { AppError } from '../domain/errors.js';
import { parsePeriod, periodLabelVi } from '../domain/period.js';
import { HOLDS_FIGURES, reportHoldingPeriod } from '../domain/report-hold.js';

const STATUS_VI: Record<string, string> = {
  submitted: 'đã trình lãnh đạo',
  approved: 'đã được duyệt',
  locked: 'đã khóa',
};

/**
 * First key of the two-key advisory locks baocao takes on its reporting years. Migrations use the
 * one-key form, a different lock space, so the two never collide.
 */
const REPORTING_YEAR_LOCK = 0x62616f63; // 'baoc'

/** Second key: the organisation and year, hashed to an int4 (a collision only serialises a little more). */
function yearKey(orgId: string, year: number): number {
  return createHash('sha256').update(`${orgId}\0${year}`).digest().readInt32BE(0);
}

/**
 * Serialises writes of figures against reports being frozen, per organisation and year (every period
 * lies within one year). A writer of figures takes the lock shared, so writers do not wait for each
 * other; approving or locking a report takes it exclusively, so it waits until the writes in progress
 * have committed, and a write that starts meanwhile waits for the approval and then sees it. An
 * advisory lock rather than a row lock also covers a covering report created while a write is open.
 * Held until the transaction ends.
 */
async function lockReportingYear(
  trx: Transaction<Database>,
  orgId: string,
  periodIdText: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const key = yearKey(orgId, parsePeriod(periodIdText).year);
  const call =
    mode === 'shared'
      ? sql`SELECT pg_advisory_xact_lock_shared(${sql.lit(REPORTING_YEAR_LOCK)}, ${key}::int4)`
      : sql`SELECT pg_advisory_xact_lock(${sql.lit(REPORTING_YEAR_LOCK)}, ${key}::int4)`;
  await call.execute(trx);
}

/** First key of the advisory lock on one period's figures of an organisation ('baop'). */
const PERIOD_FIGURES_LOCK = 0x62616f70;

/** Second key: the organisation and period, hashed to an int4 (a collision only serialises a little more). */
function periodKey(orgId: string, periodIdText: string): number {
  return createHash('sha256').update(`${orgId}\0${periodIdText}`).digest().readInt32BE(0);
}

/**
 * How a writer holds the figures of one period of an organisation: 'shared' for a save (saves do not wait
 * for each other; their row locks order them), 'exclusive' for an import accepted or withdrawn, which
 * reads what the period holds (what it replaces, which import holds what) and writes from that reading:
 * no other write of the period may commit in between. Always taken after the reporting-year lock, so
 * the two are taken in one order everywhere.
 */
export type PeriodHold = 'shared' | 'exclusive';

async function lockPeriodFigures(
  trx: Transaction<Database>,
  orgId: string,
  periodIdText: string,
  mode: PeriodHold,
): Promise<void> {
  const key = periodKey(orgId, periodIdText);
  const call =
    mode === 'shared'
      ? sql`SELECT pg_advisory_xact_lock_shared(${sql.lit(PERIOD_FIGURES_LOCK)}, ${key}::int4)`
      : sql`SELECT pg_advisory_xact_lock(${sql.lit(PERIOD_FIGURES_LOCK)}, ${key}::int4)`;
  await call.execute(trx);
}

/**
 * The locks `assertPeriodOpen` takes, without its check: for a transaction that must read the period's
 * figures under them before the step that checks (accepting an upload reads what a rejection gives back).
 */
export async function holdPeriodFigures(
  trx: Transaction<Database>,
  orgId: string,
  periodIdText: string,
  hold: PeriodHold,
): Promise<void> {
  await lockReportingYear(trx, orgId, periodIdText, 'shared');
  await lockPeriodFigures(trx, orgId, periodIdText, hold);
}

/** Taken by a status change to submitted, approved or locked, before it re-reads the report under its row lock. */
export function lockYearForFreeze(trx: Transaction<Database>, orgId: string, periodIdText: string) {
  return lockReportingYear(trx, orgId, periodIdText, 'exclusive');
}

/**
 * The submitted, approved or locked report whose period is or contains `periodIdText` (a month inside a
 * locked quarter is frozen too), or undefined when the period's figures may change. Only a hint outside
 * a writing transaction: use `assertPeriodOpen` there.
 */
export async function freezingReport(
  db: Queryable,
  orgId: string,
  periodIdText: string,
): Promise<ReportRow | undefined> {
  const period = parsePeriod(periodIdText);
  const candidates = await db
    .selectFrom('reports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', 'in', [...HOLDS_FIGURES])
    .where('period_id', 'like', `${period.year}%`)
    .orderBy('id')
    .execute();
  return reportHoldingPeriod(
    candidates.map((row) => ({ row, periodId: row.period_id, status: row.status })),
    periodIdText,
  )?.row;
}

/** What a refused change of figures was: a save, an import of a file, or withdrawing an import of one. */
export type FigureChange = 'import' | 'withdraw';

const CHANGE_VI: Record<FigureChange, { refused: string; before: string }> = {
  import: { refused: 'Không nhập tệp', before: 'nhập' },
  withdraw: { refused: 'Không rút lại lần nhập tệp', before: 'rút lại' },
};

/**
 * `value.locked` (409) for figures of `periodIdText` frozen by `report`; with `file`, worded for an
 * import of that file (or, with `change` 'withdraw', for withdrawing its import).
 */
export function periodLockedError(
  periodIdText: string,
  report: ReportRow,
  file?: string,
  change: FigureChange = 'import',
): AppError {
  const label = (id: string) => periodLabelVi(parsePeriod(id));
  const submitted = report.status === 'submitted';
  const why = `số liệu ${label(periodIdText)} ${submitted ? 'đang chờ duyệt' : 'đã khóa'} vì báo cáo ${label(report.period_id)} ${STATUS_VI[report.status] ?? report.status}`;
  const step = submitted ? 'trả báo cáo về dự thảo' : 'mở lại báo cáo (kèm lý do)';
  const message =
    file === undefined
      ? `${why.charAt(0).toUpperCase()}${why.slice(1)}. Cần ${step} trước khi sửa.`
      : `${CHANGE_VI[change].refused} ${file}: ${why}. Cần ${step} trước khi ${CHANGE_VI[change].before}.`;
  return new AppError(submitted ? 'value.submitted' : 'value.locked', message, 409, {
    reportId: String(report.id),
    periodId: report.period_id,
    status: report.status,
    ...(file === undefined ? {} : { file }),
  });
}

/**
 * Inside the transaction that writes figures of `periodIdText`: takes the reporting-year lock shared
 * (waiting for a submission or approval in progress), then the period's figures lock as `hold` says (a
 * save shared, an import accepted or withdrawn exclusive: see `PeriodHold`), then throws `value.locked`
 * (409) when an approved or locked report covers the period, `value.submitted` (409) when a submitted one
 * does. Once it returns, no report covering the period can be submitted or frozen before the transaction
 * ends, and, held exclusive, no one else writes figures of the period before then. A transaction that
 * holds the period exclusive may call it again shared; one that holds it shared must not ask for it
 * exclusive (two such would wait for each other).
 */
export async function assertPeriodOpen(
  trx: Transaction<Database>,
  orgId: string,
  periodIdText: string,
  file?: string,
  change: FigureChange = 'import',
  hold: PeriodHold = 'shared',
): Promise<void> {
  await lockReportingYear(trx, orgId, periodIdText, 'shared');
  await lockPeriodFigures(trx, orgId, periodIdText, hold);
  const report = await freezingReport(trx, orgId, periodIdText);
  if (report) throw periodLockedError(periodIdText, report, file, change);
}
