import { sql } from 'kysely';
import type { ImportRow, ImportStatus, ValueScope, ValueSource } from './schema.js';
import type { Queryable } from './types.js';

export interface NewImportInput {
  orgId: string;
  fileName: string;
  /** sha256 of the file bytes: the same file is imported once per organisation. */
  fileHash: string;
  mediaType: string;
  status: ImportStatus;
  reportId?: number | null;
  summary?: Record<string, unknown>;
  messages?: unknown[];
  findings?: unknown[];
  createdBy: string | null;
}

export async function createImport(db: Queryable, input: NewImportInput): Promise<ImportRow> {
  return db
    .insertInto('imports')
    .values({
      org_id: input.orgId,
      file_name: input.fileName,
      file_hash: input.fileHash,
      media_type: input.mediaType,
      status: input.status,
      report_id: input.reportId ?? null,
      summary: JSON.stringify(input.summary ?? {}),
      messages: JSON.stringify(input.messages ?? []),
      findings: JSON.stringify(input.findings ?? []),
      created_by: input.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getImport(db: Queryable, orgId: string, id: number): Promise<ImportRow | undefined> {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The import under its row lock (inside a transaction): a second withdrawal waits, then sees it withdrawn.
 * FOR NO KEY UPDATE, not FOR UPDATE: a withdrawal of a later import putting figures back under this one
 * (their import_id references it, a key share) does not wait for it, while it waits for that withdrawal.
 */
export async function lockImport(db: Queryable, orgId: string, id: number): Promise<ImportRow | undefined> {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export async function findImportByHash(
  db: Queryable,
  orgId: string,
  fileHash: string,
): Promise<ImportRow | undefined> {
  return (
    db
      .selectFrom('imports')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('file_hash', '=', fileHash)
      // A withdrawn import no longer holds its content: the same file may be imported again.
      .where('status', '<>', 'withdrawn')
      .executeTakeFirst()
  );
}

export async function updateImport(
  db: Queryable,
  orgId: string,
  id: number,
  changes: {
    status?: ImportStatus;
    reportId?: number | null;
    summary?: Record<string, unknown>;
    messages?: unknown[];
    findings?: unknown[];
  },
): Promise<ImportRow | undefined> {
  return db
    .updateTable('imports')
    .set({
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.reportId !== undefined ? { report_id: changes.reportId } : {}),
      ...(changes.summary !== undefined ? { summary: JSON.stringify(changes.summary) } : {}),
      ...(changes.messages !== undefined ? { messages: JSON.stringify(changes.messages) } : {}),
      ...(changes.findings !== undefined ? { findings: JSON.stringify(changes.findings) } : {}),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function listImports(
  db: Queryable,
  orgId: string,
  filter: { status?: ImportStatus; limit?: number } = {},
): Promise<ImportRow[]> {
  let query = db.selectFrom('imports').selectAll().where('org_id', '=', orgId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
}

export async function deleteImport(db: Queryable, orgId: string, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('imports')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One organisation-level figure of a period, by what identifies it besides the period. */
export interface FigureKey {
  indicator: string;
  scope: ValueScope;
  breakdown: string;
}

/** A figure as it was before an import overwrote or took it over (imports.replaced_figures). */
export interface ReplacedFigure extends FigureKey {
  /** Exact decimal text, as stored. */
  value: string;
  qualifier: string | null;
  source: ValueSource;
  sourceRef: string | null;
  reportId: number | null;
  importId: number | null;
}

/**
 * Keeps the organisation-level figures of `periodId` and `indicatorCodes` as they are now, with the import,
 * before it writes: withdrawing it puts back those it overwrote.
 */
export async function recordReplacedFigures(
  db: Queryable,
  orgId: string,
  importId: number,
  periodId: string,
  indicatorCodes: readonly string[],
): Promise<void> {
  await sql`
    UPDATE imports SET replaced_figures = coalesce((
      SELECT jsonb_agg(jsonb_build_object(
               'indicator', d.indicator_code, 'scope', d.scope, 'breakdown', d.breakdown,
               'value', d.value::text, 'qualifier', d.qualifier, 'source', d.source,
               'sourceRef', d.source_ref, 'reportId', d.report_id, 'importId', d.import_id)
             ORDER BY d.id)
      FROM data_values d
      WHERE d.org_id = ${orgId} AND d.unit_id IS NULL AND d.period_id = ${periodId}
        AND d.indicator_code = ANY (${[...indicatorCodes]}::text[])
    ), '[]'::jsonb)
    WHERE org_id = ${orgId} AND id = ${importId}`.execute(db);
}

/** Keeps with the import the figures it holds now, once its acceptance is complete. */
export async function recordStoredFigures(db: Queryable, orgId: string, importId: number): Promise<void> {
  await sql`
    UPDATE imports SET stored_figures = coalesce((
      SELECT jsonb_agg(jsonb_build_object('indicator', d.indicator_code, 'scope', d.scope, 'breakdown', d.breakdown)
             ORDER BY d.id)
      FROM data_values d
      WHERE d.org_id = ${orgId} AND d.import_id = ${importId}
    ), '[]'::jsonb)
    WHERE org_id = ${orgId} AND id = ${importId}`.execute(db);
}

/** How many figures each of `importIds` holds now (data_values.import_id): what withdrawing it would remove. */
export async function countHeldFigures(
  db: Queryable,
  orgId: string,
  importIds: readonly number[],
): Promise<Map<number, number>> {
  if (importIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('data_values')
    .select(['import_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('org_id', '=', orgId)
    .where('import_id', 'in', [...importIds])
    .groupBy('import_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.import_id === null ? [] : [[r.import_id, Number(r.n)]])));
}

/** Marks an import withdrawn by `actor` now; its row stays for the history. */
export async function markImportWithdrawn(
  db: Queryable,
  orgId: string,
  id: number,
  actor: string | null,
): Promise<ImportRow | undefined> {
  return db
    .updateTable('imports')
    .set({ status: 'withdrawn', withdrawn_by: actor, withdrawn_at: sql<Date>`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
