import type { NewUnit, UnitRow, UnitUpdate } from './schema.js';
import type { Queryable } from './types.js';

export async function createUnit(db: Queryable, unit: NewUnit): Promise<UnitRow> {
  return db.insertInto('units').values(unit).returningAll().executeTakeFirstOrThrow();
}

export async function getUnitById(db: Queryable, id: number): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** `lock` 'update' (inside a transaction) holds the unit's row until the transaction ends. */
export async function getUnitByCode(
  db: Queryable,
  orgId: string,
  code: string,
  lock?: 'update',
): Promise<UnitRow | undefined> {
  const query = db.selectFrom('units').selectAll().where('org_id', '=', orgId).where('code', '=', code);
  return (lock === 'update' ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * An organisation's units in display order. With `onDate` (ISO), only those valid on that day.
 */
export async function listUnits(
  db: Queryable,
  orgId: string,
  options: { onDate?: string } = {},
): Promise<UnitRow[]> {
  let query = db.selectFrom('units').selectAll().where('org_id', '=', orgId);
  if (options.onDate) {
    const day = options.onDate;
    query = query
      .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', day)]))
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]));
  }
  return query.orderBy('position').orderBy('id').execute();
}

export async function updateUnit(
  db: Queryable,
  orgId: string,
  id: number,
  changes: UnitUpdate,
): Promise<UnitRow | undefined> {
  return db
    .updateTable('units')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
