import { sql } from 'kysely';
import type { Citation } from '../domain/report-document.js';
import { foldForSearch } from '../domain/vietnamese/fold.js';
import { holdsWord } from './queries/word-match.js';
import type { CitedDocumentRow } from './schema.js';
import type { Queryable } from './types.js';

/**
 * The registry key of a cited document: "Quyết định số 695/QĐ-UBND" and "quyết định 695/QĐ - UBND"
 * are one document. Type folded and lower-cased, number without leading zeros, symbol upper-case without spaces.
 */
export function citationDocKey(citation: Pick<Citation, 'type' | 'number' | 'symbol'>): string {
  const type = foldForSearch(citation.type).replace(/\s+/g, ' ').trim();
  const number = citation.number.trim().replace(/^0+(?=\d)/, '');
  const symbol = citation.symbol.replace(/\s+/g, '').toUpperCase();
  return `${type}|${number}|${symbol}`;
}

/**
 * Adds the documents cited by a report to the organisation's registry (known ones keep their data, gaps
 * are filled) and records each mention. Returns the document id of each citation, in order.
 */
export async function addCitations(
  db: Queryable,
  orgId: string,
  reportId: number,
  citations: readonly Citation[],
): Promise<number[]> {
  if (citations.length === 0) return [];
  const keys = citations.map(citationDocKey);
  const documents = new Map<string, Citation>();
  citations.forEach((c, i) => {
    const key = keys[i]!;
    const known = documents.get(key);
    // The first mention with a date/issuer fills the registry entry.
    documents.set(
      key,
      known ? { ...known, date: known.date ?? c.date, issuer: known.issuer ?? c.issuer } : c,
    );
  });
  // In the order of their keys, as a withdrawal locks them (deleteUncitedDocuments): two transactions
  // locking registry entries never wait for each other crosswise.
  const entries = [...documents.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const column = <T>(pick: (entry: [string, Citation]) => T): T[] => entries.map(pick);
  const rows = await sql<{ id: number; doc_key: string }>`
    INSERT INTO cited_documents AS c (org_id, doc_type, number, symbol, issued_date, issuer, doc_key)
    SELECT ${orgId}, t.doc_type, t.number, t.symbol, t.issued_date, t.issuer, t.doc_key
    FROM unnest(
      ${column(([, c]) => c.type)}::text[], ${column(([, c]) => c.number)}::text[], ${column(([, c]) => c.symbol)}::text[],
      ${column(([, c]) => c.date)}::date[], ${column(([, c]) => c.issuer)}::text[], ${column(([key]) => key)}::text[]
    ) AS t(doc_type, number, symbol, issued_date, issuer, doc_key)
    ON CONFLICT (org_id, doc_key) DO UPDATE SET
      issued_date = coalesce(c.issued_date, excluded.issued_date),
      issuer = coalesce(c.issuer, excluded.issuer)
    RETURNING id, doc_key`.execute(db);
  const idByKey = new Map(rows.rows.map((r) => [r.doc_key, r.id]));
  const ids = keys.map((key) => idByKey.get(key)!);
  await db
    .insertInto('citation_mentions')
    .values(
      citations.map((c, i) => ({
        org_id: orgId,
        document_id: ids[i]!,
        report_id: reportId,
        text: c.text,
        start_offset: c.start ?? null,
        end_offset: c.end ?? null,
      })),
    )
    .execute();
  return ids;
}

/** Drops a report's mentions; registry entries stay. Returns the document id of each mention dropped. */
export async function deleteReportCitations(
  db: Queryable,
  orgId: string,
  reportId: number,
): Promise<number[]> {
  const rows = await db
    .deleteFrom('citation_mentions')
    .where('org_id', '=', orgId)
    .where('report_id', '=', reportId)
    .returning('document_id')
    .execute();
  return rows.map((r) => r.document_id);
}

/**
 * Removes those of the registry entries `ids` no report mentions any more; returns how many. The entries
 * are locked first and the removal is a statement of its own, so a mention committed meanwhile by another
 * transaction (which holds the entry while it cites it) is seen and keeps the entry: in one statement the
 * mentions would be read as they were when it began, and the cascade would take that mention too.
 */
export async function deleteUncitedDocuments(
  db: Queryable,
  orgId: string,
  ids: readonly number[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const unique = [...new Set(ids)];
  await sql`
    SELECT id FROM cited_documents WHERE org_id = ${orgId} AND id = ANY (${unique}::bigint[])
    ORDER BY doc_key COLLATE "C" FOR UPDATE`.execute(db);
  const result = await sql<{ id: number }>`
    DELETE FROM cited_documents d
    WHERE d.org_id = ${orgId} AND d.id = ANY (${unique}::bigint[])
      AND NOT EXISTS (SELECT 1 FROM citation_mentions m WHERE m.document_id = d.id)
    RETURNING d.id`.execute(db);
  return result.rows.length;
}

export interface CitedDocumentSummary extends CitedDocumentRow {
  mentions: number;
  reports: number;
}

/**
 * Cited documents whose type, number/symbol, issuer or title contain every word of `query`, ignoring case and
 * diacritics ("quyet dinh 695" finds "Quyết định 695/QĐ-UBND"); most cited first.
 */
export async function searchCitedDocuments(
  db: Queryable,
  orgId: string,
  query: string,
  options: { limit?: number } = {},
): Promise<CitedDocumentSummary[]> {
  const words = query.split(/\s+/).filter((w) => w.length > 0);
  let q = db
    .selectFrom('cited_documents as d')
    .leftJoin('citation_mentions as m', 'm.document_id', 'd.id')
    .selectAll('d')
    .select((eb) => [
      eb.fn.count<number>('m.id').as('mentions'),
      eb.fn.count<number>('m.report_id').distinct().as('reports'),
    ])
    .where('d.org_id', '=', orgId)
    .groupBy('d.id');
  for (const word of words) q = q.where(holdsWord(sql.ref('d.search_folded'), word));
  return q
    .orderBy('mentions', 'desc')
    .orderBy('d.issued_date', (ob) => ob.desc().nullsLast())
    .orderBy('d.id')
    .limit(options.limit ?? 50)
    .execute();
}

export async function getCitedDocument(
  db: Queryable,
  orgId: string,
  id: number,
): Promise<CitedDocumentRow | undefined> {
  return db
    .selectFrom('cited_documents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface CitationMention {
  id: number;
  reportId: number;
  periodId: string;
  reportNumber: string | null;
  text: string;
  startOffset: number | null;
  endOffset: number | null;
}

/** Where a document is cited, newest report first. */
export async function getDocumentMentions(
  db: Queryable,
  orgId: string,
  documentId: number,
): Promise<CitationMention[]> {
  return db
    .selectFrom('citation_mentions as m')
    .innerJoin('reports as r', 'r.id', 'm.report_id')
    .select([
      'm.id',
      'm.report_id as reportId',
      'r.period_id as periodId',
      'r.number as reportNumber',
      'm.text',
      'm.start_offset as startOffset',
      'm.end_offset as endOffset',
    ])
    .where('m.org_id', '=', orgId)
    .where('m.document_id', '=', documentId)
    .orderBy('r.issued_date', (ob) => ob.desc().nullsLast())
    .orderBy('m.id')
    .execute();
}

/** The documents a report cites, in order of first mention. */
export async function getReportCitations(
  db: Queryable,
  orgId: string,
  reportId: number,
): Promise<Array<CitationMention & { document: CitedDocumentRow }>> {
  const rows = await db
    .selectFrom('citation_mentions as m')
    .innerJoin('cited_documents as d', 'd.id', 'm.document_id')
    .innerJoin('reports as r', 'r.id', 'm.report_id')
    .selectAll('d')
    .select([
      'm.id as mention_id',
      'm.text as mention_text',
      'm.start_offset',
      'm.end_offset',
      'r.period_id',
      'r.number as report_number',
    ])
    .where('m.org_id', '=', orgId)
    .where('m.report_id', '=', reportId)
    .orderBy('m.start_offset')
    .orderBy('m.id')
    .execute();
  return rows.map((row) => {
    const { mention_id, mention_text, start_offset, end_offset, period_id, report_number, ...document } = row;
    return {
      id: mention_id,
      reportId,
      periodId: period_id,
      reportNumber: report_number,
      text: mention_text,
      startOffset: start_offset,
      endOffset: end_offset,
      document,
    };
  });
}
