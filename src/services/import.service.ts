import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { addCitations } from '../db/citation.repository.js';
import {
  createImport,
  findImportByHash,
  recordReplacedFigures,
  recordStoredFigures,
  updateImport,
} from '../db/import.repository.js';
import { getIndicators, type StoredIndicator } from '../db/indicator.repository.js';
import { getOrganisation } from '../db/organisation.repository.js';
import { createReport, listSignerNames, replaceReportContent } from '../db/report.repository.js';
import type { Database, ImportRow } from '../db/schema.js';
import type { Queryable } from '../db/types.js';
import { getValues, type StoredValue, upsertValues, type ValueWrite } from '../db/value.repository.js';
import { AppError, isAppError } from '../domain/errors.js';
import { Catalogue } from '../domain/indicator.js';
import {
  type Period,
  parsePeriod,
  periodId,
  periodLabelVi,
  planPeriodOf,
  reportKindOf,
} from '../domain/period.js';
import type { ReportValue } from '../domain/report-document.js';
import { defaultValidationRules, type Finding, validate } from '../domain/validation.js';
import {
  type ExtractionResult,
  type ExtractOptions,
  extractRead,
  extractReport,
  failedImportJson,
  type ImportJson,
  type ReadResult,
  toImportJson,
} from '../extract/index.js';
import { organisationValuePatterns } from './extraction-pattern.service.js';
import { assertPeriodOpen, freezingReport, periodLockedError } from './period-lock.js';
import { organisationTemplate } from './report.service.js';

export interface ImportFileRequest {
  orgId: string;
  /** File name as given (shown in messages and kept as the source of each fact). */
  name: string;
  bytes: Uint8Array;
  actor: string | null;
  /** Extract and check, write nothing. */
  dryRun?: boolean;
  extractOptions?: ExtractOptions;
  /**
   * The file's text as already read from `bytes` (readFile), for a caller that extracts one file several
   * times: a PDF or DOCX is then decoded once.
   */
  read?: ReadResult;
  /**
   * The report's period as a person states it (a period id: "2022-04", "2021-9M"), for a file whose
   * period the importer cannot tell or tells wrongly: it replaces the period read from the text.
   */
  periodId?: string | undefined;
}

export type ImportStatusResult = 'stored' | 'pending_review' | 'dry_run' | 'duplicate' | 'failed';

/** An imported figure that was not written because a person had entered the value. */
export interface ManualConflict {
  indicator: string;
  scope: string;
  periodId: string;
  manual: number;
  imported: number;
}

export interface ImportFileResult {
  file: string;
  ok: boolean;
  /** 'duplicate': the same content (sha256) was imported before; nothing changed. */
  status: ImportStatusResult;
  importId: number | null;
  reportId: number | null;
  error: { code: string; message: string } | null;
  extraction: ExtractionResult | null;
  values: { inserted: number; updated: number; unchanged: number };
  items: number;
  sections: number;
  citations: number;
  conflicts: ManualConflict[];
  /** Values not stored: low confidence, unknown indicator or not valid for it; a person reviews them. */
  pendingReview: Array<ReportValue & { reason: string }>;
  findings: Finding[];
  warnings: string[];
  /** The `--json` line of `baocao import`. */
  json: ImportJson;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A failed file; when it was read, the result keeps what was extracted (the `--json` line too). */
function failed(file: string, error: unknown, read?: ReadImport): ImportFileResult {
  const appError = isAppError(error)
    ? error
    : new AppError(
        'import.failed',
        `Không nhập được tệp ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
  return {
    file,
    ok: false,
    status: 'failed',
    importId: null,
    reportId: null,
    error: { code: appError.code, message: appError.message },
    extraction: read?.extraction ?? null,
    values: { inserted: 0, updated: 0, unchanged: 0 },
    items: read?.items ?? 0,
    sections: read?.sections ?? 0,
    citations: read?.extraction.document.citations.length ?? 0,
    conflicts: [],
    pendingReview: [],
    findings: [],
    warnings: [],
    json: read
      ? { ...toImportJson(read.extraction), ok: false, error: appError.message }
      : failedImportJson(file, appError.message),
  };
}

/** Why an extracted value cannot be stored as a fact, or null when it can. */
function reviewReason(
  value: ReportValue,
  indicator: StoredIndicator | undefined,
  threshold: number,
): string | null {
  if (!indicator) return `Chỉ tiêu ${value.indicator} không có trong danh mục của tổ chức.`;
  if (value.confidence < threshold) return `Độ tin cậy thấp (${value.confidence.toFixed(2)}).`;
  if (indicator.integer && !Number.isInteger(value.value))
    return `Chỉ tiêu ${indicator.code} là số đếm, đọc được ${value.value}.`;
  if (value.value < 0 || (indicator.unit === '%' && value.value > 100))
    return `Giá trị ${value.value} ngoài khoảng hợp lệ.`;
  return null;
}

const countItems = (result: ExtractionResult) => {
  let items = 0;
  let sections = 0;
  const walk = (list: ExtractionResult['document']['sections']) => {
    for (const s of list) {
      sections++;
      items += s.items.length;
      walk(s.children);
    }
  };
  walk(result.document.sections);
  return { items, sections };
};

/** The error of an import that lost the race with another import of the same content (unique hash). */
export function isDuplicateImport(error: unknown): boolean {
  return error instanceof Error && /imports_org_id_file_hash_key|duplicate key/.test(error.message);
}

/** A file read and extracted, not yet checked against the store. */
export interface ReadImport {
  orgId: string;
  name: string;
  /** sha256 of the bytes: the same content is imported once per organisation. */
  hash: string;
  extraction: ExtractionResult;
  periodId: string;
  /** The period was stated by a person (ImportFileRequest.periodId), not read from the text. */
  periodStated: boolean;
  items: number;
  sections: number;
}

/**
 * Reads and extracts a report file for the organisation; writes nothing and takes no lock, so a caller
 * runs it before opening the transaction that stores it. Throws an AppError for an unknown organisation
 * or a file whose period cannot be told.
 */
export async function readImportFile(
  db: Queryable,
  request: Omit<ImportFileRequest, 'actor' | 'dryRun'>,
): Promise<ReadImport> {
  const { orgId, name } = request;
  const organisation = await getOrganisation(db, orgId);
  if (!organisation) {
    throw new AppError('organisation.unknown', `Không tìm thấy tổ chức "${orgId}".`, 404, { orgId });
  }
  const knownSigners = await listSignerNames(db, orgId);
  const patterns = request.extractOptions?.patterns ?? (await organisationValuePatterns(db, orgId));
  // Damaged headings are recovered against the organisation's own layout (its titles and their variants).
  const template =
    request.extractOptions?.template === undefined
      ? await organisationTemplate(db, orgId)
      : request.extractOptions.template;
  const options = { agency: organisation.name, knownSigners, ...request.extractOptions, patterns, template };
  let extraction = request.read
    ? extractRead(name, request.read, options)
    : await extractReport({ name, bytes: request.bytes }, options);
  if (request.periodId !== undefined)
    extraction = withStatedPeriod(extraction, parsePeriod(request.periodId));
  const periodId = extraction.document.meta.periodId;
  if (!periodId) {
    throw new AppError(
      'import.period_unknown',
      `Không xác định được kỳ báo cáo của tệp ${name}. Hãy chọn kỳ báo cáo của tệp rồi đọc lại.`,
      422,
      { file: name },
    );
  }
  parsePeriod(periodId);
  return {
    orgId,
    name,
    hash: sha256(request.bytes),
    extraction,
    periodId,
    periodStated: request.periodId !== undefined,
    ...countItems(extraction),
  };
}

/**
 * The extraction with the period a person stated: its kind follows the period; a period the text
 * named otherwise is told in a warning, a period it did not name is no longer warned about. The plan
 * part the text names belongs to the period it names: under another period it is that one's next.
 */
function withStatedPeriod(extraction: ExtractionResult, period: Period): ExtractionResult {
  const { meta } = extraction.document;
  const stated = periodId(period);
  const read = meta.periodId ? parsePeriod(meta.periodId) : null;
  const warnings = extraction.warnings.filter((w) => w.code !== 'import.period_unknown');
  if (read && periodId(read) !== stated) {
    warnings.push({
      code: 'import.period_stated',
      message: `Kỳ báo cáo theo người nhập: ${periodLabelVi(period)}; văn bản ghi ${periodLabelVi(read)}.`,
    });
  }
  const planPeriodId = read && periodId(read) === stated ? meta.planPeriodId : periodId(planPeriodOf(period));
  return {
    ...extraction,
    document: {
      ...extraction.document,
      meta: { ...meta, periodId: stated, kind: reportKindOf(period), planPeriodId },
    },
    warnings,
  };
}

/** The result for a file whose content was imported before: nothing changes. */
function duplicateResult(read: ReadImport, previous: ImportRow): ImportFileResult {
  const { extraction } = read;
  // A period stated for a file imported before is not applied either: say so, not silently.
  const unchanged = read.periodStated ? 'không thay đổi gì, kể cả kỳ báo cáo đã chọn' : 'không thay đổi gì';
  return {
    ...failed(read.name, null),
    ok: true,
    status: 'duplicate',
    error: null,
    importId: previous.id,
    reportId: previous.report_id,
    extraction,
    items: read.items,
    sections: read.sections,
    citations: extraction.document.citations.length,
    warnings: [`Tệp ${read.name} đã được nhập trước đó (lần nhập số ${previous.id}); ${unchanged}.`],
    json: {
      ...toImportJson(extraction),
      warnings: [`Tệp đã được nhập trước đó (lần nhập số ${previous.id}); ${unchanged}.`],
    },
  };
}

/** What storing the file would write, planned against the store as `db` sees it. */
/** Validation of the period's figures as the import leaves them: the people's figures and the imported ones. */
function checkImported(
  indicators: readonly StoredIndicator[],
  periodId: string,
  manual: readonly StoredValue[],
  writes: readonly ValueWrite[],
): Finding[] {
  const catalogue = new Catalogue(indicators);
  const checked = [...manual, ...writes.map((w) => ({ ...w, value: Number(w.value) }))].map((v) => ({
    indicator: v.indicatorCode,
    value: v.value,
    scope: v.scope,
    breakdown: v.breakdown,
    qualifier: v.qualifier ?? null,
  }));
  return validate(catalogue, defaultValidationRules(catalogue), {
    period: parsePeriod(periodId),
    values: checked,
  });
}

interface ImportPlan {
  /** The indicators of the figures read: the people's figures of these are validated with the imported ones. */
  indicatorCodes: string[];
  writes: ValueWrite[];
  conflicts: ManualConflict[];
  pendingReview: ImportFileResult['pendingReview'];
  findings: Finding[];
  warnings: string[];
}

/** The warning of an imported figure left unwritten because a person entered the figure. */
export function conflictWarning(c: ManualConflict): string {
  return `Chỉ tiêu ${c.indicator} kỳ ${c.periodId}: giữ giá trị do người nhập (${c.manual}), không ghi giá trị nhập từ tệp (${c.imported}).`;
}

/**
 * The planned writes the upsert left because a person's figure was there by then: saved and committed
 * after the plan read the store. The upsert holds those rows locked, so they read as they stay.
 */
async function manualFiguresKept(
  trx: Transaction<Database>,
  read: ReadImport,
  writes: readonly ValueWrite[],
): Promise<{ conflicts: ManualConflict[]; manual: StoredValue[] }> {
  if (writes.length === 0) return { conflicts: [], manual: [] };
  const stored = await getValues(trx, {
    orgId: read.orgId,
    periodIds: [read.periodId],
    indicatorCodes: [...new Set(writes.map((w) => w.indicatorCode))],
    unitId: null,
  });
  const manual = stored.filter((s) => s.source === 'manual');
  const byKey = new Map(manual.map((s) => [`${s.indicatorCode}|${s.scope}|${s.breakdown}`, s]));
  const conflicts = writes.flatMap((w) => {
    const person = byKey.get(`${w.indicatorCode}|${w.scope}|${w.breakdown}`);
    if (!person || person.value === Number(w.value)) return [];
    return [
      {
        indicator: w.indicatorCode,
        scope: w.scope,
        periodId: read.periodId,
        manual: person.value,
        imported: Number(w.value),
      },
    ];
  });
  return { conflicts, manual };
}

async function planImport(db: Queryable, read: ReadImport, threshold: number): Promise<ImportPlan> {
  const { orgId, name, periodId, extraction } = read;
  const { document } = extraction;
  const indicators = await getIndicators(db, orgId);
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const pendingReview: ImportFileResult['pendingReview'] = [];
  const accepted: ReportValue[] = [];
  for (const value of document.values) {
    const reason = reviewReason(value, byCode.get(value.indicator), threshold);
    if (reason) pendingReview.push({ ...value, reason });
    else accepted.push(value);
  }

  // Two figures of one indicator and scope in a report are told apart by their qualifier.
  const seen = new Set<string>();
  const keyed = accepted.flatMap((value) => {
    const base = `${value.indicator}|${value.scope}`;
    const breakdown = seen.has(base) ? (value.qualifier ?? `#${value.start ?? 0}`) : '';
    if (seen.has(`${base}|${breakdown}`)) return [];
    seen.add(base);
    seen.add(`${base}|${breakdown}`);
    return [{ value, breakdown }];
  });

  const indicatorCodes = [...new Set(keyed.map((k) => k.value.indicator))];
  const stored = await getValues(db, { orgId, periodIds: [periodId], indicatorCodes, unitId: null });
  const manual = new Map(
    stored
      .filter((s) => s.source === 'manual')
      .map((s) => [`${s.indicatorCode}|${s.scope}|${s.breakdown}`, s]),
  );
  const conflicts: ManualConflict[] = [];
  const writes: ValueWrite[] = [];
  for (const { value, breakdown } of keyed) {
    const person = manual.get(`${value.indicator}|${value.scope}|${breakdown}`);
    if (person) {
      if (person.value !== value.value) {
        conflicts.push({
          indicator: value.indicator,
          scope: value.scope,
          periodId,
          manual: person.value,
          imported: value.value,
        });
      }
      continue;
    }
    writes.push({
      orgId,
      unitId: null,
      indicatorCode: value.indicator,
      periodId,
      scope: value.scope,
      breakdown,
      value: value.value,
      qualifier: value.qualifier,
      source: 'import',
      sourceRef: `${name}#${value.start ?? ''}-${value.end ?? ''}`,
    });
  }

  const findings = checkImported(indicators, periodId, [...manual.values()], writes);
  const warnings = [...extraction.warnings.map((w) => w.message), ...conflicts.map(conflictWarning)];
  return { indicatorCodes, writes, conflicts, pendingReview, findings, warnings };
}

function plannedResult(
  read: ReadImport,
  plan: ImportPlan,
): Omit<ImportFileResult, 'status' | 'importId' | 'reportId' | 'values'> {
  const { extraction } = read;
  return {
    file: read.name,
    ok: true,
    error: null,
    extraction,
    items: read.items,
    sections: read.sections,
    citations: extraction.document.citations.length,
    conflicts: plan.conflicts,
    pendingReview: plan.pendingReview,
    findings: plan.findings,
    warnings: plan.warnings,
    json: { ...toImportJson(extraction, plan.findings), warnings: plan.warnings },
  };
}

/**
 * Stores a file read by `readImportFile`, inside the caller's transaction: the report (origin
 * 'imported'), its sections and narrative items, the documents it cites (one registry entry per
 * document) and its figures, with the import row, which keeps the figures it holds and those it
 * overwrote (so that it can be withdrawn). Content imported before (sha256) by an import not withdrawn
 * changes nothing (status 'duplicate'). A figure never overwrites one a person entered (source 'manual'): the
 * conflict is reported. Low-confidence figures are listed for review, not stored. Throws
 * `value.submitted` or `value.locked` (409), naming the file, when a submitted, approved or locked
 * report covers the file's period, checked under the lock a submission or approval waits for.
 */
export async function storeImport(
  trx: Transaction<Database>,
  read: ReadImport,
  options: { actor: string | null; reviewThreshold?: number | undefined },
): Promise<ImportFileResult> {
  const { orgId, name, periodId, extraction } = read;
  const { document } = extraction;
  const previous = await findImportByHash(trx, orgId, read.hash);
  if (previous) return duplicateResult(read, previous);
  // Exclusive: no other write of the period commits between what it reads (what it replaces) and its writes.
  await assertPeriodOpen(trx, orgId, periodId, name, 'import', 'exclusive');
  const plan = await planImport(trx, read, options.reviewThreshold ?? 0.8);
  const status = plan.pendingReview.length > 0 ? 'pending_review' : 'stored';
  const row = await createImport(trx, {
    orgId,
    fileName: name,
    fileHash: read.hash,
    mediaType: extraction.mediaType,
    status,
    createdBy: options.actor,
  });
  const meta = document.meta;
  const report = await createReport(trx, {
    org_id: orgId,
    period_id: periodId,
    kind: meta.kind,
    plan_period_id: meta.planPeriodId,
    number: meta.number,
    issued_date: meta.issuedDate,
    place: meta.place,
    title: meta.title,
    parent_authority: meta.parentAuthority,
    agency: meta.agency,
    signer_name: meta.signer?.name ?? null,
    signer_position: meta.signer?.position ?? null,
    signer_on_behalf: meta.signer?.onBehalf ?? null,
    recipients: meta.recipients,
    intro: document.intro,
    closing: document.closing,
    origin: 'imported',
    import_id: row.id,
  });
  await replaceReportContent(trx, orgId, report.id, document.sections, {
    source: 'import',
    createdBy: options.actor,
    sourceRef: name,
  });
  await addCitations(trx, orgId, report.id, document.citations);
  // What the period held before, so that withdrawing the import puts back what it overwrote.
  const extractedCodes = [...new Set(document.values.map((v) => v.indicator))];
  await recordReplacedFigures(trx, orgId, row.id, periodId, extractedCodes);
  const written = await upsertValues(
    trx,
    plan.writes.map((w) => ({ ...w, reportId: report.id, importId: row.id })),
    options.actor,
    `Nhập từ tệp ${name}`,
  );
  // The upsert itself keeps a person's figure saved while this import ran; reported like those planned around,
  // and the period is validated again with that figure instead of the imported one.
  const kept = written.unchanged > 0 ? await manualFiguresKept(trx, read, plan.writes) : null;
  const late = kept?.conflicts ?? [];
  if (kept && late.length > 0) {
    plan.conflicts.push(...late);
    plan.warnings.push(...late.map(conflictWarning));
    const keptKeys = new Set(kept.manual.map((s) => `${s.indicatorCode}|${s.scope}|${s.breakdown}`));
    const imported = plan.writes.filter((w) => !keptKeys.has(`${w.indicatorCode}|${w.scope}|${w.breakdown}`));
    const now = await getValues(trx, {
      orgId,
      periodIds: [periodId],
      indicatorCodes: plan.indicatorCodes,
      unitId: null,
    });
    const manual = now.filter((v) => v.source === 'manual');
    plan.findings = checkImported(await getIndicators(trx, orgId), periodId, manual, imported);
  }
  const values = { ...written, unchanged: written.unchanged - late.length };
  await updateImport(trx, orgId, row.id, {
    reportId: report.id,
    summary: {
      kind: meta.kind,
      period: periodId,
      values,
      items: read.items,
      sections: read.sections,
      citations: document.citations.length,
      conflicts: plan.conflicts,
      pendingReview: plan.pendingReview.map((v) => ({
        indicator: v.indicator,
        value: v.value,
        scope: v.scope,
        reason: v.reason,
        text: v.text,
      })),
    },
    messages: plan.warnings,
    findings: plan.findings,
  });
  await recordStoredFigures(trx, orgId, row.id);
  return { ...plannedResult(read, plan), status, importId: row.id, reportId: report.id, values };
}

/** A dry run: what `storeImport` would do, from the store as it is, writing nothing. */
async function dryRunImport(db: Queryable, read: ReadImport, threshold: number): Promise<ImportFileResult> {
  const previous = await findImportByHash(db, read.orgId, read.hash);
  if (previous) return duplicateResult(read, previous);
  const frozenBy = await freezingReport(db, read.orgId, read.periodId);
  if (frozenBy) throw periodLockedError(read.periodId, frozenBy, read.name);
  const plan = await planImport(db, read, threshold);
  return {
    ...plannedResult(read, plan),
    status: 'dry_run',
    importId: null,
    reportId: null,
    values: { inserted: 0, updated: 0, unchanged: 0 },
  };
}

/**
 * Imports one report file into the organisation's store, in one transaction (see `storeImport`).
 * Re-importing the same content changes nothing. A file whose period is frozen by an approved or
 * locked report (its own period or one containing it) is refused: nothing of it is stored, and the
 * error names the period and the report's status. Validation findings are kept with the import.
 * Never throws for bad files: the result carries the error (with what was extracted, when the file
 * could be read).
 */
export async function importFile(
  db: Kysely<Database>,
  request: ImportFileRequest,
): Promise<ImportFileResult> {
  const { name } = request;
  const threshold = request.extractOptions?.reviewThreshold ?? 0.8;
  let read: ReadImport | undefined;
  try {
    read = await readImportFile(db, request);
    const file = read;
    if (request.dryRun) return await dryRunImport(db, file, threshold);
    return await db
      .transaction()
      .execute((trx) => storeImport(trx, file, { actor: request.actor, reviewThreshold: threshold }));
  } catch (error) {
    // Two imports of the same file racing: the unique hash lets only one through.
    if (isDuplicateImport(error)) {
      return {
        ...failed(
          name,
          new AppError('import.duplicate', `Tệp ${name} đang được nhập ở một phiên khác.`, 409),
        ),
        ok: true,
        status: 'duplicate',
        error: null,
      };
    }
    return failed(name, error, read);
  }
}
