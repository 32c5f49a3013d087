import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { addNarrativeItem, deleteNarrativeItem, updateNarrativeItem } from '../db/report.repository.js';
import type { Database, NarrativeItemRow } from '../db/schema.js';
import type { Queryable } from '../db/types.js';
import { AppError } from '../domain/errors.js';
import { type Auth, requireAccess } from './access.js';
import {
  assertItemsEditable,
  loadReport,
  type ReportItemView,
  type ReportSectionView,
  reportSections,
} from './report.service.js';

/** Every narrative item of a report in document order, each with its section's template key. */
export async function listReportItems(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  reportId: number,
): Promise<ReportItemView[]> {
  await requireAccess(auth, 'report.read', [reportId]);
  const out: ReportItemView[] = [];
  const walk = (sections: readonly ReportSectionView[]) => {
    for (const s of sections) {
      out.push(...s.items);
      walk(s.children);
    }
  };
  walk(await reportSections(db, orgId, reportId));
  return out;
}

function itemView(row: NarrativeItemRow, sectionKey: string | null): ReportItemView {
  return {
    id: String(row.id),
    sectionKey,
    kind: row.kind,
    style: (row.style ?? 'bullet') as ReportItemView['style'],
    text: row.text,
    position: row.position,
  };
}

async function sectionOf(db: Queryable, orgId: string, reportId: number, key: string) {
  const section = await db
    .selectFrom('report_sections')
    .select(['id', 'template_key'])
    .where('org_id', '=', orgId)
    .where('report_id', '=', reportId)
    .where('template_key', '=', key)
    .executeTakeFirst();
  if (!section) {
    throw new AppError('section.unknown', `Báo cáo không có mục "${key}".`, 404, { sectionKey: key });
  }
  return section;
}

/**
 * Inside the transaction that changes the item: the item under its row lock, with its section's key.
 * Called after `requireAccess(auth, 'item.write', [itemId])` passed, so an item missing here was there a
 * moment ago: deleted meanwhile (a concurrent delete commits before the lock is granted), answered with
 * `item.unknown` (404) rather than a silent no-op. An item of another report is refused like a forbidden one.
 */
async function lockedItemOfReport(
  trx: Transaction<Database>,
  orgId: string,
  reportId: number,
  itemId: number,
): Promise<{ item: NarrativeItemRow; sectionKey: string | null }> {
  const item = await trx
    .selectFrom('narrative_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
  if (!item) {
    throw new AppError(
      'item.unknown',
      `Không tìm thấy nội dung số ${itemId}: nội dung đã bị xóa. Hãy tải lại báo cáo.`,
      404,
      { itemId: String(itemId) },
    );
  }
  if (item.report_id !== reportId) {
    throw new AppError(
      'access.denied',
      'Bạn không có quyền thực hiện thao tác này, hoặc dữ liệu không tồn tại.',
      403,
    );
  }
  const section = await trx
    .selectFrom('report_sections')
    .select('template_key')
    .where('id', '=', item.section_id)
    .executeTakeFirst();
  return { item, sectionKey: section?.template_key ?? null };
}

/**
 * Inside the transaction that changes the report's items: the report under a share row lock (a status
 * change waits until the transaction ends), refused with `report.submitted` once submitted and
 * `report.locked` when approved or locked.
 */
async function editableReport(trx: Transaction<Database>, orgId: string, reportId: number): Promise<void> {
  assertItemsEditable(await loadReport(trx, orgId, reportId, 'share'));
}

export async function addReportItem(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  reportId: number,
  input: { sectionKey: string; kind: 'result' | 'plan'; text: string },
): Promise<ReportItemView> {
  await requireAccess(auth, 'report.read', [reportId]);
  await requireAccess(auth, 'section.write', [input.sectionKey]);
  const row = await db.transaction().execute(async (trx) => {
    await editableReport(trx, orgId, reportId);
    const section = await sectionOf(trx, orgId, reportId, input.sectionKey);
    const created = await addNarrativeItem(trx, {
      orgId,
      reportId,
      sectionId: section.id,
      kind: input.kind,
      text: input.text,
      source: 'manual',
      createdBy: auth.username,
    });
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'item.create',
      entity: 'narrative_item',
      entityId: created.id,
      after: { reportId, sectionKey: input.sectionKey, kind: created.kind, text: created.text },
    });
    return created;
  });
  return itemView(row, input.sectionKey);
}

export async function updateReportItem(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  reportId: number,
  itemId: number,
  changes: { text?: string | undefined; kind?: 'result' | 'plan' | undefined },
): Promise<ReportItemView> {
  await requireAccess(auth, 'item.write', [itemId]);
  const patch = {
    ...(changes.text !== undefined ? { text: changes.text } : {}),
    ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
  };
  const { row, sectionKey } = await db.transaction().execute(async (trx) => {
    await editableReport(trx, orgId, reportId);
    const { item, sectionKey } = await lockedItemOfReport(trx, orgId, reportId, itemId);
    const updated = await updateNarrativeItem(trx, orgId, itemId, patch);
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'item.update',
      entity: 'narrative_item',
      entityId: itemId,
      before: { kind: item.kind, text: item.text },
      after: patch,
    });
    return { row: updated ?? item, sectionKey };
  });
  return itemView(row, sectionKey);
}

export async function deleteReportItem(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  reportId: number,
  itemId: number,
): Promise<void> {
  await requireAccess(auth, 'item.write', [itemId]);
  await db.transaction().execute(async (trx) => {
    await editableReport(trx, orgId, reportId);
    const { item, sectionKey } = await lockedItemOfReport(trx, orgId, reportId, itemId);
    await deleteNarrativeItem(trx, orgId, itemId);
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'item.delete',
      entity: 'narrative_item',
      entityId: itemId,
      before: { reportId, sectionKey, kind: item.kind, text: item.text },
    });
  });
}

/** Puts a section's items in the given order; the list must name exactly the section's items. */
export async function reorderReportItems(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  reportId: number,
  input: { sectionKey: string; itemIds: readonly number[] },
): Promise<ReportItemView[]> {
  await requireAccess(auth, 'report.read', [reportId]);
  await requireAccess(auth, 'section.write', [input.sectionKey]);
  return db.transaction().execute(async (trx) => {
    await editableReport(trx, orgId, reportId);
    const section = await sectionOf(trx, orgId, reportId, input.sectionKey);
    const current = await trx
      .selectFrom('narrative_items')
      .selectAll()
      .where('section_id', '=', section.id)
      .orderBy('position')
      .orderBy('id')
      .forUpdate()
      .execute();
    const known = new Set(current.map((r) => r.id));
    const same = input.itemIds.length === known.size && input.itemIds.every((id) => known.has(id));
    if (!same || new Set(input.itemIds).size !== input.itemIds.length) {
      throw new AppError(
        'items.order_invalid',
        'Danh sách sắp xếp phải gồm đúng các nội dung của mục, mỗi nội dung một lần.',
        400,
        { expected: current.map((r) => String(r.id)) },
      );
    }
    const rows: NarrativeItemRow[] = [];
    for (const [position, id] of input.itemIds.entries()) {
      const row = await updateNarrativeItem(trx, orgId, id, { position });
      if (row) rows.push(row);
    }
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'item.reorder',
      entity: 'report',
      entityId: reportId,
      before: { sectionKey: input.sectionKey, itemIds: current.map((r) => r.id) },
      after: { sectionKey: input.sectionKey, itemIds: input.itemIds },
    });
    return rows.map((r) => itemView(r, input.sectionKey));
  });
}
