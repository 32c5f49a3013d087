import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { getIndicators, type StoredIndicator } from '../db/indicator.repository.js';
import { organisationExists } from '../db/organisation.repository.js';
import type { Database, ValueScope, ValueSource } from '../db/schema.js';
import { getUnitById } from '../db/unit.repository.js';
import {
  deleteValues,
  getValues as readValues,
  type StoredValue,
  type UpsertValuesResult,
  upsertValues,
  type ValueWrite,
} from '../db/value.repository.js';
import { AppError } from '../domain/errors.js';
import { periodId as formatPeriodId, parsePeriod } from '../domain/period.js';
import { formatViNumber, parseViNumber, parseViPercent } from '../domain/vietnamese/number.js';
import { assertPeriodOpen } from './period-lock.js';

const SCOPES: readonly ValueScope[] = ['period', 'as_of_end', 'cumulative'];

export interface ValueInput {
  /** Indicator code, e.g. 'dvc.dossiers_received'. */
  indicator: string;
  /** A number, or Vietnamese-formatted text: "1.858" = 1858, "30,73" or "30,73%" = 30.73. */
  value: number | string;
  /**
   * 'period' (within the period), 'as_of_end' (a level at the period end) or 'cumulative'
   * (lũy kế: counted from the start of the year to the period end). Default 'period'.
   */
  scope?: ValueScope;
  /** Distinguishes two values of one indicator in one period, e.g. 'trước thời hạn'. */
  breakdown?: string;
  /** 'ước' (estimate), 'hơn' (more than), 'khoảng' (about). */
  qualifier?: string | null;
  sourceRef?: string | null;
}

export interface SetValuesRequest {
  orgId: string;
  periodId: string;
  /** The unit the figures belong to; omitted or null = the organisation as a whole. */
  unitId?: number | null;
  values: readonly ValueInput[];
  source: ValueSource;
  reportId?: number | null;
  /** The import the figures belong to (a correction made while reviewing it); omitted for anyone else. */
  importId?: number | null;
  reason?: string | null;
}

export type SetValuesResult = UpsertValuesResult;

/** Reads a value as a number; accepts Vietnamese notation. Null when it is not a number. */
function toNumber(raw: number | string): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = raw.trim();
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1).trim() : text;
  const parsed = parseViNumber(body) ?? parseViPercent(body);
  if (parsed === null || !Number.isFinite(parsed)) return null;
  return negative ? -parsed : parsed;
}

function shown(raw: number | string): string {
  return typeof raw === 'number'
    ? formatViNumber(raw, { decimals: Number.isInteger(raw) ? 0 : undefined })
    : raw;
}

function unknownIndicator(code: string): AppError {
  return new AppError('indicator.unknown', `Chỉ tiêu "${code}" không có trong danh mục chỉ tiêu.`, 400, {
    indicator: code,
  });
}

/** Checks one input against its indicator; returns the number to store or throws the first problem. */
function checkValue(input: ValueInput, indicator: StoredIndicator): number {
  const label = `"${indicator.name}" (${indicator.code})`;
  const value = toNumber(input.value);
  if (value === null) {
    throw new AppError(
      'value.not_number',
      `Giá trị "${shown(input.value)}" của chỉ tiêu ${label} không phải là số.`,
      400,
      {
        indicator: indicator.code,
        value: input.value,
      },
    );
  }
  if (indicator.unit === '%') {
    if (value < 0 || value > 100) {
      throw new AppError(
        'value.out_of_range',
        `Tỷ lệ ${label} phải nằm trong khoảng 0–100%, nhận được ${shown(input.value)}.`,
        400,
        { indicator: indicator.code, value },
      );
    }
  } else if (value < 0) {
    throw new AppError(
      'value.negative',
      `Giá trị của chỉ tiêu ${label} không được âm (nhận được ${shown(input.value)}).`,
      400,
      {
        indicator: indicator.code,
        value,
      },
    );
  }
  if (indicator.integer && !Number.isInteger(value)) {
    throw new AppError(
      'value.not_integer',
      `Chỉ tiêu ${label} là số đếm, phải là số nguyên (nhận được ${shown(input.value)}).`,
      400,
      { indicator: indicator.code, value },
    );
  }
  if (input.scope !== undefined && !SCOPES.includes(input.scope)) {
    throw new AppError(
      'value.scope_invalid',
      `Phạm vi "${input.scope}" của chỉ tiêu ${label} không hợp lệ.`,
      400,
      {
        indicator: indicator.code,
      },
    );
  }
  return value;
}

/**
 * Saves the figures of one period (and unit) for an organisation, in one transaction: organisation, unit,
 * period id, every indicator and value are checked and the first problem is thrown as an AppError; a
 * period held by a submitted report or frozen by an approved or locked one (the period itself or one
 * containing it) is refused with `value.submitted` or `value.locked`, checked under a lock that a
 * concurrent submission or approval waits for. Each change gets an
 * audit row; a failure leaves nothing written. A value equal to the stored one is neither rewritten
 * nor audited.
 */
export async function setValues(
  db: Kysely<Database>,
  actor: string | null,
  request: SetValuesRequest,
): Promise<SetValuesResult> {
  return db.transaction().execute((trx) => saveValues(trx, actor, request));
}

/** A stored figure a person takes back (an entry field emptied): the figure of the organisation as a whole. */
export interface ValueRemoval {
  indicator: string;
  scope?: ValueScope;
  breakdown?: string;
}

/**
 * A person's save of one period's figures (entry form, API): `setValues`, the removal of the figures
 * they emptied, and the request's audit_log entry 'values.save' in one transaction, so nothing is
 * committed without the rest. Each value's old → new (null for a removal) goes to value_audit; this
 * entry records who sent the request, for which unit, and why.
 */
export async function saveEnteredValues(
  db: Kysely<Database>,
  user: { userId: number | null; username: string },
  request: SetValuesRequest & { unitCode?: string | null | undefined; remove?: readonly ValueRemoval[] },
): Promise<SetValuesResult & { removed: number }> {
  const { unitCode, remove = [], ...save } = request;
  return db.transaction().execute(async (trx) => {
    const result = await saveValues(trx, user.username, save);
    const removed = await removeValues(trx, user.username, save, remove);
    await recordAudit(trx, {
      orgId: request.orgId,
      userId: user.userId,
      action: 'values.save',
      entity: 'values',
      entityId: `${formatPeriodId(parsePeriod(request.periodId))}/${unitCode ?? ''}`,
      after: {
        ...result,
        removed,
        indicators: request.values.map((v) => v.indicator),
        ...(remove.length > 0 ? { removedIndicators: remove.map((r) => r.indicator) } : {}),
      },
      reason: request.reason ?? null,
    });
    return { ...result, removed };
  });
}

/**
 * Removes figures of the request's period after `saveValues` checked the period is open (same
 * transaction). An indicator both saved and removed, or unknown, is refused; a figure not stored is
 * nothing to remove. Returns how many were removed.
 */
async function removeValues(
  trx: Transaction<Database>,
  actor: string,
  request: SetValuesRequest,
  remove: readonly ValueRemoval[],
): Promise<number> {
  if (remove.length === 0) return 0;
  const periodId = formatPeriodId(parsePeriod(request.periodId));
  const saved = new Set(request.values.map((v) => v.indicator));
  const codes = [...new Set(remove.map((r) => r.indicator))];
  const known = new Set((await getIndicators(trx, request.orgId, { codes })).map((i) => i.code));
  for (const { indicator } of remove) {
    if (!known.has(indicator)) {
      throw unknownIndicator(indicator);
    }
    if (saved.has(indicator)) {
      throw new AppError(
        'value.save_and_remove',
        `Chỉ tiêu "${indicator}" vừa có số để lưu vừa bị xóa trong cùng một lần lưu.`,
        400,
        { indicator },
      );
    }
  }
  return deleteValues(
    trx,
    remove.map((r) => ({
      orgId: request.orgId,
      unitId: request.unitId ?? null,
      indicatorCode: r.indicator,
      periodId,
      scope: r.scope ?? 'period',
      breakdown: r.breakdown?.trim() ?? '',
    })),
    actor,
    request.reason ?? null,
  );
}

/** `setValues` inside the caller's transaction, for a use case that saves figures along with other changes. */
export async function saveValues(
  trx: Transaction<Database>,
  actor: string | null,
  request: SetValuesRequest,
): Promise<SetValuesResult> {
  if (!(await organisationExists(trx, request.orgId))) {
    throw new AppError('organisation.unknown', `Không tìm thấy tổ chức "${request.orgId}".`, 404, {
      orgId: request.orgId,
    });
  }
  const periodId = formatPeriodId(parsePeriod(request.periodId));
  await assertPeriodOpen(trx, request.orgId, periodId);
  const unitId = request.unitId ?? null;
  if (unitId !== null) {
    const unit = await getUnitById(trx, unitId);
    if (!unit || unit.org_id !== request.orgId) {
      throw new AppError('unit.unknown', `Không tìm thấy đơn vị có mã số ${unitId} trong tổ chức.`, 404, {
        unitId,
      });
    }
  }
  const codes = [...new Set(request.values.map((v) => v.indicator))];
  const indicators = new Map((await getIndicators(trx, request.orgId, { codes })).map((i) => [i.code, i]));

  const rows: ValueWrite[] = request.values.map((input) => {
    const indicator = indicators.get(input.indicator);
    if (!indicator) {
      throw unknownIndicator(input.indicator);
    }
    return {
      orgId: request.orgId,
      unitId,
      indicatorCode: indicator.code,
      periodId,
      scope: input.scope ?? 'period',
      breakdown: input.breakdown?.trim() ?? '',
      value: checkValue(input, indicator),
      qualifier: input.qualifier?.trim() || null,
      source: request.source,
      sourceRef: input.sourceRef ?? null,
      reportId: request.reportId ?? null,
      importId: request.importId ?? null,
    };
  });

  return upsertValues(trx, rows, actor, request.reason ?? null);
}

export interface GetValuesRequest {
  orgId: string;
  periodIds?: readonly string[];
  indicatorCodes?: readonly string[];
  /** undefined = all units and the organisation level; null = the organisation level only. */
  unitId?: number | null;
}

/** Current values; period ids are checked and normalised first. */
export async function getValues(db: Kysely<Database>, request: GetValuesRequest): Promise<StoredValue[]> {
  const periodIds = request.periodIds?.map((id) => formatPeriodId(parsePeriod(id)));
  return readValues(db, {
    orgId: request.orgId,
    ...(periodIds ? { periodIds } : {}),
    ...(request.indicatorCodes ? { indicatorCodes: request.indicatorCodes } : {}),
    ...(request.unitId !== undefined ? { unitId: request.unitId } : {}),
  });
}
