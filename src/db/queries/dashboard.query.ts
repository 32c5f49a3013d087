import { sql } from 'kysely';
import type { Queryable } from '../types.js';

/**
 * The periods that hold figures, with how many, newest data first by period id text: the dashboard
 * opens on the latest period that has data when none is asked for.
 */
export async function periodsWithDataQuery(
  db: Queryable,
  orgId: string,
): Promise<Array<{ periodId: string; values: number }>> {
  const result = await sql<{ periodId: string; values: number }>`
    SELECT period_id AS "periodId", count(*)::int AS values
    FROM data_values
    WHERE org_id = ${orgId}
    GROUP BY period_id`.execute(db);
  return result.rows;
}
