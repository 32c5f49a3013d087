import type { ExtractionPatternRow, NewExtractionPattern } from './schema.js';
import type { Queryable } from './types.js';

/** The wordings an organisation taught the importer, oldest first (their order is the order they run in). */
export async function listExtractionPatterns(db: Queryable, orgId: string): Promise<ExtractionPatternRow[]> {
  return db.selectFrom('extraction_patterns').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
}

/** Inserts a wording; undefined when the organisation already has the same one for the indicator and scope. */
export async function insertExtractionPattern(
  db: Queryable,
  pattern: NewExtractionPattern,
): Promise<ExtractionPatternRow | undefined> {
  return db
    .insertInto('extraction_patterns')
    .values(pattern)
    .onConflict((oc) => oc.columns(['org_id', 'indicator_code', 'scope', 'match']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function deleteExtractionPattern(
  db: Queryable,
  orgId: string,
  id: number,
): Promise<ExtractionPatternRow | undefined> {
  return db
    .deleteFrom('extraction_patterns')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** One wording of the organisation, held locked until the transaction ends (inside a transaction). */
export async function lockExtractionPattern(
  db: Queryable,
  orgId: string,
  id: number,
): Promise<ExtractionPatternRow | undefined> {
  return db
    .selectFrom('extraction_patterns')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The id of another wording of the organisation with the same indicator, scope and words, if any. */
export async function findSameExtractionPattern(
  db: Queryable,
  orgId: string,
  pattern: { id: number; indicator_code: string; scope: ExtractionPatternRow['scope']; match: string },
): Promise<number | undefined> {
  const row = await db
    .selectFrom('extraction_patterns')
    .select('id')
    .where('org_id', '=', orgId)
    .where('indicator_code', '=', pattern.indicator_code)
    .where('scope', '=', pattern.scope)
    .where('match', '=', pattern.match)
    .where('id', '<>', pattern.id)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.id);
}

export async function updateExtractionPattern(
  db: Queryable,
  orgId: string,
  id: number,
  change: Pick<ExtractionPatternRow, 'indicator_code' | 'scope' | 'match'>,
): Promise<ExtractionPatternRow | undefined> {
  return db
    .updateTable('extraction_patterns')
    .set(change)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
