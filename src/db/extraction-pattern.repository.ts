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
