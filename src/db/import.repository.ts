import type { ImportRow, ImportStatus } from './schema.js';
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

export async function findImportByHash(
  db: Queryable,
  orgId: string,
  fileHash: string,
): Promise<ImportRow | undefined> {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('file_hash', '=', fileHash)
    .executeTakeFirst();
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
