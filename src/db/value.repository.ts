import { sql } from 'kysely';
import type { StoredValue as AggregationValue } from '../domain/aggregation.js';
import type { DataValueRow, ValueScope, ValueSource } from './schema.js';
import { nullableNumericToNumber, numericToNumber, type Queryable } from './types.js';

/** What identifies one current value: at most one row per key. */
export interface ValueKey {
  orgId: string;
  /** null = the organisation as a whole. */
  unitId: number | null;
  indicatorCode: string;
  periodId: string;
  scope: ValueScope;
  /** '' unless two values of one indicator share a period (e.g. 'trước thời hạn'). */
  breakdown: string;
}

export interface ValueWrite extends ValueKey {
  /** A number, or an exact decimal string for money that must not pass through a float. */
  value: number | string;
  qualifier?: string | null;
  source: ValueSource;
  sourceRef?: string | null;
  reportId?: number | null;
  /**
   * The import writing the figure (its reading, or a correction made while reviewing it); null or
   * omitted for anyone else. An import's write of the value already stored takes the figure over: it
   * sets import_id only.
   */
  importId?: number | null;
}

export interface StoredValue extends ValueKey {
  id: number;
  value: number;
  qualifier: string | null;
  source: ValueSource;
  sourceRef: string | null;
  reportId: number | null;
  importId: number | null;
  updatedBy: string | null;
  updatedAt: Date;
}

/**
 * A stored value as the domain's aggregation reads it: the indicator by its code, the unit id as a string
 * (null = the organisation as a whole).
 */
export function toAggregationValue(value: StoredValue): AggregationValue {
  return {
    indicator: value.indicatorCode,
    periodId: value.periodId,
    value: value.value,
    scope: value.scope,
    breakdown: value.breakdown,
    unitId: value.unitId === null ? null : String(value.unitId),
  };
}

/** One change of the value under a key (value_audit): before → after, who, when and why. */
export interface ValueChange extends ValueKey {
  id: number;
  valueId: number | null;
  oldValue: number | null;
  newValue: number | null;
  oldQualifier: string | null;
  newQualifier: string | null;
  oldSource: ValueSource | null;
  newSource: ValueSource | null;
  changedBy: string | null;
  changedAt: Date;
  reason: string | null;
}

export interface UpsertValuesResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The key columns data_values and value_audit share, read as a ValueKey. */
function keyFromRow(row: {
  org_id: string;
  unit_id: number | null;
  indicator_code: string;
  period_id: string;
  scope: ValueScope;
  breakdown: string;
}): ValueKey {
  return {
    orgId: row.org_id,
    unitId: row.unit_id,
    indicatorCode: row.indicator_code,
    periodId: row.period_id,
    scope: row.scope,
    breakdown: row.breakdown,
  };
}

function keyOf(row: ValueKey): string {
  return JSON.stringify([row.orgId, row.unitId, row.indicatorCode, row.periodId, row.scope, row.breakdown]);
}

/**
 * Writes current values and one value_audit row per change, in one statement. A row whose value and
 * qualifier equal the stored ones is not written and not audited. When a key repeats, the last row wins.
 * An imported row (source 'import') never replaces a figure a person entered (source 'manual'): the
 * condition is in the upsert itself, so it holds against a manual save committed after the importer
 * read the store (the upsert waits for that save's row and then leaves it); such a row counts as
 * unchanged, and the importer reads it back to report the conflict. An import writing the value already
 * stored (not a person's) takes the figure over: only import_id changes (source, source_ref, report_id,
 * updater and time stay, so the figure still matches its history and no audit row is written); it counts
 * as unchanged, and withdrawing that import later puts the figure back as it was. Call inside the service's transaction.
 */
export async function upsertValues(
  db: Queryable,
  rows: readonly ValueWrite[],
  actor: string | null,
  reason: string | null = null,
): Promise<UpsertValuesResult> {
  const byKey = new Map<string, ValueWrite>();
  for (const row of rows) byKey.set(keyOf(row), row);
  const unique = [...byKey.values()];
  if (unique.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const column = <T>(pick: (row: ValueWrite) => T): T[] => unique.map(pick);

  const input = sql`unnest(
        ${column((r) => r.orgId)}::text[], ${column((r) => r.unitId)}::bigint[],
        ${column((r) => r.indicatorCode)}::text[], ${column((r) => r.periodId)}::text[],
        ${column((r) => r.scope)}::text[], ${column((r) => r.breakdown)}::text[],
        ${column((r) => String(r.value))}::numeric[], ${column((r) => r.qualifier ?? null)}::text[],
        ${column((r) => r.source)}::text[], ${column((r) => r.sourceRef ?? null)}::text[],
        ${column((r) => r.reportId ?? null)}::bigint[], ${column((r) => r.importId ?? null)}::bigint[]
      ) AS t(org_id, unit_id, indicator_code, period_id, scope, breakdown, value, qualifier, source, source_ref,
             report_id, import_id)`;

  // Lock the rows about to change first, so the next statement's snapshot reads their latest committed values.
  // (A FOR UPDATE inside the upsert statement would skip rows that statement itself modifies.)
  await sql`
    SELECT d.id FROM data_values d JOIN ${input}
      ON d.org_id = t.org_id AND d.unit_id IS NOT DISTINCT FROM t.unit_id AND d.indicator_code = t.indicator_code
     AND d.period_id = t.period_id AND d.scope = t.scope AND d.breakdown = t.breakdown
    FOR UPDATE OF d`.execute(db);

  const changed = sql`(d.value, d.qualifier) IS DISTINCT FROM (excluded.value, excluded.qualifier)`;
  // All parts of one statement see the same snapshot, so `previous` holds the values before the upsert.
  const result = await sql<{ inserted: boolean }>`
    WITH input AS (
      SELECT * FROM ${input}
    ),
    previous AS (
      SELECT d.id, d.value, d.qualifier, d.source
      FROM data_values d JOIN input i
        ON d.org_id = i.org_id AND d.unit_id IS NOT DISTINCT FROM i.unit_id AND d.indicator_code = i.indicator_code
       AND d.period_id = i.period_id AND d.scope = i.scope AND d.breakdown = i.breakdown
    ),
    written AS (
      INSERT INTO data_values AS d (org_id, unit_id, indicator_code, period_id, scope, breakdown, value, qualifier,
                                    source, source_ref, report_id, import_id, updated_by, updated_at)
      SELECT org_id, unit_id, indicator_code, period_id, scope, breakdown, value, qualifier,
             source, source_ref, report_id, import_id, ${actor}, now()
      FROM input
      ON CONFLICT ON CONSTRAINT data_values_key DO UPDATE SET
        value = excluded.value, qualifier = excluded.qualifier, import_id = excluded.import_id,
        -- A takeover (the same value and qualifier) changes the holding import only: the figure stays as
        -- its history (value_audit) says it was written.
        source = CASE WHEN ${changed} THEN excluded.source ELSE d.source END,
        source_ref = CASE WHEN ${changed} THEN excluded.source_ref ELSE d.source_ref END,
        report_id = CASE WHEN ${changed} THEN excluded.report_id ELSE d.report_id END,
        updated_by = CASE WHEN ${changed} THEN excluded.updated_by ELSE d.updated_by END,
        updated_at = CASE WHEN ${changed} THEN excluded.updated_at ELSE d.updated_at END
      WHERE ((d.value, d.qualifier) IS DISTINCT FROM (excluded.value, excluded.qualifier)
             OR (excluded.import_id IS NOT NULL AND d.import_id IS DISTINCT FROM excluded.import_id))
        AND NOT (d.source = 'manual' AND excluded.source = 'import')
      RETURNING d.id, d.org_id, d.unit_id, d.indicator_code, d.period_id, d.scope, d.breakdown, d.value,
                d.qualifier, d.source
    )
    INSERT INTO value_audit (org_id, value_id, indicator_code, period_id, unit_id, scope, breakdown,
                             old_value, new_value, old_qualifier, new_qualifier, old_source, new_source,
                             changed_by, reason)
    SELECT w.org_id, w.id, w.indicator_code, w.period_id, w.unit_id, w.scope, w.breakdown,
           p.value, w.value, p.qualifier, w.qualifier, p.source, w.source, ${actor}, ${reason}
    FROM written w LEFT JOIN previous p ON p.id = w.id
    -- An import taking over the value already stored changes no figure: nothing to audit.
    WHERE p.id IS NULL OR (p.value, p.qualifier) IS DISTINCT FROM (w.value, w.qualifier)
    RETURNING old_source IS NULL AS inserted`.execute(db);

  const inserted = result.rows.filter((r) => r.inserted).length;
  const updated = result.rows.length - inserted;
  return { inserted, updated, unchanged: unique.length - result.rows.length };
}

/**
 * Removes current values (the key stays free for a later save) and audits each removal with new_value null.
 * Returns how many were removed.
 */
export async function deleteValues(
  db: Queryable,
  keys: readonly ValueKey[],
  actor: string | null,
  reason: string | null = null,
): Promise<number> {
  if (keys.length === 0) return 0;
  const column = <T>(pick: (key: ValueKey) => T): T[] => keys.map(pick);
  const result = await sql<{ id: number }>`
    WITH input AS (
      SELECT * FROM unnest(
        ${column((k) => k.orgId)}::text[], ${column((k) => k.unitId)}::bigint[],
        ${column((k) => k.indicatorCode)}::text[], ${column((k) => k.periodId)}::text[],
        ${column((k) => k.scope)}::text[], ${column((k) => k.breakdown)}::text[]
      ) AS t(org_id, unit_id, indicator_code, period_id, scope, breakdown)
    ),
    removed AS (
      DELETE FROM data_values d USING input i
      WHERE d.org_id = i.org_id AND d.unit_id IS NOT DISTINCT FROM i.unit_id AND d.indicator_code = i.indicator_code
        AND d.period_id = i.period_id AND d.scope = i.scope AND d.breakdown = i.breakdown
      RETURNING d.*
    )
    ${removalAudit(actor, reason)}
    RETURNING id`.execute(db);
  return result.rows.length;
}

/** The audit rows of the figures a statement removed: its `removed` CTE holds their data_values rows. */
function removalAudit(actor: string | null, reason: string | null) {
  return sql`
    INSERT INTO value_audit (org_id, value_id, indicator_code, period_id, unit_id, scope, breakdown,
                             old_value, new_value, old_qualifier, new_qualifier, old_source, new_source,
                             changed_by, reason)
    SELECT org_id, NULL, indicator_code, period_id, unit_id, scope, breakdown,
           value, NULL, qualifier, NULL, source, NULL, ${actor}, ${reason}
    FROM removed`;
}

/**
 * Removes the figures import `importId` still holds (data_values.import_id), audited as `deleteValues`
 * does, and returns them as they were. The rows are locked first, so a save committed meanwhile by
 * someone else (which clears import_id) is seen and left alone; the removal itself is bound to the
 * import too, so only rows it still holds go.
 */
export async function deleteImportFigures(
  db: Queryable,
  orgId: string,
  importId: number,
  actor: string | null,
  reason: string | null = null,
): Promise<StoredValue[]> {
  // Lock first: a save in progress is waited for, and the row is re-checked against import_id once it commits.
  const locked = await sql<{ id: number }>`
    SELECT id FROM data_values WHERE org_id = ${orgId} AND import_id = ${importId} FOR UPDATE`.execute(db);
  if (locked.rows.length === 0) return [];
  // A new statement (new snapshot) sees the latest committed rows; the locks keep them as they are.
  const result = await sql<DataValueRow>`
    WITH removed AS (
      DELETE FROM data_values d
      WHERE d.org_id = ${orgId} AND d.import_id = ${importId} AND d.id = ANY (${locked.rows.map((r) => r.id)}::bigint[])
      RETURNING d.*
    ),
    audited AS (${removalAudit(actor, reason)})
    SELECT * FROM removed ORDER BY id`.execute(db);
  return result.rows.map(storedFromRow);
}

/**
 * Hands the figure under `key` back from import `from` to `to` (null: no import), when `from` still holds
 * it: the figure itself does not change (an import rejected while reviewing gives back one it took over).
 */
export async function handBackFigure(
  db: Queryable,
  key: ValueKey,
  from: number,
  to: number | null,
): Promise<void> {
  await db
    .updateTable('data_values')
    .set({ import_id: to })
    .where('org_id', '=', key.orgId)
    .where((eb) => (key.unitId === null ? eb('unit_id', 'is', null) : eb('unit_id', '=', key.unitId)))
    .where('indicator_code', '=', key.indicatorCode)
    .where('period_id', '=', key.periodId)
    .where('scope', '=', key.scope)
    .where('breakdown', '=', key.breakdown)
    .where('import_id', '=', from)
    .execute();
}

export interface ValueFilter {
  orgId: string;
  periodIds?: readonly string[];
  indicatorCodes?: readonly string[];
  /** undefined = every unit and the organisation level; null = the organisation level only. */
  unitId?: number | null;
  scope?: ValueScope;
  /** Only the figures this import wrote (and still holds). */
  importId?: number;
}

/** Current values, ordered by indicator, period, unit, scope and breakdown. */
export async function getValues(db: Queryable, filter: ValueFilter): Promise<StoredValue[]> {
  if (filter.periodIds?.length === 0 || filter.indicatorCodes?.length === 0) return [];
  let query = db.selectFrom('data_values').selectAll().where('org_id', '=', filter.orgId);
  if (filter.periodIds) query = query.where('period_id', 'in', [...filter.periodIds]);
  if (filter.indicatorCodes) query = query.where('indicator_code', 'in', [...filter.indicatorCodes]);
  if (filter.unitId === null) query = query.where('unit_id', 'is', null);
  else if (filter.unitId !== undefined) query = query.where('unit_id', '=', filter.unitId);
  if (filter.scope) query = query.where('scope', '=', filter.scope);
  if (filter.importId !== undefined) query = query.where('import_id', '=', filter.importId);
  // Byte order ("C") so both engines sort alike whatever the server's locale.
  const rows = await query
    .orderBy(sql`indicator_code COLLATE "C"`)
    .orderBy(sql`period_id COLLATE "C"`)
    .orderBy('unit_id')
    .orderBy('scope')
    .orderBy(sql`breakdown COLLATE "C"`)
    .execute();
  return rows.map(storedFromRow);
}

function storedFromRow(row: DataValueRow): StoredValue {
  return {
    id: row.id,
    ...keyFromRow(row),
    value: numericToNumber(row.value),
    qualifier: row.qualifier,
    source: row.source,
    sourceRef: row.source_ref,
    reportId: row.report_id,
    importId: row.import_id,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export interface ValueHistoryFilter {
  orgId: string;
  valueId?: number;
  indicatorCode?: string;
  periodId?: string;
  unitId?: number | null;
}

/** The audit trail of values, oldest change first. */
export async function getValueHistory(db: Queryable, filter: ValueHistoryFilter): Promise<ValueChange[]> {
  let query = db.selectFrom('value_audit').selectAll().where('org_id', '=', filter.orgId);
  if (filter.valueId !== undefined) query = query.where('value_id', '=', filter.valueId);
  if (filter.indicatorCode !== undefined) query = query.where('indicator_code', '=', filter.indicatorCode);
  if (filter.periodId !== undefined) query = query.where('period_id', '=', filter.periodId);
  if (filter.unitId === null) query = query.where('unit_id', 'is', null);
  else if (filter.unitId !== undefined) query = query.where('unit_id', '=', filter.unitId);
  const rows = await query.orderBy('changed_at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    valueId: row.value_id,
    ...keyFromRow(row),
    oldValue: nullableNumericToNumber(row.old_value),
    newValue: nullableNumericToNumber(row.new_value),
    oldQualifier: row.old_qualifier,
    newQualifier: row.new_qualifier,
    oldSource: row.old_source,
    newSource: row.new_source,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
    reason: row.reason,
  }));
}
