import { type RawBuilder, sql } from 'kysely';
import type { Queryable } from '../db/types.js';
import { AppError } from '../domain/errors.js';

/** Who is asking, in which organisation, against which store. */
export interface Auth {
  db: Queryable;
  orgId: string;
  userId: number;
  username: string;
}

/**
 * What a request wants to do, and what its ids name:
 * - org.read, org.admin, audit.read, report.create, import.create: organisation ids
 * - values.write: indicator codes; unit.write: unit ids (figures entered in a unit's name)
 * - section.write: report-template section keys; item.write: narrative item ids
 * - report.read, report.edit (metadata), report.submit (draft ↔ submitted),
 *   report.return (submitted → draft: office, or the director sending it back), report.approve
 *   (submitted → approved → locked), report.reopen (back to draft with a reason): report ids
 */
export type Permission =
  | 'org.read'
  | 'org.admin'
  | 'audit.read'
  | 'values.write'
  | 'unit.write'
  | 'section.write'
  | 'item.write'
  | 'report.read'
  | 'report.create'
  | 'report.edit'
  | 'report.submit'
  | 'report.return'
  | 'report.approve'
  | 'report.reopen'
  | 'import.create';

type Role = 'editor' | 'office' | 'director' | 'admin' | 'analyst';

const ANY_ROLE: Role[] = ['editor', 'office', 'director', 'admin', 'analyst'];

/** Roles that hold an organisation-scoped permission wherever they were granted. */
const ORG_ROLES: Partial<Record<Permission, Role[]>> = {
  'org.read': ANY_ROLE,
  'org.admin': ['admin'],
  // Who changed what is for those who answer for the data, and for auditors (analyst).
  'audit.read': ['admin', 'director', 'office', 'analyst'],
  'report.create': ['office'],
  'import.create': ['office', 'admin'],
  'report.read': ANY_ROLE,
  'report.edit': ['office'],
  'report.submit': ['office'],
  'report.return': ['office', 'director'],
  'report.approve': ['director'],
  'report.reopen': ['director', 'admin'],
};

function hasRole(auth: Auth, roles: readonly Role[]): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (
    SELECT 1 FROM user_roles r
    WHERE r.user_id = ${auth.userId} AND r.org_id = ${auth.orgId} AND r.role IN (${sql.join(roles)}))`;
}

/** An editor edits the sections its unit owns; an editor granted on the whole organisation edits all. */
function editorOwnsSection(auth: Auth, sectionKey: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (
    SELECT 1 FROM user_roles r LEFT JOIN units u ON u.id = r.unit_id
    WHERE r.user_id = ${auth.userId} AND r.org_id = ${auth.orgId} AND r.role = 'editor'
      AND (r.unit_id IS NULL OR ${sectionKey} = ANY (u.sections)))`;
}

/** SQL selecting, as text `id`, those of `ids` the permission allows. */
function allowedQuery(auth: Auth, permission: Permission, ids: string[]): RawBuilder<{ id: string }> {
  const office = hasRole(auth, ['office']);
  switch (permission) {
    case 'org.read':
    case 'org.admin':
    case 'audit.read':
    case 'report.create':
    case 'import.create':
      return sql`SELECT o.id FROM organisations o
        WHERE o.id = ${auth.orgId} AND o.id = ANY (${ids}::text[]) AND ${hasRole(auth, ORG_ROLES[permission] ?? [])}`;
    case 'report.read':
    case 'report.edit':
    case 'report.submit':
    case 'report.return':
    case 'report.approve':
    case 'report.reopen':
      return sql`SELECT rp.id::text AS id FROM reports rp
        WHERE rp.org_id = ${auth.orgId} AND rp.id::text = ANY (${ids}::text[])
          AND ${hasRole(auth, ORG_ROLES[permission] ?? [])}`;
    case 'values.write':
      return sql`SELECT i.code AS id FROM indicators i
        WHERE i.org_id = ${auth.orgId} AND i.code = ANY (${ids}::text[]) AND i.active
          AND (${office} OR ${editorOwnsSection(auth, sql`i.section`)})`;
    case 'unit.write':
      return sql`SELECT un.id::text AS id FROM units un
        WHERE un.org_id = ${auth.orgId} AND un.id::text = ANY (${ids}::text[])
          AND (${office} OR EXISTS (
            SELECT 1 FROM user_roles r
            WHERE r.user_id = ${auth.userId} AND r.org_id = ${auth.orgId} AND r.role = 'editor'
              AND (r.unit_id IS NULL OR r.unit_id = un.id)))`;
    case 'section.write':
      return sql`SELECT k.id FROM unnest(${ids}::text[]) AS k(id)
        WHERE ${office} OR ${editorOwnsSection(auth, sql`k.id`)}`;
    case 'item.write':
      return sql`SELECT n.id::text AS id FROM narrative_items n JOIN report_sections s ON s.id = n.section_id
        WHERE n.org_id = ${auth.orgId} AND n.id::text = ANY (${ids}::text[])
          AND (${office} OR ${editorOwnsSection(auth, sql`s.template_key`)})`;
  }
}

/** Those of `ids` the signed-in user may act on with `permission`, answered by SQL. */
export async function allowedIds(
  auth: Auth,
  permission: Permission,
  ids: readonly (string | number)[],
): Promise<Set<string>> {
  const wanted = [...new Set(ids.map(String))];
  if (wanted.length === 0) return new Set();
  const result = await allowedQuery(auth, permission, wanted).execute(auth.db);
  return new Set(result.rows.map((row) => row.id));
}

const REFUSED = 'Bạn không có quyền thực hiện thao tác này, hoặc dữ liệu không tồn tại.';

/**
 * Refusals that can say why: an organisation-wide permission names only the organisation, whose
 * existence the answer may show (any organisation is listed before sign-in).
 */
const REFUSALS: Partial<Record<Permission, string>> = {
  'org.admin': 'Thao tác này chỉ dành cho tài khoản có vai trò Quản trị của cơ quan.',
};

/**
 * Throws `access.denied` (403) unless every id is allowed. A record that does not exist is refused
 * the same way as one the user may not touch, so answers never reveal what exists elsewhere.
 */
export async function requireAccess(
  auth: Auth,
  permission: Permission,
  ids: readonly (string | number)[],
): Promise<void> {
  const allowed = await allowedIds(auth, permission, ids);
  const refused = [...new Set(ids.map(String))].filter((id) => !allowed.has(id));
  if (refused.length > 0 || ids.length === 0) {
    throw new AppError('access.denied', REFUSALS[permission] ?? REFUSED, 403, { permission, refused });
  }
}
