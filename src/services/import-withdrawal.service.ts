import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { deleteReportCitations, deleteUncitedDocuments } from '../db/citation.repository.js';
import {
  type FigureKey,
  lockImport,
  markImportWithdrawn,
  type ReplacedFigure,
} from '../db/import.repository.js';
import {
  deleteReport,
  deleteUntouchedImportedItems,
  getReport,
  importedReportHolds,
} from '../db/report.repository.js';
import type { Database, ImportRow } from '../db/schema.js';
import {
  deleteImportFigures,
  getValues,
  type StoredValue,
  upsertValues,
  type ValueWrite,
} from '../db/value.repository.js';
import { AppError } from '../domain/errors.js';
import { parsePeriod, periodLabelVi } from '../domain/period.js';
import { formatViDate } from '../domain/vietnamese/date.js';
import { type Auth, requireAccess } from './access.js';
import { assertPeriodOpen } from './period-lock.js';

/** Statuses of an import that stored something: it may be withdrawn. */
const ACCEPTED_STATUSES: readonly ImportRow['status'][] = ['stored', 'pending_review', 'accepted'];

/** Whether an import of this status may be withdrawn (it was accepted and is not withdrawn yet). */
export function isWithdrawable(status: ImportRow['status']): boolean {
  return ACCEPTED_STATUSES.includes(status);
}

/** A figure the import wrote that stays, because someone changed it after the import. */
export interface KeptFigure extends FigureKey {
  value: number;
  /** 'manual': a person entered or changed it; 'other': the API, a spreadsheet or another import wrote it. */
  reason: 'manual' | 'other';
}

export interface WithdrawnImport {
  importId: string;
  fileName: string;
  periodId: string | null;
  status: 'withdrawn';
  withdrawnBy: string | null;
  withdrawnAt: string;
  removed: {
    /** Figures of the import taken out of the store (those restored included). */
    figures: number;
    /** Of those, figures put back as they were before the import overwrote them. */
    restored: number;
    items: number;
    citations: number;
    /** Cited documents no report mentions any more, taken out of the registry. */
    citedDocuments: number;
    /** The report the import created was removed (false: a person's edits hold it, or it was gone). */
    report: boolean;
  };
  kept: {
    figures: KeptFigure[];
    /** Narrative items of the import's report that stay: a person's, or imported ones edited since. */
    items: number;
    /** The id of the import's report when people's edits keep it, else null. */
    reportId: string | null;
  };
  /** One Vietnamese sentence saying what was removed and what was kept. */
  message: string;
}

const keyOf = (k: FigureKey) => `${k.indicator}|${k.scope}|${k.breakdown}`;
const figureKey = (v: StoredValue): FigureKey => ({
  indicator: v.indicatorCode,
  scope: v.scope,
  breakdown: v.breakdown,
});

function unknownImport(id: number): AppError {
  return new AppError('import.unknown', `Không tìm thấy lần nhập số ${id}.`, 404, { importId: String(id) });
}

/** The calendar day in Vietnam (Asia/Ho_Chi_Minh) of a moment, as "YYYY-MM-DD". */
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function notAccepted(row: ImportRow): AppError {
  if (row.status === 'withdrawn') {
    // The day as people in Vietnam lived it (7 h ahead of UTC), as the pages show dates.
    const when = row.withdrawn_at ? ` ngày ${formatViDate(VIETNAM_DAY.format(row.withdrawn_at))}` : '';
    const who = row.withdrawn_by ? ` (${row.withdrawn_by})` : '';
    return new AppError(
      'import.withdrawn',
      `Lần nhập số ${row.id} (tệp ${row.file_name}) đã được rút lại${when}${who}; không còn gì để rút lại.`,
      409,
      { importId: String(row.id), status: row.status },
    );
  }
  return new AppError(
    'import.not_accepted',
    `Lần nhập số ${row.id} (tệp ${row.file_name}) chưa lưu gì vào kho số liệu nên không có gì để rút lại.`,
    409,
    { importId: String(row.id), status: row.status },
  );
}

/** The import's period: as its summary keeps it, or its report's. */
async function periodOf(trx: Transaction<Database>, row: ImportRow): Promise<string | null> {
  const period = (row.summary as { period?: unknown }).period;
  if (typeof period === 'string') return period;
  if (row.report_id === null) return null;
  return (await getReport(trx, row.org_id, row.report_id))?.period_id ?? null;
}

/**
 * The figures to put back in place of those the import holds: each as it was before the import wrote it.
 * One written by an import withdrawn since is not brought back: what that import had replaced is, and so
 * on down the chain (the API's figure two withdrawn imports overwrote comes back). A report gone since
 * is no longer pointed at.
 */
async function restorable(
  trx: Transaction<Database>,
  orgId: string,
  periodId: string,
  replaced: readonly ReplacedFigure[],
  withdrawing: number,
): Promise<ValueWrite[]> {
  const imports = new Map<number, { standing: boolean; replaced: Map<string, ReplacedFigure> } | null>();
  const importOf = async (id: number) => {
    if (!imports.has(id)) {
      const row = await trx
        .selectFrom('imports')
        .select(['status', 'replaced_figures'])
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      imports.set(
        id,
        row
          ? {
              standing: row.status !== 'withdrawn' && id !== withdrawing,
              replaced: new Map((row.replaced_figures as ReplacedFigure[]).map((r) => [keyOf(r), r])),
            }
          : null,
      );
    }
    return imports.get(id) ?? null;
  };
  const restores: ReplacedFigure[] = [];
  for (const figure of replaced) {
    let previous: ReplacedFigure | undefined = figure;
    // Each step goes to an import committed earlier (a snapshot names only those), so the chain ends;
    // the bound is a guard, not a limit met in practice.
    for (let step = 0; previous && previous.importId !== null && step < 1000; step++) {
      const owner = await importOf(previous.importId);
      if (!owner) previous = { ...previous, importId: null };
      else if (!owner.standing) previous = owner.replaced.get(keyOf(previous));
      else break;
    }
    if (previous) restores.push(previous);
  }
  const reportIds = [...new Set(restores.flatMap((r) => (r.reportId === null ? [] : [r.reportId])))];
  const reports = new Set(
    reportIds.length === 0
      ? []
      : (
          await trx
            .selectFrom('reports')
            .select('id')
            .where('org_id', '=', orgId)
            .where('id', 'in', reportIds)
            .execute()
        ).map((r) => r.id),
  );
  return restores.map((r) => ({
    orgId,
    unitId: null,
    indicatorCode: r.indicator,
    periodId,
    scope: r.scope,
    breakdown: r.breakdown,
    value: r.value,
    qualifier: r.qualifier,
    source: r.source,
    sourceRef: r.sourceRef,
    reportId: r.reportId !== null && reports.has(r.reportId) ? r.reportId : null,
    importId: r.importId,
  }));
}

function summaryMessage(
  row: ImportRow,
  result: Omit<WithdrawnImport, 'message'>,
  keptReportPeriod: string | null,
): string {
  const { removed, kept } = result;
  const parts = [
    `xóa ${removed.figures} số liệu${removed.restored > 0 ? ` (trả lại giá trị trước khi nhập cho ${removed.restored} số liệu)` : ''}`,
    `${removed.items} nội dung`,
    `${removed.citations} trích dẫn văn bản${removed.citedDocuments > 0 ? ` (bỏ ${removed.citedDocuments} văn bản không còn được trích dẫn)` : ''}`,
  ];
  if (removed.report) parts.push('báo cáo "Nhập từ tệp"');
  const keptParts: string[] = [];
  const manual = kept.figures.filter((f) => f.reason === 'manual').length;
  const other = kept.figures.length - manual;
  if (manual > 0) keptParts.push(`${manual} số liệu do người dùng nhập hoặc sửa sau lần nhập`);
  if (other > 0)
    keptParts.push(`${other} số liệu được ghi lại sau lần nhập (API, bảng tính hoặc lần nhập khác)`);
  if (kept.reportId !== null)
    keptParts.push(
      `báo cáo ${keptReportPeriod === null ? `số ${kept.reportId}` : periodLabelVi(parsePeriod(keptReportPeriod))} vì người dùng đã sửa (còn ${kept.items} nội dung)`,
    );
  const keptText = keptParts.length > 0 ? ` Giữ lại ${keptParts.join('; ')}.` : '';
  return `Đã rút lại lần nhập số ${row.id} (tệp ${row.file_name}): ${parts.join(', ')}.${keptText}`;
}

/**
 * Withdraws an accepted import ("rút lại lần nhập"), in one transaction: removes the figures it still
 * holds (putting back those it overwrote, as they were), the narrative items and citation mentions of the
 * report it created (a cited document no other report mentions leaves the registry), and that report
 * unless people's edits hold it (items of their own or edited since, edited metadata). A figure
 * someone changed after the import stays and is listed with why. The import row stays, marked withdrawn
 * (who, when), so that the same file may be imported again. Refused with 404 `import.unknown`, 409
 * `import.withdrawn` / `import.not_accepted`, and, when a submitted, approved or locked report holds the
 * period, 409 `value.submitted` / `value.locked` as an import of that period would be. Audited as
 * `import.withdraw`. Needs the permission that accepting needs (`import.create`).
 */
export async function withdrawImport(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  importId: number,
  reason?: string | null,
): Promise<WithdrawnImport> {
  await requireAccess(auth, 'import.create', [orgId]);
  return db.transaction().execute(async (trx) => {
    // A second withdrawal of the same import waits here, then finds it withdrawn.
    const row = await lockImport(trx, orgId, importId);
    if (!row) throw unknownImport(importId);
    if (!ACCEPTED_STATUSES.includes(row.status)) throw notAccepted(row);
    const periodId = await periodOf(trx, row);
    // Exclusive: another import or withdrawal of the period waits, so the chain of imports read below
    // (which one stands, what each replaced) holds until this one commits.
    if (periodId !== null)
      await assertPeriodOpen(trx, orgId, periodId, row.file_name, 'withdraw', 'exclusive');
    const actor = auth.username;
    const why = `Rút lại lần nhập số ${row.id} (tệp ${row.file_name})`;

    // Figures: those the import still holds go (under their row locks, so a save committed meanwhile, which
    // clears import_id, stays); those it overwrote come back.
    const held = await deleteImportFigures(trx, orgId, row.id, actor, why);
    const heldKeys = new Set(held.map((v) => keyOf(figureKey(v))));
    const replaced = (row.replaced_figures as ReplacedFigure[]).filter((r) => heldKeys.has(keyOf(r)));
    const restores = periodId === null ? [] : await restorable(trx, orgId, periodId, replaced, row.id);
    const restored = await upsertValues(trx, restores, actor, `${why}: trả lại giá trị trước khi nhập`);

    // Figures it held once that someone changed since: they stay.
    const storedKeys = (row.stored_figures as FigureKey[]).filter((k) => !heldKeys.has(keyOf(k)));
    const now =
      periodId === null || storedKeys.length === 0
        ? []
        : await getValues(trx, {
            orgId,
            unitId: null,
            periodIds: [periodId],
            indicatorCodes: [...new Set(storedKeys.map((k) => k.indicator))],
          });
    const nowByKey = new Map(now.map((v) => [keyOf(figureKey(v)), v]));
    const keptFigures: KeptFigure[] = storedKeys.flatMap((k) => {
      const current = nowByKey.get(keyOf(k));
      if (!current) return [];
      return [{ ...k, value: current.value, reason: current.source === 'manual' ? 'manual' : 'other' }];
    });

    // The report it created: its items and mentions go, and the report unless people's edits hold it.
    let items = 0;
    let citations = 0;
    let citedDocuments = 0;
    let reportRemoved = false;
    let keptItems = 0;
    let keptReport: number | null = null;
    const report = row.report_id === null ? undefined : await getReport(trx, orgId, row.report_id, 'update');
    if (report && report.import_id === row.id) {
      items = await deleteUntouchedImportedItems(trx, orgId, report.id, row.id);
      const documents = await deleteReportCitations(trx, orgId, report.id);
      citations = documents.length;
      citedDocuments = await deleteUncitedDocuments(trx, orgId, documents);
      const holds = await importedReportHolds(trx, orgId, report.id);
      if (holds.items === 0 && !holds.edited) {
        await deleteReport(trx, orgId, report.id);
        reportRemoved = true;
      } else {
        keptItems = holds.items;
        keptReport = report.id;
      }
    }

    const withdrawn = await markImportWithdrawn(trx, orgId, row.id, actor);
    const result: Omit<WithdrawnImport, 'message'> = {
      importId: String(row.id),
      fileName: row.file_name,
      periodId,
      status: 'withdrawn',
      withdrawnBy: actor,
      withdrawnAt: (withdrawn?.withdrawn_at ?? new Date()).toISOString(),
      removed: {
        figures: held.length,
        restored: restored.inserted + restored.updated,
        items,
        citations,
        citedDocuments,
        report: reportRemoved,
      },
      kept: {
        figures: keptFigures,
        items: keptItems,
        reportId: keptReport === null ? null : String(keptReport),
      },
    };
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'import.withdraw',
      entity: 'import',
      entityId: row.id,
      before: { status: row.status, fileName: row.file_name, periodId, reportId: row.report_id },
      after: { status: 'withdrawn', removed: result.removed, kept: result.kept },
      reason: reason ?? null,
    });
    return { ...result, message: summaryMessage(row, result, report?.period_id ?? null) };
  });
}
