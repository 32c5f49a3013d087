import { sql } from 'kysely';
import type { Queryable } from '../types.js';

/** An uploaded file waiting for review (migration 0100); the bytes are kept so acceptance imports exactly them. */
export interface ImportUpload {
  id: number;
  orgId: string;
  fileName: string;
  mediaType: string;
  periodId: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export async function saveImportUpload(
  db: Queryable,
  upload: {
    orgId: string;
    fileName: string;
    mediaType: string;
    periodId: string | null;
    bytes: Uint8Array;
    createdBy: string | null;
  },
): Promise<number> {
  const result = await sql<{ id: number }>`
    INSERT INTO import_uploads (org_id, file_name, media_type, period_id, bytes, created_by)
    VALUES (${upload.orgId}, ${upload.fileName}, ${upload.mediaType}, ${upload.periodId}, ${upload.bytes}, ${upload.createdBy})
    RETURNING id`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('import_uploads insert returned no row');
  return row.id;
}

export async function getImportUpload(
  db: Queryable,
  orgId: string,
  id: number,
): Promise<(ImportUpload & { bytes: Uint8Array }) | undefined> {
  const result = await sql<ImportUpload & { bytes: Uint8Array }>`
    SELECT id, org_id AS "orgId", file_name AS "fileName", media_type AS "mediaType", period_id AS "periodId",
           bytes, created_by AS "createdBy", created_at AS "createdAt"
    FROM import_uploads WHERE org_id = ${orgId} AND id = ${id}`.execute(db);
  const row = result.rows[0];
  return row ? { ...row, bytes: new Uint8Array(row.bytes) } : undefined;
}

export async function listImportUploads(db: Queryable, orgId: string): Promise<ImportUpload[]> {
  const result = await sql<ImportUpload>`
    SELECT id, org_id AS "orgId", file_name AS "fileName", media_type AS "mediaType", period_id AS "periodId",
           created_by AS "createdBy", created_at AS "createdAt"
    FROM import_uploads WHERE org_id = ${orgId}
    ORDER BY created_at DESC, id DESC`.execute(db);
  return result.rows;
}

/** Inside a transaction: locks the upload's row until the transaction ends; false when it is gone. */
export async function lockImportUpload(db: Queryable, orgId: string, id: number): Promise<boolean> {
  const result =
    await sql`SELECT id FROM import_uploads WHERE org_id = ${orgId} AND id = ${id} FOR UPDATE`.execute(db);
  return result.rows.length > 0;
}

export async function deleteImportUpload(db: Queryable, orgId: string, id: number): Promise<void> {
  await sql`DELETE FROM import_uploads WHERE org_id = ${orgId} AND id = ${id}`.execute(db);
}

/** The period an upload is reviewed under now (null: none told), or undefined when the upload is gone. */
export async function importUploadPeriod(
  db: Queryable,
  orgId: string,
  id: number,
): Promise<string | null | undefined> {
  const result = await sql<{ periodId: string | null }>`
    SELECT period_id AS "periodId" FROM import_uploads WHERE org_id = ${orgId} AND id = ${id}`.execute(db);
  return result.rows[0]?.periodId;
}

/** The period an upload is reviewed and accepted under. */
export async function setImportUploadPeriod(
  db: Queryable,
  orgId: string,
  id: number,
  periodId: string,
): Promise<void> {
  await sql`UPDATE import_uploads SET period_id = ${periodId} WHERE org_id = ${orgId} AND id = ${id}`.execute(
    db,
  );
}
