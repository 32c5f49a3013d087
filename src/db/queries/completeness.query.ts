import { sql } from 'kysely';
import type { Queryable } from '../types.js';

export interface CompletenessRow {
  unitId: number;
  unitCode: string;
  unitName: string;
  /** Active indicators of the report-template sections the unit owns. */
  expected: number;
  /** Of those, how many have a figure for the period (entered by any unit or for the organisation). */
  present: number;
}

/** Per unit, how many of the figures it is responsible for are in the store for one period. */
export async function completenessQuery(
  db: Queryable,
  orgId: string,
  periodIds: readonly string[],
): Promise<CompletenessRow[]> {
  const result = await sql<CompletenessRow>`
    SELECT u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
           count(i.code)::int AS expected,
           count(i.code) FILTER (WHERE EXISTS (
             SELECT 1 FROM data_values v
             WHERE v.org_id = u.org_id AND v.indicator_code = i.code AND v.period_id = ANY (${[...periodIds]}::text[])
           ))::int AS present
    FROM units u
    LEFT JOIN indicators i ON i.org_id = u.org_id AND i.active AND i.section = ANY (u.sections)
    WHERE u.org_id = ${orgId} AND u.valid_to IS NULL
    GROUP BY u.id, u.code, u.name, u.position
    ORDER BY u.position, u.id`.execute(db);
  return result.rows;
}
