import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { getIndicators, type StoredIndicator } from '../db/indicator.repository.js';
import { getOrganisation } from '../db/organisation.repository.js';
import type { Database, ValueScope } from '../db/schema.js';
import { getValues, type StoredValue } from '../db/value.repository.js';
import { AppError, isAppError } from '../domain/errors.js';
import { comparePeriods, parsePeriod, periodId, periodRange } from '../domain/period.js';
import type { Finding } from '../domain/validation.js';
import { foldDiacritics } from '../domain/vietnamese/fold.js';
import { checkZipContainer } from '../extract/zip-guard.js';
import {
  readValueSheet,
  SHEET_CONTENT_TYPES,
  type SheetFormat,
  sheetFormatOf,
  writeValueSheet,
} from '../sheets/value-sheet.js';
import {
  type SheetFigure,
  type SheetProblem,
  sheetRefused,
  type ValueTableRow,
} from '../sheets/value-sheet-layout.js';
import { type Auth, requireAccess } from './access.js';
import { validatePeriod } from './period-analysis.service.js';
import { saveValues } from './value.service.js';

/**
 * Figures in and out as spreadsheets (XLSX, CSV): an organisation's figures for a run of periods as one row
 * per indicator and one column per period, and such a sheet (or a long one, one figure per row) read back
 * through the value save service, the whole file in one transaction.
 */

const SCOPE_ORDER: readonly ValueScope[] = ['period', 'as_of_end', 'cumulative'];
/** A file larger than this many figures is refused (the API's JSON save takes 10.000 per request). */
const MAX_FIGURES = 50_000;

/** The scope a figure has when a sheet leaves it blank: a level at the period end for a stock, else the period. */
function defaultScope(indicator: StoredIndicator): ValueScope {
  return indicator.kind === 'stock' ? 'as_of_end' : 'period';
}

export interface ExportValueSheetRequest {
  orgId: string;
  /** First period ("2022-01"); the sheet has one column per period of its kind up to `to`. */
  from: string;
  /** Last period, of the same kind as `from`; default `from`. */
  to?: string;
  format: SheetFormat;
}

export interface ValueSheetFile {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Vietnamese: "Số liệu chỉ tiêu 2022-01 đến 2022-12.xlsx". */
  fileName: string;
  /** The same without diacritics, for clients that cannot read an encoded file name. */
  asciiFileName: string;
}

/** One row per indicator (and stored scope and breakdown label), in catalogue order. */
function tableRows(indicators: readonly StoredIndicator[], values: readonly StoredValue[]): ValueTableRow[] {
  const byIndicator = new Map<string, Map<string, StoredValue[]>>();
  for (const value of values) {
    const rows = byIndicator.get(value.indicatorCode) ?? new Map<string, StoredValue[]>();
    const key = JSON.stringify([SCOPE_ORDER.indexOf(value.scope), value.breakdown]);
    rows.set(key, [...(rows.get(key) ?? []), value]);
    byIndicator.set(value.indicatorCode, rows);
  }
  return indicators.flatMap((indicator): ValueTableRow[] => {
    const base = {
      indicator: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      integer: indicator.integer,
    };
    const stored = byIndicator.get(indicator.code);
    // An indicator without figures in the range keeps an empty row to fill in, unless it is retired.
    if (!stored) {
      return indicator.active
        ? [{ ...base, scope: defaultScope(indicator), breakdown: '', figures: new Map() }]
        : [];
    }
    return [...stored.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, rowValues]) => ({
        ...base,
        scope: rowValues[0]!.scope,
        breakdown: rowValues[0]!.breakdown,
        figures: new Map(rowValues.map((v) => [v.periodId, { value: v.value, qualifier: v.qualifier }])),
      }));
  });
}

/**
 * The organisation-level figures of an organisation for the periods `from`..`to` as an XLSX or CSV file:
 * code, name, unit, scope and breakdown of each indicator, one column per period, a note column for each
 * period where a figure carries a qualifier. Every active indicator has a row, so the sheet doubles as a
 * form to fill in. `auth` null is the command line; a signed-in user needs to be a member (org.read).
 */
export async function exportValueSheet(
  db: Kysely<Database>,
  auth: Auth | null,
  request: ExportValueSheetRequest,
): Promise<ValueSheetFile> {
  if (auth) await requireAccess(auth, 'org.read', [request.orgId]);
  const periodIds = periodRange(request.from, request.to).map(periodId);
  const organisation = await getOrganisation(db, request.orgId);
  if (!organisation) {
    throw new AppError('organisation.unknown', `Không tìm thấy tổ chức "${request.orgId}".`, 404, {
      orgId: request.orgId,
    });
  }
  const [indicators, values] = await Promise.all([
    getIndicators(db, request.orgId),
    getValues(db, { orgId: request.orgId, periodIds, unitId: null }),
  ]);
  const body = await writeValueSheet(
    { organisation: organisation.name, periodIds, rows: tableRows(indicators, values) },
    request.format,
  );
  const first = periodIds[0]!;
  const last = periodIds.at(-1)!;
  const fileName = `Số liệu chỉ tiêu ${first === last ? first : `${first} đến ${last}`}.${request.format}`;
  return {
    body,
    contentType: SHEET_CONTENT_TYPES[request.format],
    fileName,
    asciiFileName: foldDiacritics(fileName),
  };
}

export interface ImportValueSheetRequest {
  orgId: string;
  file: { name: string; bytes: Uint8Array };
  /** The signed-in user, who must be allowed to write every indicator of the file; null for the command line. */
  auth: Auth | null;
  /** Who the changes are recorded under when `auth` is null. */
  actor?: string | null;
  /** Check everything, the lock of each period included, and store nothing. */
  dryRun?: boolean;
  reason?: string | null;
}

export interface ValueSheetPeriodResult {
  periodId: string;
  inserted: number;
  updated: number;
  unchanged: number;
  /** The period's validation after the import (parts, ratios, continuity…). */
  findings: Finding[];
}

export interface ImportValueSheetResult {
  file: string;
  dryRun: boolean;
  /** Figures read from the file. */
  figures: number;
  inserted: number;
  updated: number;
  unchanged: number;
  periods: ValueSheetPeriodResult[];
}

/** Rolls back a dry run's transaction, carrying what it would have done. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportValueSheetResult) {
    super('dry run');
  }
}

/** Unknown indicators and figures given twice, each named by its cell. */
function catalogueProblems(
  figures: readonly SheetFigure[],
  indicators: ReadonlyMap<string, StoredIndicator>,
): SheetProblem[] {
  const problems: SheetProblem[] = [];
  const unknown = new Set<string>();
  const seen = new Map<string, SheetFigure>();
  for (const figure of figures) {
    const indicator = indicators.get(figure.indicator);
    if (!indicator) {
      if (!unknown.has(figure.indicator)) {
        unknown.add(figure.indicator);
        problems.push({
          cell: figure.codeCell,
          message: `ô ${figure.codeCell}: chỉ tiêu "${figure.indicator}" không có trong danh mục chỉ tiêu`,
        });
      }
      continue;
    }
    const scope = figure.scope ?? defaultScope(indicator);
    const key = JSON.stringify([figure.indicator, figure.periodId, scope, figure.breakdown]);
    const earlier = seen.get(key);
    if (earlier) {
      problems.push({
        cell: figure.cell,
        message: `ô ${figure.cell} (${figure.indicator}, kỳ ${figure.periodId}): trùng với số liệu ở ô ${earlier.cell}`,
      });
    } else seen.set(key, figure);
  }
  return problems;
}

/** A refusal of the value service, placed at the cell of the figure it names. */
function located(
  error: unknown,
  fileName: string,
  periodIdText: string,
  figures: readonly SheetFigure[],
): unknown {
  if (!isAppError(error)) return error;
  const details = { ...error.details, file: fileName };
  const indicator = error.details?.indicator;
  const candidates = figures.filter((f) => f.indicator === indicator);
  const figure = candidates.find((f) => f.value === error.details?.value) ?? candidates[0];
  if (!figure) {
    return new AppError(error.code, `Không nhập tệp "${fileName}": ${error.message}`, error.status, details);
  }
  return new AppError(
    error.code,
    `Tệp "${fileName}", ô ${figure.cell} (kỳ ${periodIdText}): ${error.message} Không số liệu nào trong tệp được lưu.`,
    error.status,
    { ...details, cell: figure.cell },
  );
}

async function storeFigures(
  trx: Transaction<Database>,
  request: ImportValueSheetRequest,
  actor: string | null,
  figures: readonly SheetFigure[],
  indicators: ReadonlyMap<string, StoredIndicator>,
): Promise<ImportValueSheetResult> {
  const { orgId, file } = request;
  const byPeriod = new Map<string, SheetFigure[]>();
  for (const figure of figures)
    byPeriod.set(figure.periodId, [...(byPeriod.get(figure.periodId) ?? []), figure]);
  const periodIds = [...byPeriod.keys()].sort((a, b) => comparePeriods(parsePeriod(a), parsePeriod(b)));
  const periods: ValueSheetPeriodResult[] = [];
  for (const id of periodIds) {
    const list = byPeriod.get(id)!;
    let saved: { inserted: number; updated: number; unchanged: number };
    try {
      saved = await saveValues(trx, actor, {
        orgId,
        periodId: id,
        // Figures of the organisation as a whole, as the data-entry page saves them.
        unitId: null,
        values: list.map((f) => ({
          indicator: f.indicator,
          value: f.value,
          scope: f.scope ?? defaultScope(indicators.get(f.indicator)!),
          breakdown: f.breakdown,
          qualifier: f.qualifier,
          sourceRef: `${file.name} ${f.cell}`,
        })),
        // Typed by a person: an old report read later never overwrites these.
        source: 'manual',
        reason: request.reason ?? null,
      });
    } catch (error) {
      throw located(error, file.name, id, list);
    }
    periods.push({ periodId: id, ...saved, findings: await validatePeriod(trx, orgId, id) });
  }
  const total = (pick: (p: ValueSheetPeriodResult) => number) => periods.reduce((n, p) => n + pick(p), 0);
  const result: ImportValueSheetResult = {
    file: file.name,
    dryRun: request.dryRun === true,
    figures: figures.length,
    inserted: total((p) => p.inserted),
    updated: total((p) => p.updated),
    unchanged: total((p) => p.unchanged),
    periods,
  };
  await recordAudit(trx, {
    orgId,
    userId: request.auth?.userId ?? null,
    action: 'values.import',
    entity: 'values',
    entityId: file.name,
    after: {
      file: file.name,
      figures: result.figures,
      periods: periods.map(({ findings: _, ...counts }) => counts),
    },
    reason: request.reason ?? null,
  });
  return result;
}

/**
 * Reads an XLSX or CSV sheet of figures (the export's layout, or one figure per row: indicator, period,
 * value) and saves it through the value save service: same checks of each figure, same refusal of a frozen
 * period, same audit, and the whole file in one transaction, so a single bad cell leaves nothing written.
 * Problems are AppErrors naming the file and the cell: `sheet.type`, `sheet.corrupt`, `sheet.invalid` (every
 * problem of the layout, unknown indicators, figures given twice), then the first refusal of the value service
 * (`value.negative`, `value.locked`…). An empty cell changes nothing; an import never deletes a figure.
 */
export async function importValueSheet(
  db: Kysely<Database>,
  request: ImportValueSheetRequest,
): Promise<ImportValueSheetResult> {
  const { orgId, file } = request;
  const format = sheetFormatOf(file.name, file.bytes);
  // Refuses a zip that would unpack to an absurd size before exceljs inflates it.
  if (format === 'xlsx') checkZipContainer(file.bytes, file.name);
  const figures = await readValueSheet(file.name, file.bytes, format);
  if (figures.length > MAX_FIGURES) {
    throw new AppError(
      'sheet.too_large',
      `Tệp "${file.name}" có ${figures.length} số liệu, quá giới hạn ${MAX_FIGURES} số liệu mỗi lần nhập.`,
      413,
      { file: file.name },
    );
  }
  if (!(await getOrganisation(db, orgId))) {
    throw new AppError('organisation.unknown', `Không tìm thấy tổ chức "${orgId}".`, 404, { orgId });
  }
  const codes = [...new Set(figures.map((f) => f.indicator))];
  const indicators = new Map((await getIndicators(db, orgId, { codes })).map((i) => [i.code, i]));
  const problems = catalogueProblems(figures, indicators);
  if (problems.length > 0) throw sheetRefused(file.name, problems);
  if (request.auth) await requireAccess(request.auth, 'values.write', codes);

  const actor = request.auth?.username ?? request.actor ?? null;
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await storeFigures(trx, request, actor, figures, indicators);
      if (request.dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}
