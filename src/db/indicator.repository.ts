import { sql } from 'kysely';
import type { Indicator } from '../domain/indicator.js';
import type { IndicatorRow } from './schema.js';
import type { Queryable } from './types.js';

/** An organisation's indicator: the catalogue entry plus whether it is still in use. */
export interface StoredIndicator extends Indicator {
  active: boolean;
  position: number;
}

export function toIndicator(row: IndicatorRow): StoredIndicator {
  return {
    code: row.code,
    name: row.name,
    ...(row.name_en !== null ? { nameEn: row.name_en } : {}),
    unit: row.unit,
    section: row.section,
    kind: row.kind,
    formula: row.formula ?? null,
    partOf: row.part_of,
    dimension: row.dimension,
    subsetOf: row.subset_of,
    integer: row.integer,
    required: row.required,
    ...(row.notes !== null ? { notes: row.notes } : {}),
    active: row.active,
    position: row.position,
  };
}

/**
 * Inserts or updates an organisation's indicators in one statement (unnest), keeping catalogue order as
 * `position`. Indicators not listed are left as they are (values may still point at them).
 */
export async function upsertIndicators(
  db: Queryable,
  orgId: string,
  indicators: readonly Indicator[],
): Promise<void> {
  if (indicators.length === 0) return;
  const column = <T>(pick: (i: Indicator) => T): T[] => indicators.map(pick);
  await sql`
    INSERT INTO indicators (org_id, code, name, name_en, unit, section, kind, formula, part_of, dimension,
                            subset_of, integer, required, notes, active, position)
    SELECT ${orgId}, t.code, t.name, t.name_en, t.unit, t.section, t.kind, t.formula, t.part_of, t.dimension,
           t.subset_of, t.integer, t.required, t.notes, true, t.position
    FROM unnest(
      ${column((i) => i.code)}::text[], ${column((i) => i.name)}::text[], ${column((i) => i.nameEn ?? null)}::text[],
      ${column((i) => i.unit)}::text[], ${column((i) => i.section)}::text[], ${column((i) => i.kind)}::text[],
      ${column((i) => (i.formula ? JSON.stringify(i.formula) : null))}::jsonb[],
      ${column((i) => i.partOf)}::text[], ${column((i) => i.dimension)}::text[],
      ${column((i) => i.subsetOf ?? null)}::text[],
      ${column((i) => i.integer)}::boolean[], ${column((i) => i.required)}::boolean[],
      ${column((i) => i.notes ?? null)}::text[], ${indicators.map((_, index) => index)}::integer[]
    ) AS t(code, name, name_en, unit, section, kind, formula, part_of, dimension, subset_of, integer, required, notes, position)
    ON CONFLICT (org_id, code) DO UPDATE SET
      name = excluded.name, name_en = excluded.name_en, unit = excluded.unit, section = excluded.section,
      kind = excluded.kind, formula = excluded.formula, part_of = excluded.part_of, dimension = excluded.dimension,
      subset_of = excluded.subset_of,
      integer = excluded.integer, required = excluded.required, notes = excluded.notes, active = true,
      position = excluded.position`.execute(db);
}

export async function getIndicators(
  db: Queryable,
  orgId: string,
  options: { activeOnly?: boolean; codes?: readonly string[] } = {},
): Promise<StoredIndicator[]> {
  let query = db.selectFrom('indicators').selectAll().where('org_id', '=', orgId);
  if (options.activeOnly) query = query.where('active', '=', true);
  if (options.codes) {
    if (options.codes.length === 0) return [];
    query = query.where('code', 'in', [...options.codes]);
  }
  const rows = await query.orderBy('position').orderBy('code').execute();
  return rows.map(toIndicator);
}

/** `lock` 'update' (inside a transaction) holds the indicator's row until the transaction ends. */
export async function getIndicator(
  db: Queryable,
  orgId: string,
  code: string,
  lock?: 'update',
): Promise<StoredIndicator | undefined> {
  const query = db.selectFrom('indicators').selectAll().where('org_id', '=', orgId).where('code', '=', code);
  const row = await (lock === 'update' ? query.forUpdate() : query).executeTakeFirst();
  return row ? toIndicator(row) : undefined;
}

/** Retires an indicator without deleting it: its stored values stay readable. */
export async function setIndicatorActive(
  db: Queryable,
  orgId: string,
  code: string,
  active: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('indicators')
    .set({ active })
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
