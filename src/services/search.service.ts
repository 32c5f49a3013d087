import type { Kysely } from 'kysely';
import { searchCitedDocuments } from '../db/citation.repository.js';
import { reportSearchQuery } from '../db/queries/search.query.js';
import { searchNarrative } from '../db/report.repository.js';
import type { Database } from '../db/schema.js';
import { type Auth, requireAccess } from './access.js';

export interface SearchView {
  reports: Array<{
    id: string;
    reportId: string;
    periodId: string;
    number: string | null;
    title: string | null;
    issuedDate: string | null;
    status: string;
  }>;
  items: Array<{ id: string; reportId: string; periodId: string; sectionTitle: string; text: string }>;
  documents: Array<{
    id: string;
    title: string;
    type: string;
    number: string;
    symbol: string;
    issuedDate: string | null;
    issuer: string | null;
    mentions: number;
    reports: number;
  }>;
}

/**
 * Searches reports, narrative items and the registry of cited documents; every word must occur,
 * ignoring case and diacritics ("quyet dinh 695" finds "Quyết định số 695/QĐ-UBND").
 */
export async function search(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  query: string,
): Promise<SearchView> {
  await requireAccess(auth, 'org.read', [orgId]);
  const text = query.trim();
  if (text === '') return { reports: [], items: [], documents: [] };
  // "số" joins type and number in running text ("Quyết định số 695") but not in the registry's key.
  const documentQuery = text
    .split(/\s+/)
    .filter((w) => !/^s[oố]$/i.test(w))
    .join(' ');
  const [reports, items, documents] = await Promise.all([
    reportSearchQuery(db, orgId, text),
    searchNarrative(db, orgId, text, { limit: 50 }),
    searchCitedDocuments(db, orgId, documentQuery, { limit: 30 }),
  ]);
  return {
    reports: reports.map((r) => ({
      id: String(r.id),
      reportId: String(r.id),
      periodId: r.periodId,
      number: r.number,
      title: r.title,
      issuedDate: r.issuedDate,
      status: r.status,
    })),
    items: items.map((i) => ({
      id: String(i.itemId),
      reportId: String(i.reportId),
      periodId: i.periodId,
      sectionTitle: i.sectionTitle,
      text: i.text,
    })),
    documents: documents.map((d) => ({
      id: String(d.id),
      title: `${d.doc_type} số ${d.number}/${d.symbol}`,
      type: d.doc_type,
      number: d.number,
      symbol: d.symbol,
      issuedDate: d.issued_date,
      issuer: d.issuer,
      mentions: Number(d.mentions),
      reports: Number(d.reports),
    })),
  };
}
