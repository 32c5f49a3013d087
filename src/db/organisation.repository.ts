import { sql } from 'kysely';
import type { NewOrganisation, OrganisationRow } from './schema.js';
import type { Queryable } from './types.js';

export interface NewOrganisationInput extends Omit<NewOrganisation, 'settings'> {
  settings?: Record<string, unknown>;
}

export async function createOrganisation(
  db: Queryable,
  input: NewOrganisationInput,
): Promise<OrganisationRow> {
  const { settings, ...columns } = input;
  return db
    .insertInto('organisations')
    .values({ ...columns, ...(settings ? { settings: JSON.stringify(settings) } : {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getOrganisation(db: Queryable, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOrganisations(db: Queryable): Promise<OrganisationRow[]> {
  return db.selectFrom('organisations').selectAll().orderBy('valid_from').orderBy('id').execute();
}

export async function organisationExists(db: Queryable, id: string): Promise<boolean> {
  const row = await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/**
 * Records that `id` ended on `validTo` and lives on in `successorId` (the Sở TT&TT merged into the
 * Sở KH&CN on 1/3/2025): old reports keep the old organisation, trends follow the link.
 */
export async function setOrganisationSuccessor(
  db: Queryable,
  id: string,
  successorId: string,
  validTo: string,
): Promise<void> {
  await db
    .updateTable('organisations')
    .set({ successor_id: successorId, valid_to: validTo })
    .where('id', '=', id)
    .execute();
}

/**
 * Every organisation linked to `id` by successor links, in either direction (predecessors, itself,
 * successors), oldest first: the set whose values form one continuous history.
 */
export async function organisationLineage(db: Queryable, id: string): Promise<OrganisationRow[]> {
  const result = await sql<OrganisationRow>`
    WITH RECURSIVE lineage(id, successor_id) AS (
      SELECT id, successor_id FROM organisations WHERE id = ${id}
      UNION
      SELECT o.id, o.successor_id FROM organisations o JOIN lineage l ON o.successor_id = l.id OR o.id = l.successor_id
    )
    SELECT o.* FROM organisations o JOIN lineage USING (id)
    ORDER BY o.valid_from NULLS FIRST, o.id`.execute(db);
  return result.rows;
}

/**
 * Inside a transaction: holds the organisation's row until the transaction ends, so changes that must
 * see each other's outcome (who is still an administrator) run one after the other. NO KEY UPDATE: rows
 * that only reference the organisation (every insert's foreign key) are not held up.
 */
export async function lockOrganisation(db: Queryable, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
  return row !== undefined;
}
