import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { countHeldFigures, listImports, recordStoredFigures } from '../db/import.repository.js';
import {
  deleteImportUpload,
  getImportUpload,
  importUploadPeriod,
  listImportUploads,
  lockImportUpload,
  saveImportUpload,
  setImportUploadPeriod,
} from '../db/queries/import-uploads.query.js';
import type { Database } from '../db/schema.js';
import { deleteValues, getValues, handBackFigure, type StoredValue } from '../db/value.repository.js';
import { AppError } from '../domain/errors.js';
import { parsePeriod, periodId as periodIdOf } from '../domain/period.js';
import type { Citation, ReportMeta, ReportValue } from '../domain/report-document.js';
import type { Finding } from '../domain/validation.js';
import { type Auth, requireAccess } from '../services/access.js';
import {
  conflictWarning,
  type ImportFileResult,
  importFile,
  isDuplicateImport,
  type ReadImport,
  readImportFile,
  storeImport,
} from '../services/import.service.js';
import { isWithdrawable } from '../services/import-withdrawal.service.js';
import { holdPeriodFigures } from '../services/period-lock.js';
import { saveValues } from '../services/value.service.js';

/**
 * The web import flow: upload → the importer runs as a dry run and the file waits in import_uploads
 * while a person reviews each figure → accept runs the real import and applies their decisions
 * (rejected figures removed, corrected ones saved as manual entries, reviewed low-confidence ones saved),
 * all in one transaction.
 */

const ACCEPTED_EXTENSIONS: Record<string, (bytes: Uint8Array) => boolean> = {
  // DOCX is a zip container, PDF starts with its version line; plain text must not be binary.
  docx: (b) => b[0] === 0x50 && b[1] === 0x4b,
  pdf: (b) => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-',
  txt: (b) => !b.subarray(0, 8192).includes(0) || looksUtf16(b),
  md: (b) => !b.subarray(0, 8192).includes(0) || looksUtf16(b),
};

function looksUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Refuses files that are not .txt/.md/.docx/.pdf, whose content does not match the extension, or too large. */
export function checkUpload(name: string, bytes: Uint8Array): void {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const check = ACCEPTED_EXTENSIONS[extension];
  if (!check) {
    throw new AppError(
      'import.type',
      `Tệp "${name}" không được hỗ trợ. Chỉ nhận .txt, .md, .docx, .pdf.`,
      415,
      {
        file: name,
      },
    );
  }
  if (bytes.length === 0) throw new AppError('import.empty', `Tệp "${name}" rỗng.`, 400, { file: name });
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError('request.too_large', `Tệp "${name}" vượt quá 10 MB.`, 413, { file: name });
  }
  if (!check(bytes)) {
    throw new AppError('import.type', `Nội dung tệp "${name}" không đúng định dạng .${extension}.`, 415, {
      file: name,
    });
  }
}

export interface ReviewValue {
  id: string;
  indicator: string;
  value: number;
  scope: ReportValue['scope'];
  qualifier: string | null;
  start: number | null;
  end: number | null;
  confidence: number;
  text: string;
  /** Why the importer would not store it on its own (low confidence, unknown indicator…), or null. */
  review: string | null;
}

export interface UploadReview {
  importId: string;
  status: 'review';
  fileName: string;
  meta: ReportMeta;
  sourceText: string;
  values: ReviewValue[];
  citations: Citation[];
  findings: Finding[];
  warnings: string[];
  /** The import that already brought the same content in (its id), or null: accepting again changes nothing. */
  importedBefore: string | null;
}

/** Extracts an uploaded report without storing anything but the file, for a person to review. */
export async function uploadForReview(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  file: { name: string; bytes: Uint8Array },
  /** The report's period as the person states it, for a file whose period the importer cannot tell. */
  periodId?: string,
): Promise<UploadReview> {
  await requireAccess(auth, 'import.create', [orgId]);
  checkUpload(file.name, file.bytes);
  // A wrong period is the person's input, refused as such (400 period.invalid), not as an unreadable file.
  if (periodId !== undefined) parsePeriod(periodId);
  const dry = await importFile(db, {
    orgId,
    name: file.name,
    bytes: file.bytes,
    actor: auth.username,
    dryRun: true,
    periodId,
  });
  if (!dry.ok || !dry.extraction) throw dryRunRefusal(dry, file.name);
  const { extraction } = dry;
  const id = await db.transaction().execute(async (trx) => {
    const saved = await saveImportUpload(trx, {
      orgId,
      fileName: file.name,
      mediaType: extraction.mediaType,
      periodId: extraction.document.meta.periodId,
      bytes: file.bytes,
      createdBy: auth.username,
    });
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'import.upload',
      entity: 'import_upload',
      entityId: saved,
      after: {
        fileName: file.name,
        periodId: extraction.document.meta.periodId,
        values: extraction.document.values.length,
      },
    });
    return saved;
  });
  return reviewOf(id, file.name, dry);
}

/**
 * Why a dry run left nothing to review: a file of a period a report holds is refused before anyone reviews it
 * (409), a file that cannot be read with 422. `details` adds to the file's name.
 */
export function dryRunRefusal(
  dry: ImportFileResult,
  fileName: string,
  details: Record<string, unknown> = {},
): AppError {
  const status = dry.error?.code === 'value.locked' || dry.error?.code === 'value.submitted' ? 409 : 422;
  return new AppError(
    dry.error?.code ?? 'import.failed',
    dry.error?.message ?? 'Không đọc được tệp.',
    status,
    {
      file: fileName,
      ...details,
    },
  );
}

/** A waiting upload read again as a dry run: under `periodId`, else under the period it waits with. */
async function readUploadAgain(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  uploadId: number,
  periodId?: string,
): Promise<UploadReview> {
  const upload = await getImportUpload(db, orgId, uploadId);
  if (!upload) throw unknownUpload(uploadId);
  const dry = await importFile(db, {
    orgId,
    name: upload.fileName,
    bytes: upload.bytes,
    actor: auth.username,
    dryRun: true,
    periodId: periodId ?? upload.periodId ?? undefined,
  });
  if (!dry.ok || !dry.extraction) throw dryRunRefusal(dry, upload.fileName);
  return reviewOf(uploadId, upload.fileName, dry);
}

/**
 * Reads a waiting upload again as it stands: after the organisation's wordings changed, the review shows
 * what they read now. Nothing is written.
 */
export async function rereadUpload(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  uploadId: number,
): Promise<UploadReview> {
  await requireAccess(auth, 'import.create', [orgId]);
  return readUploadAgain(db, auth, orgId, uploadId);
}

/**
 * Reads a waiting upload again under the period the person states (the importer read another, or
 * none): the review comes back with the same figure ids, and accepting stores under that period.
 */
export async function rereadUploadAs(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  uploadId: number,
  periodId: string,
): Promise<UploadReview> {
  await requireAccess(auth, 'import.create', [orgId]);
  const stated = periodIdOf(parsePeriod(periodId));
  const review = await readUploadAgain(db, auth, orgId, uploadId, stated);
  await db.transaction().execute(async (trx) => {
    if (!(await lockImportUpload(trx, orgId, uploadId))) throw unknownUpload(uploadId);
    const before = await importUploadPeriod(trx, orgId, uploadId);
    await setImportUploadPeriod(trx, orgId, uploadId, stated);
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'import.period',
      entity: 'import_upload',
      entityId: uploadId,
      before: { periodId: before ?? null },
      after: { periodId: stated },
    });
  });
  return review;
}

/**
 * A figure's id in a review: stable across extractions of the same file, so that decisions still point at
 * their figures when the file is read again (on acceptance, after a wording was learnt).
 */
export function reviewValueId(value: Pick<ReportValue, 'indicator' | 'scope' | 'start' | 'end'>): string {
  return `${value.indicator}|${value.scope}|${value.start ?? ''}-${value.end ?? ''}`;
}

/** The review of an upload from its dry-run import. */
export function reviewOf(uploadId: number, fileName: string, dry: ImportFileResult): UploadReview {
  const extraction = dry.extraction!;
  const review = new Map(dry.pendingReview.map((v) => [`${v.indicator}|${v.start}|${v.end}`, v.reason]));
  return {
    importId: String(uploadId),
    status: 'review',
    fileName,
    meta: extraction.document.meta,
    sourceText: extraction.text,
    values: extraction.document.values.map((v) => ({
      id: reviewValueId(v),
      indicator: v.indicator,
      value: v.value,
      scope: v.scope,
      qualifier: v.qualifier,
      start: v.start ?? null,
      end: v.end ?? null,
      confidence: v.confidence,
      text: v.text,
      review: review.get(`${v.indicator}|${v.start}|${v.end}`) ?? null,
    })),
    citations: extraction.document.citations,
    findings: dry.findings,
    warnings: dry.warnings,
    importedBefore: dry.status === 'duplicate' && dry.importId !== null ? String(dry.importId) : null,
  };
}

export interface ReviewDecision {
  id: string;
  accept: boolean;
  /** A corrected value (a number or Vietnamese text). */
  value?: number | string | undefined;
}

export interface AcceptedImport {
  importId: string;
  reportId: string | null;
  status: string;
  periodId: string | null;
  values: { inserted: number; updated: number; unchanged: number };
  rejected: number;
  corrected: number;
  reviewedAdded: number;
  items: number;
  citations: number;
  findings: Finding[];
  warnings: string[];
}

/** Breakdown labels as the importer assigns them: a repeated indicator and scope is told apart by its qualifier. */
function breakdownsOf(values: readonly ReportValue[]): string[] {
  const seen = new Set<string>();
  return values.map((v) => {
    const base = `${v.indicator}|${v.scope}`;
    const label = seen.has(base) ? (v.qualifier ?? `#${v.start ?? 0}`) : '';
    seen.add(base);
    return label;
  });
}

/**
 * Runs the reviewed import and applies the person's decisions, all in one transaction with the removal
 * of the upload and the audit entry: when anything fails (a period frozen meanwhile, a decision the
 * catalogue or the value checks refuse), nothing is written and the upload waits to be accepted again.
 */
export async function acceptUpload(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  uploadId: number,
  decisions: readonly ReviewDecision[],
): Promise<AcceptedImport> {
  await requireAccess(auth, 'import.create', [orgId]);
  const upload = await getImportUpload(db, orgId, uploadId);
  if (!upload) throw unknownUpload(uploadId);
  // Extraction is the slow part and writes nothing: done before the transaction opens.
  // The period the upload was reviewed under (stated by the person when the file names none).
  const read = await readImportFile(db, {
    orgId,
    name: upload.fileName,
    bytes: upload.bytes,
    periodId: upload.periodId ?? undefined,
  });
  const accepted = await db
    .transaction()
    .execute(async (trx) => {
      // A second acceptance of the same upload waits here, then finds it gone.
      if (!(await lockImportUpload(trx, orgId, uploadId))) throw unknownUpload(uploadId);
      // Read again under another period while this one was being read: the person reviews that first.
      if ((await importUploadPeriod(trx, orgId, uploadId)) !== upload.periodId)
        throw uploadChanged(upload.fileName);
      // What the store held before, so a rejected figure gets its previous value back rather than none: read
      // under the period's lock the import takes, so no other write of the period commits after it.
      await holdPeriodFigures(trx, orgId, read.periodId, 'exclusive');
      const before = await getValues(trx, { orgId, unitId: null, periodIds: [read.periodId] });
      const result = await storeImport(trx, read, { actor: auth.username });
      if (result.status === 'duplicate') {
        await deleteImportUpload(trx, orgId, uploadId);
        return { duplicate: result };
      }
      const counts = await applyDecisions(trx, auth, read, result, before, decisions);
      // The figures the import holds once the decisions are applied: what withdrawing it would remove.
      if (result.importId !== null) await recordStoredFigures(trx, orgId, result.importId);
      await deleteImportUpload(trx, orgId, uploadId);
      await recordAudit(trx, {
        orgId,
        userId: auth.userId,
        action: 'import.accept',
        entity: 'import',
        entityId: result.importId,
        after: { fileName: upload.fileName, periodId: read.periodId, values: result.values, ...counts },
      });
      return { result, ...counts };
    })
    .catch((error: unknown) => {
      // Another upload of the same content accepted at the same moment: its unique hash won.
      if (isDuplicateImport(error)) {
        throw new AppError(
          'import.duplicate',
          `Tệp ${upload.fileName} đang được nhập ở một phiên khác.`,
          409,
        );
      }
      throw error;
    });
  if (accepted.duplicate) {
    throw new AppError(
      'import.duplicate',
      accepted.duplicate.warnings[0] ?? 'Tệp đã được nhập trước đó.',
      409,
      { importId: String(accepted.duplicate.importId) },
    );
  }
  const { result } = accepted;
  return {
    importId: String(result.importId),
    reportId: result.reportId === null ? null : String(result.reportId),
    status: result.status,
    periodId: read.periodId,
    values: result.values,
    rejected: accepted.rejected,
    corrected: accepted.corrected,
    reviewedAdded: accepted.reviewedAdded,
    items: result.items,
    citations: result.citations,
    findings: result.findings,
    warnings: [...result.warnings, ...accepted.conflicts],
  };
}

function uploadChanged(fileName: string): AppError {
  return new AppError(
    'import.changed',
    `Tệp ${fileName} vừa được đọc lại với kỳ báo cáo khác trong một phiên khác; hãy xem lại các số liệu rồi lưu.`,
    409,
    { file: fileName },
  );
}

function unknownUpload(uploadId: number): AppError {
  return new AppError('import.unknown', `Không tìm thấy tệp chờ duyệt số ${uploadId}.`, 404);
}

/**
 * The person's decisions on the figures just imported, inside the import's transaction: a rejected
 * figure gets back the value stored before (or none), a corrected one is saved as a manual entry, an
 * accepted one the importer had held back for review is saved as imported.
 */
async function applyDecisions(
  trx: Transaction<Database>,
  auth: Auth,
  read: ReadImport,
  result: ImportFileResult,
  before: readonly StoredValue[],
  decisions: readonly ReviewDecision[],
): Promise<{ rejected: number; corrected: number; reviewedAdded: number; conflicts: string[] }> {
  const { orgId, periodId } = read;
  const values = read.extraction.document.values;
  const breakdowns = breakdownsOf(values);
  const pending = new Set(result.pendingReview.map((v) => `${v.indicator}|${v.start}|${v.end}`));
  const byId = new Map(decisions.map((d) => [d.id, d]));
  let rejected = 0;
  let corrected = 0;
  let reviewedAdded = 0;
  const conflicts: string[] = [];
  for (const [index, value] of values.entries()) {
    const decision = byId.get(reviewValueId(value));
    if (!decision) continue;
    const key = {
      orgId,
      unitId: null,
      indicatorCode: value.indicator,
      periodId,
      scope: value.scope,
      breakdown: breakdowns[index] ?? '',
    };
    const wasPending = pending.has(`${value.indicator}|${value.start}|${value.end}`);
    if (!decision.accept) {
      const stored = (
        await getValues(trx, {
          orgId,
          unitId: null,
          scope: value.scope,
          periodIds: [periodId],
          indicatorCodes: [value.indicator],
        })
      ).find((s) => s.breakdown === key.breakdown);
      // Written or taken over by this import (a takeover changes import_id only).
      const fromThisImport = stored !== undefined && stored.importId === result.importId;
      rejected++;
      if (wasPending || !fromThisImport) continue;
      const previous = before.find(
        (b) =>
          b.indicatorCode === value.indicator && b.scope === value.scope && b.breakdown === key.breakdown,
      );
      if (previous) {
        await saveValues(trx, auth.username, {
          orgId,
          periodId,
          unitId: null,
          values: [
            {
              indicator: previous.indicatorCode,
              value: previous.value,
              scope: previous.scope,
              breakdown: previous.breakdown,
              qualifier: previous.qualifier,
              sourceRef: previous.sourceRef,
            },
          ],
          source: previous.source,
          reportId: previous.reportId,
          importId: previous.importId,
          reason: 'Loại khi duyệt nhập tệp: trả lại giá trị trước',
        });
        // A figure the import took over (the same value) is not written again above: it goes back to the
        // import that held it before, or to none, exactly as it was.
        if (result.importId !== null) await handBackFigure(trx, key, result.importId, previous.importId);
      } else {
        await deleteValues(trx, [key], auth.username, 'Loại khi duyệt nhập tệp');
      }
      continue;
    }
    const changedValue = decision.value !== undefined && String(decision.value) !== String(value.value);
    if (!changedValue && !wasPending) continue;
    const saved = await saveValues(trx, auth.username, {
      orgId,
      periodId,
      unitId: null,
      values: [
        {
          indicator: value.indicator,
          value: decision.value ?? value.value,
          scope: value.scope,
          breakdown: key.breakdown,
          qualifier: value.qualifier,
          sourceRef: `${read.name}#${value.start ?? ''}-${value.end ?? ''}`,
        },
      ],
      source: changedValue ? 'manual' : 'import',
      reportId: result.reportId,
      // A correction made while reviewing belongs to the import: withdrawing it removes the correction too.
      importId: result.importId,
      reason: changedValue ? 'Sửa khi duyệt nhập tệp' : 'Chấp nhận khi duyệt nhập tệp',
    });
    if (changedValue) {
      corrected++;
      continue;
    }
    // Accepted as read, it is an imported figure: the store keeps a person's figure over it (see upsertValues).
    const kept =
      saved.inserted + saved.updated === 0
        ? (
            await getValues(trx, {
              orgId,
              unitId: null,
              periodIds: [periodId],
              indicatorCodes: [value.indicator],
            })
          )
            .filter((s) => s.source === 'manual' && s.scope === value.scope && s.breakdown === key.breakdown)
            .find((s) => s.value !== value.value)
        : undefined;
    if (kept) {
      conflicts.push(
        conflictWarning({
          indicator: value.indicator,
          scope: value.scope,
          periodId,
          manual: kept.value,
          imported: value.value,
        }),
      );
    } else reviewedAdded++;
  }
  return { rejected, corrected, reviewedAdded, conflicts };
}

export interface ImportListEntry {
  id: string;
  fileName: string;
  /**
   * 'review' = uploaded, waiting for acceptance (its id is the upload's); otherwise the import's status
   * ('stored', 'pending_review': accepted, may be withdrawn; 'withdrawn').
   */
  status: string;
  periodId: string | null;
  reportId: string | null;
  createdBy: string | null;
  createdAt: string;
  /** What the import stored when accepted (figures written, narrative items, citations); null for an upload. */
  stored: { figures: number; items: number; citations: number } | null;
  /**
   * The figures the import holds now (those nobody changed since): what withdrawing it would remove;
   * null for an upload.
   */
  heldFigures: number | null;
  /** An accepted import, not withdrawn: it may be withdrawn. */
  withdrawable: boolean;
  withdrawnBy: string | null;
  withdrawnAt: string | null;
}

/** What an import's summary says it stored. */
function storedOf(summary: Record<string, unknown>): ImportListEntry['stored'] {
  const count = (v: unknown) => (typeof v === 'number' ? v : 0);
  const values = (summary.values ?? {}) as { inserted?: unknown; updated?: unknown };
  return {
    figures: count(values.inserted) + count(values.updated),
    items: count(summary.items),
    citations: count(summary.citations),
  };
}

export async function listOrganisationImports(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
): Promise<ImportListEntry[]> {
  await requireAccess(auth, 'org.read', [orgId]);
  const [uploads, imports] = await Promise.all([listImportUploads(db, orgId), listImports(db, orgId)]);
  const held = await countHeldFigures(
    db,
    orgId,
    imports.filter((i) => isWithdrawable(i.status)).map((i) => i.id),
  );
  return [
    ...uploads.map((u) => ({
      id: String(u.id),
      fileName: u.fileName,
      status: 'review',
      periodId: u.periodId,
      reportId: null,
      createdBy: u.createdBy,
      createdAt: u.createdAt.toISOString(),
      stored: null,
      heldFigures: null,
      withdrawable: false,
      withdrawnBy: null,
      withdrawnAt: null,
    })),
    ...imports.map((i) => ({
      id: String(i.id),
      fileName: i.file_name,
      status: i.status,
      periodId: (i.summary as { period?: string }).period ?? null,
      reportId: i.report_id === null ? null : String(i.report_id),
      createdBy: i.created_by,
      createdAt: i.created_at.toISOString(),
      stored: storedOf(i.summary),
      heldFigures: held.get(i.id) ?? 0,
      withdrawable: isWithdrawable(i.status),
      withdrawnBy: i.withdrawn_by,
      withdrawnAt: i.withdrawn_at?.toISOString() ?? null,
    })),
  ];
}
