import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { addCitations } from '../db/citation.repository.js';
import { createImport, findImportByHash, updateImport } from '../db/import.repository.js';
import { getIndicators, type StoredIndicator } from '../db/indicator.repository.js';
import { getOrganisation } from '../db/organisation.repository.js';
import { createReport, replaceReportContent } from '../db/report.repository.js';
import type { Database } from '../db/schema.js';
import { getValues, upsertValues, type ValueWrite } from '../db/value.repository.js';
import { AppError, isAppError } from '../domain/errors.js';
import { Catalogue } from '../domain/indicator.js';
import { parsePeriod } from '../domain/period.js';
import type { ReportValue } from '../domain/report-document.js';
import { defaultValidationRules, type Finding, validate } from '../domain/validation.js';
import {
  type ExtractionResult,
  type ExtractOptions,
  extractReport,
  failedImportJson,
  type ImportJson,
  toImportJson,
} from '../extract/index.js';

export interface ImportFileRequest {
  orgId: string;
  /** File name as given (shown in messages and kept as the source of each fact). */
  name: string;
  bytes: Uint8Array;
  actor: string | null;
  /** Extract and check, write nothing. */
  dryRun?: boolean;
  extractOptions?: ExtractOptions;
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

function failed(file: string, error: unknown): ImportFileResult {
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
    extraction: null,
    values: { inserted: 0, updated: 0, unchanged: 0 },
    items: 0,
    sections: 0,
    citations: 0,
    conflicts: [],
    pendingReview: [],
    findings: [],
    warnings: [],
    json: failedImportJson(file, appError.message),
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

/**
 * Imports one report file into the organisation's store, in one transaction: the report (origin
 * 'imported'), its sections and narrative items, the documents it cites (one registry entry per
 * document) and its figures. Re-importing the same content (sha256) changes nothing. A figure never
 * overwrites one a person entered (source 'manual'): the conflict is reported. Low-confidence figures
 * are listed for review, not stored. Validation findings are kept with the import. Never throws for
 * bad files: the result carries the error.
 */
export async function importFile(
  db: Kysely<Database>,
  request: ImportFileRequest,
): Promise<ImportFileResult> {
  const { orgId, name } = request;
  try {
    const organisation = await getOrganisation(db, orgId);
    if (!organisation) {
      throw new AppError('organisation.unknown', `Không tìm thấy tổ chức "${orgId}".`, 404, { orgId });
    }
    const hash = sha256(request.bytes);
    const extraction = await extractReport(
      { name, bytes: request.bytes },
      { agency: organisation.name, ...request.extractOptions },
    );
    const { document } = extraction;
    if (!document.meta.periodId) {
      throw new AppError('import.period_unknown', `Không xác định được kỳ báo cáo của tệp ${name}.`, 422, {
        file: name,
      });
    }
    const period = parsePeriod(document.meta.periodId);
    const periodId = document.meta.periodId;
    const { items, sections } = countItems(extraction);
    const warnings = extraction.warnings.map((w) => w.message);

    const previous = await findImportByHash(db, orgId, hash);
    if (previous) {
      return {
        ...failed(name, null),
        ok: true,
        status: 'duplicate',
        error: null,
        importId: previous.id,
        reportId: previous.report_id,
        extraction,
        items,
        sections,
        citations: document.citations.length,
        warnings: [`Tệp ${name} đã được nhập trước đó (lần nhập số ${previous.id}); không thay đổi gì.`],
        json: {
          ...toImportJson(extraction),
          warnings: [`Tệp đã được nhập trước đó (lần nhập số ${previous.id}); không thay đổi gì.`],
        },
      };
    }

    const indicators = await getIndicators(db, orgId);
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    const threshold = request.extractOptions?.reviewThreshold ?? 0.8;
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

    const stored = await getValues(db, {
      orgId,
      periodIds: [periodId],
      indicatorCodes: [...new Set(keyed.map((k) => k.value.indicator))],
      unitId: null,
    });
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

    const catalogue = new Catalogue(indicators);
    const checked = [
      ...stored.filter((s) => s.source === 'manual'),
      ...writes.map((w) => ({ ...w, value: Number(w.value) })),
    ].map((v) => ({
      indicator: v.indicatorCode,
      value: v.value,
      scope: v.scope,
      breakdown: v.breakdown,
      qualifier: v.qualifier ?? null,
    }));
    const findings = validate(catalogue, defaultValidationRules(catalogue), { period, values: checked });

    const base = {
      file: name,
      ok: true,
      error: null,
      extraction,
      items,
      sections,
      citations: document.citations.length,
      conflicts,
      pendingReview,
      findings,
      warnings: [
        ...warnings,
        ...conflicts.map(
          (c) =>
            `Chỉ tiêu ${c.indicator} kỳ ${c.periodId}: giữ giá trị do người nhập (${c.manual}), không ghi giá trị nhập từ tệp (${c.imported}).`,
        ),
      ],
    };
    const json = { ...toImportJson(extraction, findings), warnings: base.warnings };
    if (request.dryRun) {
      return {
        ...base,
        status: 'dry_run',
        importId: null,
        reportId: null,
        values: { inserted: 0, updated: 0, unchanged: 0 },
        json,
      };
    }

    const status = pendingReview.length > 0 ? 'pending_review' : 'stored';
    const outcome = await db.transaction().execute(async (trx) => {
      const row = await createImport(trx, {
        orgId,
        fileName: name,
        fileHash: hash,
        mediaType: extraction.mediaType,
        status,
        createdBy: request.actor,
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
        createdBy: request.actor,
        sourceRef: name,
      });
      await addCitations(trx, orgId, report.id, document.citations);
      const values = await upsertValues(
        trx,
        writes.map((w) => ({ ...w, reportId: report.id })),
        request.actor,
        `Nhập từ tệp ${name}`,
      );
      await updateImport(trx, orgId, row.id, {
        reportId: report.id,
        summary: {
          kind: meta.kind,
          period: periodId,
          values: values,
          items,
          sections,
          citations: document.citations.length,
          conflicts,
          pendingReview: pendingReview.map((v) => ({
            indicator: v.indicator,
            value: v.value,
            scope: v.scope,
            reason: v.reason,
            text: v.text,
          })),
        },
        messages: base.warnings,
        findings,
      });
      return { importId: row.id, reportId: report.id, values };
    });
    return { ...base, status, ...outcome, json };
  } catch (error) {
    // Two imports of the same file racing: the unique hash lets only one through.
    if (error instanceof Error && /imports_org_id_file_hash_key|duplicate key/.test(error.message)) {
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
    return failed(name, error);
  }
}
