import { sql } from 'kysely';
import type { Queryable } from '../types.js';

export interface SeriesRow {
  indicator: string;
  periodId: string;
  value: number;
}

/**
 * One value per indicator and period across several organisations (a lineage: the Sở TT&TT and the
 * departments that succeeded it), for trend charts. Only plain figures (no breakdown label); the
 * organisation-level figure wins, otherwise the units' figures are added up; the indicator's natural
 * scope (a stock's level at the period end, a flow within the period) is preferred over another scope.
 */
export async function seriesQuery(
  db: Queryable,
  filter: { orgIds: readonly string[]; catalogueOrgId: string; indicators: readonly string[] },
): Promise<SeriesRow[]> {
  if (filter.indicators.length === 0 || filter.orgIds.length === 0) return [];
  const result = await sql<{ indicator: string; period_id: string; value: string }>`
    WITH per_scope AS (
      SELECT indicator_code, period_id, scope,
             coalesce(sum(value) FILTER (WHERE unit_id IS NULL), sum(value)) AS value
      FROM data_values
      WHERE org_id = ANY (${[...filter.orgIds]}::text[])
        AND indicator_code = ANY (${[...filter.indicators]}::text[])
        AND breakdown = ''
      GROUP BY indicator_code, period_id, scope
    )
    SELECT DISTINCT ON (p.indicator_code, p.period_id)
           p.indicator_code AS indicator, p.period_id, p.value
    FROM per_scope p
    LEFT JOIN indicators i ON i.org_id = ${filter.catalogueOrgId} AND i.code = p.indicator_code
    ORDER BY p.indicator_code, p.period_id,
             (p.scope = CASE WHEN i.kind = 'stock' THEN 'as_of_end' ELSE 'period' END) DESC,
             p.scope`.execute(db);
  return result.rows.map((r) => ({ indicator: r.indicator, periodId: r.period_id, value: Number(r.value) }));
}
