import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../db/audit.repository.js';
import { getIndicators } from '../db/indicator.repository.js';
import { lockOrganisation } from '../db/organisation.repository.js';
import type { Database } from '../db/schema.js';
import {
  deleteSentenceTemplate,
  getReportTemplate,
  getSentenceTemplates,
  saveReportTemplate,
  saveSentenceTemplate,
} from '../db/template.repository.js';
import type { Queryable } from '../db/types.js';
import { listUnits } from '../db/unit.repository.js';
import { defaultReportTemplate } from '../domain/default-catalogue.js';
import { AppError } from '../domain/errors.js';
import { flattenTemplate, type ReportTemplate, ReportTemplateSchema } from '../domain/report-template.js';
import { defaultSentenceTemplates, sectionOfKey, sentenceTemplateProblem } from '../render/sentences.js';
import { type Auth, requireAccess } from './access.js';

/**
 * The report layout and figure sentences an administrator edits: section titles and numbers, the
 * indicators stated in each, which sections are optional, their order, the document's wording (title,
 * opening and closing sentences, recipients, signer) and the sentences figures are written in. The
 * organisation's copy replaces the shipped default.
 */
const TEMPLATE_ID = 'default';

async function storedTemplate(db: Queryable, orgId: string): Promise<ReportTemplate | null> {
  const stored = await getReportTemplate(db, orgId, TEMPLATE_ID);
  return stored === undefined ? null : ReportTemplateSchema.parse(stored);
}

/**
 * The layout with its revision: a save that names the revision it started from is refused when someone
 * saved another layout meanwhile, instead of silently undoing their work.
 */
export type EditableTemplate = ReportTemplate & { revision: string };

function revisionOf(layout: ReportTemplate | string | null): string {
  return createHash('sha256').update(JSON.stringify(layout)).digest('hex').slice(0, 16);
}

function editable(layout: ReportTemplate): EditableTemplate {
  return { ...layout, revision: revisionOf(layout) };
}

export async function getEditableTemplate(
  db: Queryable,
  auth: Auth,
  orgId: string,
): Promise<EditableTemplate> {
  await requireAccess(auth, 'org.admin', [orgId]);
  return editable((await storedTemplate(db, orgId)) ?? defaultReportTemplate());
}

/** "sections.2.children.0.title" → "mục thứ 3 › mục con thứ 1 › tiêu đề", for messages a clerk can follow. */
function describePath(path: readonly PropertyKey[]): string {
  const words: Record<string, string> = {
    sections: 'mục',
    children: 'mục con',
    title: 'tiêu đề',
    number: 'số thứ tự',
    key: 'khóa',
    level: 'cấp',
    kind: 'loại mục',
    indicators: 'chỉ tiêu',
    document: 'phần văn bản',
    subtitle: 'trích yếu',
    intro: 'câu mở đầu',
    planIntro: 'câu mở đầu phần kế hoạch',
    closing: 'câu kết',
    recipients: 'nơi nhận',
    signer: 'người ký',
    name: 'tên',
    position: 'chức vụ',
  };
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const step = String(path[i]);
    const next = path[i + 1];
    if (typeof next === 'number' && (step === 'sections' || step === 'children')) {
      out.push(`${words[step]} thứ ${next + 1}`);
      i++;
    } else out.push(words[step] ?? step);
  }
  return out.join(' › ');
}

function invalidTemplate(error: z.ZodError): AppError {
  const issue = error.issues[0]!;
  const where = describePath(issue.path);
  const message =
    issue.code === 'custom'
      ? issue.message
      : issue.code === 'too_small' && issue.origin === 'string'
        ? `${where} không được để trống`
        : `${where}: giá trị không hợp lệ (${issue.message})`;
  return new AppError('template.invalid', `Bố cục báo cáo không hợp lệ: ${message}.`, 400, {
    path: issue.path.map(String),
  });
}

/**
 * One top-level section at most is the plan part: drafts print the plan items of every other section in the
 * first one, so a second would stay empty under its own heading.
 */
function checkPlanPart(template: ReportTemplate): void {
  const plans = template.sections.filter((section) => section.kind === 'plan');
  if (plans.length <= 1) return;
  throw new AppError(
    'template.plan_parts',
    `Bố cục có ${plans.length} mục cấp I loại Kế hoạch (${plans.map((s) => `"${s.title}"`).join(', ')}); chỉ một mục là phần kế hoạch kỳ tới, hãy đổi loại các mục kia.`,
    400,
    { sections: plans.map((s) => s.key) },
  );
}

/** Every indicator a section states must be in the organisation's catalogue. */
async function checkIndicators(db: Queryable, orgId: string, template: ReportTemplate): Promise<void> {
  const sections = flattenTemplate(template);
  const codes = [...new Set(sections.flatMap((s) => s.indicators))];
  if (codes.length === 0) return;
  const known = new Set((await getIndicators(db, orgId, { codes })).map((i) => i.code));
  for (const section of sections) {
    const unknown = section.indicators.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      throw new AppError(
        'template.indicator_unknown',
        `Mục "${section.title}": chỉ tiêu ${unknown.join(', ')} không có trong danh mục của tổ chức.`,
        400,
        { section: section.key, unknown },
      );
    }
  }
}

/** A section that units write or indicators belong to cannot be removed from the layout. */
async function checkRemovedSections(
  db: Queryable,
  orgId: string,
  before: ReportTemplate,
  after: ReportTemplate,
): Promise<void> {
  const kept = new Set(flattenTemplate(after).map((s) => s.key));
  const removed = flattenTemplate(before).filter((s) => !kept.has(s.key));
  if (removed.length === 0) return;
  const units = await listUnits(db, orgId);
  const indicators = await getIndicators(db, orgId, { activeOnly: false });
  for (const section of removed) {
    const writers = units.filter((u) => u.sections.includes(section.key)).map((u) => u.name);
    const stated = indicators.filter((i) => i.section === section.key).map((i) => i.code);
    if (writers.length === 0 && stated.length === 0) continue;
    const reasons = [
      ...(writers.length > 0 ? [`được giao cho ${writers.join(', ')}`] : []),
      ...(stated.length > 0 ? [`có chỉ tiêu ${stated.join(', ')} trong danh mục`] : []),
    ];
    throw new AppError(
      'template.section_in_use',
      `Không xóa được mục "${section.title}": mục này ${reasons.join(' và ')}. Hãy chuyển đi trước khi xóa.`,
      409,
      { section: section.key },
    );
  }
}

/**
 * A renamed section keeps its former title among its aliases: the department's old reports use it, and the
 * importer recognises their headings by the layout's titles and aliases.
 */
function keepFormerTitles(before: ReportTemplate, after: ReportTemplate): void {
  const formerTitle = new Map(flattenTemplate(before).map((s) => [s.key, s.title]));
  const visit = (sections: ReportTemplate['sections']) => {
    for (const section of sections) {
      const former = formerTitle.get(section.key);
      if (former && former !== section.title && !section.aliases.includes(former))
        section.aliases.push(former);
      visit(section.children);
    }
  };
  visit(after.sections);
}

/**
 * Saves the organisation's layout in one transaction with its audit entry (the previous layout as "before").
 * With the `revision` it was read at, a layout someone else saved meanwhile is not overwritten (409).
 */
export async function saveTemplate(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  input: unknown,
): Promise<EditableTemplate> {
  await requireAccess(auth, 'org.admin', [orgId]);
  const startedFrom =
    typeof input === 'object' && input !== null && 'revision' in input
      ? (input as { revision: unknown }).revision
      : undefined;
  const parsed = ReportTemplateSchema.safeParse(input);
  if (!parsed.success) throw invalidTemplate(parsed.error);
  const template = parsed.data;
  return db.transaction().execute(async (trx) => {
    // Layout saves of one organisation run one after the other: each audit "before" is what it replaced.
    await lockOrganisation(trx, orgId);
    const stored = await storedTemplate(trx, orgId);
    const before = stored ?? defaultReportTemplate();
    if (typeof startedFrom === 'string' && startedFrom !== revisionOf(before)) {
      throw new AppError(
        'template.changed',
        'Bố cục báo cáo đã được người khác lưu trong lúc bạn sửa. Hãy tải lại trang để xem bản mới rồi sửa lại.',
        409,
      );
    }
    checkPlanPart(template);
    await checkIndicators(trx, orgId, template);
    await checkRemovedSections(trx, orgId, before, template);
    keepFormerTitles(before, template);
    await saveReportTemplate(trx, { orgId, id: TEMPLATE_ID, name: template.name, template });
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'template.update',
      entity: 'report_template',
      entityId: TEMPLATE_ID,
      before: stored,
      after: template,
    });
    return editable(template);
  });
}

/** A figure sentence as the organisation's reports write it, beside the shipped wording it may replace. */
export interface SentenceView {
  /** "<section key>.<name>". */
  key: string;
  section: string;
  /** What reports write; "" = the sentence is switched off. */
  text: string;
  /** The shipped wording; null for a sentence the organisation added. */
  shipped: string | null;
  /**
   * The organisation's wording as read: a save or reset naming it is refused when someone changed the
   * sentence meanwhile (409 sentence.changed), instead of silently undoing their work.
   */
  revision: string;
}

/** The revision of a sentence from the organisation's wording of it (undefined: the shipped one). */
function sentenceRevision(own: string | undefined): string {
  return revisionOf(own ?? null);
}

function refuseChangedSentence(key: string, own: string | undefined, startedFrom: string | undefined): void {
  if (startedFrom !== undefined && startedFrom !== sentenceRevision(own)) {
    throw new AppError(
      'sentence.changed',
      `Câu ${key} đã được người khác sửa trong lúc bạn sửa. Hãy tải lại trang để xem câu mới rồi sửa lại.`,
      409,
      { key },
    );
  }
}

export async function listSentences(db: Queryable, auth: Auth, orgId: string): Promise<SentenceView[]> {
  await requireAccess(auth, 'org.admin', [orgId]);
  const overrides = await getSentenceTemplates(db, orgId);
  const shipped = defaultSentenceTemplates();
  const known = new Set(shipped.map((t) => t.key));
  return [
    ...shipped.map((t) => ({
      key: t.key,
      section: t.section,
      text: overrides.get(t.key) ?? t.text,
      shipped: t.text,
      revision: sentenceRevision(overrides.get(t.key)),
    })),
    ...[...overrides]
      .filter(([key]) => !known.has(key))
      .map(([key, text]) => ({
        key,
        section: sectionOfKey(key),
        text,
        shipped: null,
        revision: sentenceRevision(text),
      })),
  ];
}

const SENTENCE_KEY = /^[a-z0-9_]+\.[a-z0-9_]+$/;

/**
 * Saves the organisation's wording of a sentence (a new key adds a sentence to its section; "" switches a
 * sentence off) after checking that it names only known words and catalogue indicators; audited. With the
 * `revision` it was read at, a sentence someone else changed meanwhile is not overwritten (409).
 */
export async function saveSentence(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  key: string,
  text: string,
  revision?: string,
): Promise<SentenceView> {
  await requireAccess(auth, 'org.admin', [orgId]);
  if (!SENTENCE_KEY.test(key)) {
    throw new AppError(
      'sentence.key',
      `Khóa câu "${key}" không hợp lệ: viết <khóa mục>.<tên>, chữ thường không dấu (ví dụ: attt.su_co).`,
      400,
    );
  }
  return db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, orgId);
    const section = sectionOfKey(key);
    const layout = (await storedTemplate(trx, orgId)) ?? defaultReportTemplate();
    if (!flattenTemplate(layout).some((s) => s.key === section)) {
      throw new AppError(
        'sentence.section_unknown',
        `Mục "${section}" của câu ${key} không có trong bố cục báo cáo.`,
        400,
      );
    }
    const codes = new Set((await getIndicators(trx, orgId)).map((i) => i.code));
    const problem = sentenceTemplateProblem(text, (code) => codes.has(code));
    if (problem) throw new AppError('sentence.invalid', `Câu ${key}: ${problem}`, 400, { key });
    const before = (await getSentenceTemplates(trx, orgId)).get(key);
    refuseChangedSentence(key, before, revision);
    await saveSentenceTemplate(trx, orgId, key, text);
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'sentence.update',
      entity: 'sentence_template',
      entityId: key,
      before: before === undefined ? null : { text: before },
      after: { text },
    });
    const shipped = defaultSentenceTemplates().find((t) => t.key === key)?.text ?? null;
    return { key, section, text, shipped, revision: sentenceRevision(text) };
  });
}

/**
 * Goes back to the shipped wording (or drops a sentence the organisation added); audited. With the
 * `revision` it was read at, a sentence someone else changed meanwhile is kept (409).
 */
export async function resetSentence(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  key: string,
  revision?: string,
): Promise<void> {
  await requireAccess(auth, 'org.admin', [orgId]);
  await db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, orgId);
    const before = (await getSentenceTemplates(trx, orgId)).get(key);
    if (before !== undefined) refuseChangedSentence(key, before, revision);
    if (before === undefined || !(await deleteSentenceTemplate(trx, orgId, key))) {
      throw new AppError('sentence.unknown', `Câu ${key} chưa được tổ chức viết lại.`, 404, { key });
    }
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'sentence.reset',
      entity: 'sentence_template',
      entityId: key,
      before: { text: before },
    });
  });
}
