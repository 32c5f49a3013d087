import { sql } from 'kysely';
import type { Queryable } from '../types.js';
import { holdsWord } from './word-match.js';

export interface ReportHit {
  id: number;
  periodId: string;
  number: string | null;
  title: string | null;
  issuedDate: string | null;
  status: string;
}

/**
 * Reports whose number, title, period id, agency or signer hold every word of `query` as a whole word,
 * ignoring case and diacritics ("bao cao thang 4" finds "Báo cáo … tháng 4"), newest first.
 */
export async function reportSearchQuery(
  db: Queryable,
  orgId: string,
  query: string,
  limit = 20,
): Promise<ReportHit[]> {
  const words = query.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return [];
  const haystack = sql<string>`baocao_fold(concat_ws(' ', r.number, r.title, r.period_id, r.agency, r.signer_name))`;
  const conditions = words.map((w) => holdsWord(haystack, w));
  const result = await sql<ReportHit>`
    SELECT r.id, r.period_id AS "periodId", r.number, r.title, r.issued_date AS "issuedDate", r.status
    FROM reports r
    WHERE r.org_id = ${orgId} AND ${sql.join(conditions, sql` AND `)}
    ORDER BY r.issued_date DESC NULLS LAST, r.id DESC
    LIMIT ${limit}`.execute(db);
  return result.rows;
}
