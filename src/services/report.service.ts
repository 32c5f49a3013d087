import type { Kysely } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { getOrganisation } from '../db/organisation.repository.js';
import {
  getReport,
  getReportContent,
  createReport as insertReport,
  listReports,
  type ReportMetaChanges,
  replaceReportContent,
  type StoredReportItem,
  type StoredReportSection,
  setReportStatus,
  updateReport,
} from '../db/report.repository.js';
import type { Database, ReportRow, ReportStatus } from '../db/schema.js';
import { getReportTemplate } from '../db/template.repository.js';
import type { Queryable } from '../db/types.js';
import { defaultReportTemplate } from '../domain/default-catalogue.js';
import { AppError } from '../domain/errors.js';
import {
  parsePeriod,
  periodDateRange,
  periodId,
  periodLabelVi,
  planPeriodOf,
  reportKindOf,
} from '../domain/period.js';
import type { ReportSection } from '../domain/report-document.js';
import { FROZEN, HOLDS_FIGURES } from '../domain/report-hold.js';
import {
  fillTemplate,
  periodTemplateValues,
  type ReportTemplate,
  ReportTemplateSchema,
  subtitleFor,
  type TemplateSection,
} from '../domain/report-template.js';
import type { Finding } from '../domain/validation.js';
import { formatViDate } from '../domain/vietnamese/date.js';
import { buildReport, renderDocx, renderHtml, renderMarkdown, renderPdf } from '../render/index.js';
import { type Auth, requireAccess } from './access.js';
import { validatePeriod } from './period-analysis.service.js';
import { lockYearForFreeze } from './period-lock.js';

/** The organisation's report template: its own override when it saved one, else the default. */
export async function organisationTemplate(db: Queryable, orgId: string): Promise<ReportTemplate> {
  const stored = await getReportTemplate(db, orgId, 'default');
  return stored === undefined ? defaultReportTemplate() : ReportTemplateSchema.parse(stored);
}

/** Throws `report.locked` (409) when the report's content is frozen. */
export function assertReportEditable(report: ReportRow): void {
  if (FROZEN.includes(report.status)) {
    throw new AppError(
      'report.locked',
      'Báo cáo đã được duyệt hoặc khóa; cần mở lại báo cáo (kèm lý do) trước khi sửa.',
      409,
      { reportId: String(report.id), status: report.status },
    );
  }
}

/**
 * Throws when the report's items may not change: `report.locked` (409) when it is approved or locked,
 * `report.submitted` (409) from its submission on, since the director reviews the items as submitted.
 * (Its number, date and signer stay open to the office until approval: see updateReportMeta.)
 */
export function assertItemsEditable(report: ReportRow): void {
  assertReportEditable(report);
  if (report.status === 'submitted') {
    throw new AppError(
      'report.submitted',
      'Báo cáo đã trình giám đốc duyệt; cần trả báo cáo về dự thảo trước khi sửa nội dung.',
      409,
      { reportId: String(report.id), status: report.status },
    );
  }
}

/** The report, or `report.unknown` (404); `lock` as in `getReport` (inside a transaction). */
export async function loadReport(
  db: Queryable,
  orgId: string,
  id: number,
  lock?: 'share' | 'update',
): Promise<ReportRow> {
  const report = await getReport(db, orgId, id, lock);
  if (!report) throw new AppError('report.unknown', `Không tìm thấy báo cáo số ${id}.`, 404);
  return report;
}

export interface ReportSummaryView {
  id: string;
  periodId: string;
  kind: ReportRow['kind'];
  planPeriodId: string | null;
  status: ReportStatus;
  origin: ReportRow['origin'];
  number: string | null;
  title: string | null;
  issuedDate: string | null;
  updatedAt: string;
}

export interface ReportItemView {
  id: string;
  sectionKey: string | null;
  kind: 'result' | 'plan';
  style: StoredReportItem['style'];
  text: string;
  position: number;
}

export interface ReportSectionView {
  id: string;
  key: string | null;
  number: string | null;
  level: number;
  title: string;
  items: ReportItemView[];
  children: ReportSectionView[];
}

export interface ReportDetailView extends ReportSummaryView {
  place: string | null;
  parentAuthority: string | null;
  agency: string | null;
  signer: { name: string | null; position: string | null; onBehalf: string | null };
  recipients: string[];
  intro: string | null;
  closing: string | null;
  reopenedReason: string | null;
  sections: ReportSectionView[];
  findings: Finding[];
}

export function summaryOf(report: ReportRow): ReportSummaryView {
  return {
    id: String(report.id),
    periodId: report.period_id,
    kind: report.kind,
    planPeriodId: report.plan_period_id,
    status: report.status,
    origin: report.origin,
    number: report.number,
    title: report.title,
    issuedDate: report.issued_date,
    updatedAt: report.updated_at.toISOString(),
  };
}

function sectionView(section: StoredReportSection): ReportSectionView {
  return {
    id: String(section.id),
    key: section.key,
    number: section.number,
    level: section.level,
    title: section.title,
    items: section.items.map((item, position) => ({
      id: String(item.id),
      sectionKey: section.key,
      kind: item.kind,
      style: item.style,
      text: item.text,
      position,
    })),
    children: section.children.map(sectionView),
  };
}

export async function listOrganisationReports(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  periodIdText?: string,
): Promise<ReportSummaryView[]> {
  await requireAccess(auth, 'org.read', [orgId]);
  const filter = periodIdText ? { periodId: periodId(parsePeriod(periodIdText)) } : {};
  return (await listReports(db, orgId, filter)).map(summaryOf);
}

export async function reportSections(db: Queryable, orgId: string, id: number): Promise<ReportSectionView[]> {
  return (await getReportContent(db, orgId, id)).map(sectionView);
}

/** A report with its sections, narrative items and the validation findings of its period. */
export async function getReportDetail(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  id: number,
): Promise<ReportDetailView> {
  await requireAccess(auth, 'report.read', [id]);
  const report = await loadReport(db, orgId, id);
  const [sections, findings] = await Promise.all([
    reportSections(db, orgId, id),
    validatePeriod(db, orgId, report.period_id),
  ]);
  return {
    ...summaryOf(report),
    place: report.place,
    parentAuthority: report.parent_authority,
    agency: report.agency,
    signer: {
      name: report.signer_name,
      position: report.signer_position,
      onBehalf: report.signer_on_behalf,
    },
    recipients: report.recipients,
    intro: report.intro,
    closing: report.closing,
    reopenedReason: report.reopened_reason,
    sections,
    findings,
  };
}

function sectionsFromTemplate(
  sections: readonly TemplateSection[],
  fill: (t: string) => string,
): ReportSection[] {
  return sections.map((s) => ({
    key: s.key,
    level: s.level,
    number: s.number,
    title: fill(s.title),
    items: [],
    children: sectionsFromTemplate(s.children, fill),
  }));
}

/**
 * Creates a draft report for a period, laid out by the organisation's template with the house
 * wording (title, opening, closing, recipients, signer). One generated report per period.
 */
export async function createDraftReport(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  periodIdText: string,
): Promise<ReportSummaryView> {
  await requireAccess(auth, 'report.create', [orgId]);
  const period = parsePeriod(periodIdText);
  const id = periodId(period);
  const existing = (await listReports(db, orgId, { periodId: id })).find((r) => r.origin === 'generated');
  if (existing) {
    throw new AppError('report.exists', `Đã có báo cáo cho kỳ ${id}.`, 409, {
      reportId: String(existing.id),
    });
  }
  const organisation = await getOrganisation(db, orgId);
  const template = await organisationTemplate(db, orgId);
  const values = periodTemplateValues(period);
  const fill = (text: string) => fillTemplate(text, values);
  const { document } = template;
  const report = await db.transaction().execute(async (trx) => {
    const row = await insertReport(trx, {
      org_id: orgId,
      period_id: id,
      kind: reportKindOf(period),
      plan_period_id: periodId(planPeriodOf(period)),
      place: organisation?.place ?? null,
      title: fill(subtitleFor(template, reportKindOf(period))),
      parent_authority: organisation?.parent_authority ?? null,
      agency: organisation?.name ?? null,
      signer_name: document.signer.name,
      signer_position: document.signer.position,
      signer_on_behalf: document.signer.onBehalf,
      recipients: document.recipients,
      intro: fill(document.intro),
      closing: fill(document.closing),
      status: 'draft',
      origin: 'generated',
    });
    await replaceReportContent(trx, orgId, row.id, sectionsFromTemplate(template.sections, fill), {
      source: 'manual',
      createdBy: auth.username,
    });
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'report.create',
      entity: 'report',
      entityId: row.id,
      after: { periodId: id, status: 'draft' },
    });
    return row;
  });
  return summaryOf(report);
}

export interface ReportMetaInput {
  number?: string | null | undefined;
  issuedDate?: string | null | undefined;
  title?: string | null | undefined;
  place?: string | null | undefined;
  signer?: { name?: string | null; position?: string | null; onBehalf?: string | null } | undefined;
  recipients?: string[] | undefined;
  intro?: string | null | undefined;
  closing?: string | null | undefined;
}

function metaChanges(input: ReportMetaInput): ReportMetaChanges {
  const changes: ReportMetaChanges = {};
  if (input.number !== undefined) changes.number = input.number;
  if (input.issuedDate !== undefined) changes.issued_date = input.issuedDate;
  if (input.title !== undefined) changes.title = input.title;
  if (input.place !== undefined) changes.place = input.place;
  if (input.intro !== undefined) changes.intro = input.intro;
  if (input.closing !== undefined) changes.closing = input.closing;
  if (input.recipients !== undefined) changes.recipients = input.recipients;
  if (input.signer?.name !== undefined) changes.signer_name = input.signer.name;
  if (input.signer?.position !== undefined) changes.signer_position = input.signer.position;
  if (input.signer?.onBehalf !== undefined) changes.signer_on_behalf = input.signer.onBehalf;
  return changes;
}

/**
 * A report is issued at the end of its period or after it, never before the period begins (under either
 * cut-off rule: a month under Decree 09 begins on the 15th of the month before).
 */
function assertIssuedInOrAfterPeriod(issuedDate: string, periodIdText: string): void {
  const period = parsePeriod(periodIdText);
  const start = periodDateRange(period, 'decree09').start;
  if (issuedDate >= start) return;
  throw new AppError(
    'report.issued_before_period',
    `Ngày ban hành ${formatViDate(issuedDate)} sớm hơn kỳ báo cáo ${periodLabelVi(period)} (bắt đầu từ ${formatViDate(start)}): báo cáo không thể ban hành trước kỳ nó báo cáo.`,
    400,
    { issuedDate, periodId: periodIdText },
  );
}

/** Office sets the report's number, date, title, signer and recipients while it is not approved. */
export async function updateReportMeta(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  id: number,
  input: ReportMetaInput,
): Promise<ReportSummaryView> {
  await requireAccess(auth, 'report.edit', [id]);
  const changes = metaChanges(input);
  const updated = await db.transaction().execute(async (trx) => {
    // Under the row lock: an approval committing between this check and the update must not let it through.
    const report = await loadReport(trx, orgId, id, 'update');
    assertReportEditable(report);
    if (changes.issued_date) assertIssuedInOrAfterPeriod(changes.issued_date, report.period_id);
    const before: Record<string, unknown> = {};
    for (const key of Object.keys(changes) as Array<keyof ReportMetaChanges>) before[key] = report[key];
    const row = await updateReport(trx, orgId, id, changes);
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'report.update',
      entity: 'report',
      entityId: id,
      before,
      after: changes,
    });
    return row ?? report;
  });
  return summaryOf(updated);
}

type Transition = {
  permission: 'report.submit' | 'report.return' | 'report.approve' | 'report.reopen';
  needsReason: boolean;
};

/**
 * The workflow: office submits a draft; office or the director sends a submitted report back to draft;
 * the director approves a submitted report and locks an
 * approved one; going back from approved or locked to draft re-opens it (director or admin, with a reason).
 */
const TRANSITIONS: Record<string, Transition> = {
  'draft>submitted': { permission: 'report.submit', needsReason: false },
  'submitted>draft': { permission: 'report.return', needsReason: false },
  'submitted>approved': { permission: 'report.approve', needsReason: false },
  'approved>locked': { permission: 'report.approve', needsReason: false },
  'approved>draft': { permission: 'report.reopen', needsReason: true },
  'locked>draft': { permission: 'report.reopen', needsReason: true },
};

const STATUS_VI: Record<ReportStatus, string> = {
  draft: 'dự thảo',
  submitted: 'đã trình',
  approved: 'đã duyệt',
  locked: 'đã khóa',
};

export async function changeReportStatus(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  id: number,
  to: ReportStatus,
  reason?: string | null,
): Promise<ReportSummaryView> {
  await requireAccess(auth, 'report.read', [id]);
  const current = await loadReport(db, orgId, id);
  const transition = TRANSITIONS[`${current.status}>${to}`];
  if (!transition) {
    throw new AppError(
      'report.transition_invalid',
      `Không thể chuyển báo cáo từ trạng thái "${STATUS_VI[current.status]}" sang "${STATUS_VI[to]}".`,
      409,
      { from: current.status, to },
    );
  }
  await requireAccess(auth, transition.permission, [id]);
  const why = reason?.trim() || null;
  if (transition.needsReason && !why) {
    throw new AppError('report.reason_required', 'Mở lại báo cáo đã duyệt cần ghi rõ lý do.', 400);
  }
  const updated = await db.transaction().execute(async (trx) => {
    // Freezing waits for figure saves of the year in progress; those that start later see the new status.
    if (HOLDS_FIGURES.includes(to)) await lockYearForFreeze(trx, orgId, current.period_id);
    // Re-read under the row lock: two clicks must not both pass the transition check.
    const locked = await trx
      .selectFrom('reports')
      .select('status')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.status !== current.status) {
      throw new AppError(
        'report.changed',
        'Báo cáo vừa được người khác chuyển trạng thái; hãy tải lại.',
        409,
      );
    }
    // A report back in draft keeps why (re-opened, or sent back by the director): the office reads it there.
    const row = await setReportStatus(trx, orgId, id, to, to === 'draft' ? why : null);
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: `report.status.${to}`,
      entity: 'report',
      entityId: id,
      before: { status: current.status },
      after: { status: to },
      reason: why,
    });
    return row ?? current;
  });
  return summaryOf(updated);
}

export type RenderFormat = 'docx' | 'pdf' | 'html' | 'md';

export interface RenderedReport {
  body: Uint8Array | string;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<RenderFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** The report as the official document (DOCX in the Decree 30/2020 layout), an HTML preview or Markdown. */
export async function renderReport(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  id: number,
  format: RenderFormat,
): Promise<RenderedReport> {
  await requireAccess(auth, 'report.read', [id]);
  const report = await loadReport(db, orgId, id);
  const built = await buildReport(db, { orgId, periodId: report.period_id, status: report.status });
  const options = { symbol: built.symbol };
  const body =
    format === 'docx'
      ? new Uint8Array(await renderDocx(built.document, options))
      : format === 'pdf'
        ? new Uint8Array(await renderPdf(built.document, options))
        : format === 'html'
          ? renderHtml(built.document, options)
          : renderMarkdown(built.document, options);
  return { body, contentType: CONTENT_TYPES[format], fileName: `bao-cao-${report.period_id}.${format}` };
}
