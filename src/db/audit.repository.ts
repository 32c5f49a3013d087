import type { Queryable } from './types.js';

export interface AuditEntry {
  orgId: string;
  userId: number | null;
  /** What was done: 'report.approve', 'user.create', 'import.accept', … */
  action: string;
  /** The kind of record: 'report', 'user', 'unit', … */
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface StoredAuditEntry extends AuditEntry {
  id: number;
  entityId: string | null;
  at: Date;
}

export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<number> {
  const row = await db
    .insertInto('audit_log')
    .values({
      org_id: entry.orgId,
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An organisation's audit log, newest first. */
export async function listAudit(
  db: Queryable,
  filter: { orgId: string; entity?: string; entityId?: string | number; limit?: number },
): Promise<StoredAuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().where('org_id', '=', filter.orgId);
  if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', String(filter.entityId));
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    reason: row.reason,
    at: row.at,
  }));
}
