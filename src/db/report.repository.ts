import { sql } from 'kysely';
import type { ReportItem, ReportSection } from '../domain/report-document.js';
import { holdsWord } from './queries/word-match.js';
import type { NarrativeItemRow, NewReport, ReportRow, ReportSectionRow, ReportStatus } from './schema.js';
import type { Queryable } from './types.js';

export interface NewReportInput extends Omit<NewReport, 'recipients' | 'updated_at'> {
  recipients?: string[];
}

export async function createReport(db: Queryable, input: NewReportInput): Promise<ReportRow> {
  const { recipients, ...columns } = input;
  return db
    .insertInto('reports')
    .values({ ...columns, ...(recipients ? { recipients: JSON.stringify(recipients) } : {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * One report. `lock` (inside a transaction) takes its row lock until the transaction ends: 'share' keeps
 * its status from changing meanwhile, 'update' also lets only this transaction change it.
 */
export async function getReport(
  db: Queryable,
  orgId: string,
  id: number,
  lock?: 'share' | 'update',
): Promise<ReportRow | undefined> {
  const query = db.selectFrom('reports').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  const locked = lock === 'share' ? query.forShare() : lock === 'update' ? query.forUpdate() : query;
  return locked.executeTakeFirst();
}

export async function listReports(
  db: Queryable,
  orgId: string,
  filter: { periodId?: string; kind?: ReportRow['kind']; status?: ReportStatus } = {},
): Promise<ReportRow[]> {
  let query = db.selectFrom('reports').selectAll().where('org_id', '=', orgId);
  if (filter.periodId !== undefined) query = query.where('period_id', '=', filter.periodId);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query.orderBy('issued_date', 'desc').orderBy('id', 'desc').execute();
}

/** The names that signed the organisation's reports, most frequent first. */
export async function listSignerNames(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['signer_name', (eb) => eb.fn.countAll<number>().as('reports')])
    .where('org_id', '=', orgId)
    .where('signer_name', 'is not', null)
    .groupBy('signer_name')
    .orderBy('reports', 'desc')
    .orderBy('signer_name')
    .execute();
  return rows.map((row) => row.signer_name!);
}

export type ReportMetaChanges = Partial<
  Pick<
    ReportRow,
    | 'plan_period_id'
    | 'number'
    | 'issued_date'
    | 'place'
    | 'title'
    | 'parent_authority'
    | 'agency'
    | 'signer_name'
    | 'signer_position'
    | 'signer_on_behalf'
    | 'intro'
    | 'closing'
    | 'import_id'
  >
> & { recipients?: string[] };

export async function updateReport(
  db: Queryable,
  orgId: string,
  id: number,
  changes: ReportMetaChanges,
): Promise<ReportRow | undefined> {
  const { recipients, ...columns } = changes;
  return db
    .updateTable('reports')
    .set({
      ...columns,
      ...(recipients ? { recipients: JSON.stringify(recipients) } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Moves a report through draft → submitted → approved → locked; `reopenedReason` is kept when going back. */
export async function setReportStatus(
  db: Queryable,
  orgId: string,
  id: number,
  status: ReportStatus,
  reopenedReason: string | null = null,
): Promise<ReportRow | undefined> {
  return db
    .updateTable('reports')
    .set({
      status,
      updated_at: sql<Date>`now()`,
      ...(reopenedReason !== null ? { reopened_reason: reopenedReason } : {}),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteReport(db: Queryable, orgId: string, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('reports')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface ContentOptions {
  source: 'manual' | 'import';
  createdBy: string | null;
  /** Prefix for each item's source_ref (e.g. the imported file name); offsets are appended as "#start-end". */
  sourceRef?: string | null;
}

/**
 * Replaces a report's section tree and narrative items with `sections` (the ReportDocument shape).
 * Sections are inserted one level at a time (children need their parent's id); items in one statement.
 */
export async function replaceReportContent(
  db: Queryable,
  orgId: string,
  reportId: number,
  sections: readonly ReportSection[],
  options: ContentOptions,
): Promise<void> {
  await db
    .deleteFrom('report_sections')
    .where('org_id', '=', orgId)
    .where('report_id', '=', reportId)
    .execute();
  const items: Array<{ sectionId: number; item: ReportItem; position: number }> = [];
  let position = 0;
  let level: Array<{ parentId: number | null; section: ReportSection }> = sections.map((section) => ({
    parentId: null,
    section,
  }));
  // Positions number sections in document order across the whole tree, so one ORDER BY rebuilds it.
  const order = new Map<ReportSection, number>();
  const walk = (list: readonly ReportSection[]) => {
    for (const s of list) {
      order.set(s, position++);
      walk(s.children);
    }
  };
  walk(sections);
  while (level.length > 0) {
    const rows = await db
      .insertInto('report_sections')
      .values(
        level.map(({ parentId, section }) => ({
          org_id: orgId,
          report_id: reportId,
          parent_id: parentId,
          position: order.get(section)!,
          level: section.level,
          number: section.number,
          title: section.title,
          template_key: section.key,
        })),
      )
      .returning(['id', 'position'])
      .execute();
    const idByPosition = new Map(rows.map((r) => [r.position, r.id]));
    const next: typeof level = [];
    for (const { section } of level) {
      const id = idByPosition.get(order.get(section)!)!;
      section.items.forEach((item, index) => {
        items.push({ sectionId: id, item, position: index });
      });
      for (const child of section.children) next.push({ parentId: id, section: child });
    }
    level = next;
  }
  if (items.length === 0) return;
  await db
    .insertInto('narrative_items')
    .values(
      items.map(({ sectionId, item, position: itemPosition }) => ({
        org_id: orgId,
        report_id: reportId,
        section_id: sectionId,
        unit_id: null,
        kind: item.kind,
        style: item.style,
        position: itemPosition,
        text: item.text,
        source: options.source,
        source_ref: sourceRefOf(options.sourceRef ?? null, item),
        created_by: options.createdBy,
      })),
    )
    .execute();
}

function sourceRefOf(prefix: string | null, item: ReportItem): string | null {
  if (item.start === undefined || item.end === undefined) return prefix;
  return `${prefix ?? ''}#${item.start}-${item.end}`;
}

function offsetsOf(sourceRef: string | null): { start?: number; end?: number } {
  const match = sourceRef ? /#(\d+)-(\d+)$/.exec(sourceRef) : null;
  return match ? { start: Number(match[1]), end: Number(match[2]) } : {};
}

export interface StoredReportSection extends ReportSection {
  id: number;
  items: StoredReportItem[];
  children: StoredReportSection[];
}

export interface StoredReportItem extends ReportItem {
  id: number;
  unitId: number | null;
}

function toItem(row: NarrativeItemRow): StoredReportItem {
  return {
    id: row.id,
    unitId: row.unit_id,
    kind: row.kind,
    style: (row.style ?? 'bullet') as ReportItem['style'],
    text: row.text,
    ...offsetsOf(row.source_ref),
  };
}

/** A report's sections as a tree, with their narrative items in order. */
export async function getReportContent(
  db: Queryable,
  orgId: string,
  reportId: number,
): Promise<StoredReportSection[]> {
  const [sectionRows, itemRows] = await Promise.all([
    db
      .selectFrom('report_sections')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('report_id', '=', reportId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('narrative_items')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('report_id', '=', reportId)
      .orderBy('section_id')
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ]);
  const byId = new Map<number, StoredReportSection>();
  const roots: StoredReportSection[] = [];
  for (const row of sectionRows as ReportSectionRow[]) {
    const section: StoredReportSection = {
      id: row.id,
      key: row.template_key,
      level: row.level,
      number: row.number,
      title: row.title,
      items: [],
      children: [],
    };
    byId.set(row.id, section);
    const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    (parent ? parent.children : roots).push(section);
  }
  for (const row of itemRows) byId.get(row.section_id)?.items.push(toItem(row));
  return roots;
}

export interface NewNarrativeItem {
  orgId: string;
  reportId: number;
  sectionId: number;
  unitId?: number | null;
  kind: 'result' | 'plan';
  style?: ReportItem['style'];
  text: string;
  /** Defaults to after the section's last item. */
  position?: number;
  source: 'manual' | 'import';
  sourceRef?: string | null;
  createdBy: string | null;
}

export async function addNarrativeItem(db: Queryable, item: NewNarrativeItem): Promise<NarrativeItemRow> {
  const position =
    item.position ??
    sql<number>`(SELECT coalesce(max(position) + 1, 0) FROM narrative_items WHERE section_id = ${item.sectionId})`;
  return db
    .insertInto('narrative_items')
    .values({
      org_id: item.orgId,
      report_id: item.reportId,
      section_id: item.sectionId,
      unit_id: item.unitId ?? null,
      kind: item.kind,
      style: item.style ?? 'bullet',
      position,
      text: item.text,
      source: item.source,
      source_ref: item.sourceRef ?? null,
      created_by: item.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getNarrativeItem(
  db: Queryable,
  orgId: string,
  id: number,
): Promise<NarrativeItemRow | undefined> {
  return db
    .selectFrom('narrative_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateNarrativeItem(
  db: Queryable,
  orgId: string,
  id: number,
  changes: {
    text?: string;
    style?: ReportItem['style'];
    kind?: 'result' | 'plan';
    position?: number;
    unitId?: number | null;
  },
): Promise<NarrativeItemRow | undefined> {
  return db
    .updateTable('narrative_items')
    .set({
      ...(changes.text !== undefined ? { text: changes.text } : {}),
      ...(changes.style !== undefined ? { style: changes.style } : {}),
      ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
      ...(changes.position !== undefined ? { position: changes.position } : {}),
      ...(changes.unitId !== undefined ? { unit_id: changes.unitId } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteNarrativeItem(db: Queryable, orgId: string, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('narrative_items')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface NarrativeHit {
  itemId: number;
  reportId: number;
  periodId: string;
  sectionTitle: string;
  text: string;
}

/**
 * Narrative items holding every word of `query` as a whole word, ignoring case and diacritics ("ky so"
 * finds "ký số", "so" does not find "soát"), newest report first. Uses the trigram index on the folded text.
 */
export async function searchNarrative(
  db: Queryable,
  orgId: string,
  query: string,
  options: { limit?: number; periodIds?: readonly string[] } = {},
): Promise<NarrativeHit[]> {
  const words = query.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return [];
  let q = db
    .selectFrom('narrative_items as n')
    .innerJoin('reports as r', 'r.id', 'n.report_id')
    .innerJoin('report_sections as s', 's.id', 'n.section_id')
    .select([
      'n.id as itemId',
      'r.id as reportId',
      'r.period_id as periodId',
      's.title as sectionTitle',
      'n.text',
    ])
    .where('n.org_id', '=', orgId);
  for (const word of words) q = q.where(holdsWord(sql.ref('n.text_folded'), word));
  if (options.periodIds) {
    if (options.periodIds.length === 0) return [];
    q = q.where('r.period_id', 'in', [...options.periodIds]);
  }
  return q
    .orderBy('r.issued_date', (ob) => ob.desc().nullsLast())
    .orderBy('r.id', 'desc')
    .orderBy('n.position')
    .limit(options.limit ?? 50)
    .execute();
}

/**
 * Deletes the narrative items an import put in its report and nobody changed since: source 'import' and
 * last written by the import's own transaction (its `created_at`, the same `now()`); an item a person
 * edited or moved afterwards carries a later time and stays. Returns how many were deleted.
 */
export async function deleteUntouchedImportedItems(
  db: Queryable,
  orgId: string,
  reportId: number,
  importId: number,
): Promise<number> {
  const result = await sql<{ id: number }>`
    DELETE FROM narrative_items n
    WHERE n.org_id = ${orgId} AND n.report_id = ${reportId} AND n.source = 'import'
      AND n.updated_at <= (SELECT i.created_at FROM imports i WHERE i.org_id = ${orgId} AND i.id = ${importId})
    RETURNING n.id`.execute(db);
  return result.rows.length;
}

/**
 * What of an imported report people made their own after its import: the narrative items left in it (a
 * person's, or imported ones edited since) and whether its metadata was edited (a `report.update` in the
 * audit log; a status change alone does not count).
 */
export async function importedReportHolds(
  db: Queryable,
  orgId: string,
  reportId: number,
): Promise<{ items: number; edited: boolean }> {
  const result = await sql<{ items: number; edited: boolean }>`
    SELECT (SELECT count(*)::int FROM narrative_items n WHERE n.org_id = ${orgId} AND n.report_id = ${reportId}) AS items,
           EXISTS (SELECT 1 FROM audit_log a
                   WHERE a.org_id = ${orgId} AND a.entity = 'report' AND a.entity_id = ${String(reportId)}
                     AND a.action = 'report.update') AS edited`.execute(db);
  const row = result.rows[0];
  return { items: Number(row?.items ?? 0), edited: Boolean(row?.edited) };
}
