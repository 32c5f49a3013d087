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
  /** Per list, whether more hits exist than it shows (the first ones, newest or most cited first). */
  more: { reports: boolean; items: boolean; documents: boolean };
}

/** How many hits each list shows; a longer list is cut and says so. */
export const SEARCH_LIMITS = { reports: 20, items: 50, documents: 30 } as const;

/**
 * Searches reports, narrative items and the registry of cited documents; every word must occur as a
 * whole word, ignoring case and diacritics ("quyet dinh 695" finds "Quyết định số 695/QĐ-UBND").
 */
export async function search(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  query: string,
): Promise<SearchView> {
  await requireAccess(auth, 'org.read', [orgId]);
  const text = query.trim();
  if (text === '') {
    return {
      reports: [],
      items: [],
      documents: [],
      more: { reports: false, items: false, documents: false },
    };
  }
  // "số" joins type and number in running text ("Quyết định số 695") but not in the registry's key.
  const documentQuery = text
    .split(/\s+/)
    .filter((w) => !/^s[oố]$/i.test(w))
    .join(' ');
  // One hit more than shown tells whether the list goes on.
  const [reportHits, itemHits, documentHits] = await Promise.all([
    reportSearchQuery(db, orgId, text, SEARCH_LIMITS.reports + 1),
    searchNarrative(db, orgId, text, { limit: SEARCH_LIMITS.items + 1 }),
    searchCitedDocuments(db, orgId, documentQuery, { limit: SEARCH_LIMITS.documents + 1 }),
  ]);
  const reports = reportHits.slice(0, SEARCH_LIMITS.reports);
  const items = itemHits.slice(0, SEARCH_LIMITS.items);
  const documents = documentHits.slice(0, SEARCH_LIMITS.documents);
  return {
    more: {
      reports: reportHits.length > reports.length,
      items: itemHits.length > items.length,
      documents: documentHits.length > documents.length,
    },
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
