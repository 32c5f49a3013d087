import { getIndicators } from '../db/indicator.repository.js';
import { getOrganisation } from '../db/organisation.repository.js';
import { getReportContent, listReports, type StoredReportSection } from '../db/report.repository.js';
import type { ReportRow, ReportStatus } from '../db/schema.js';
import { getReportTemplate, getSentenceTemplates } from '../db/template.repository.js';
import type { Queryable } from '../db/types.js';
import { getValues, toAggregationValue } from '../db/value.repository.js';
import { aggregateToPeriod } from '../domain/aggregation.js';
import { defaultCatalogue, defaultReportTemplate } from '../domain/default-catalogue.js';
import { AppError } from '../domain/errors.js';
import { Catalogue } from '../domain/indicator.js';
import {
  type Period,
  parsePeriod,
  periodId,
  periodIdsInside,
  periodLabelVi,
  planPeriodOf,
  reportKindOf,
  samePeriodLastYear,
} from '../domain/period.js';
import type { ReportDocument, ReportItem, ReportSection, ReportValue } from '../domain/report-document.js';
import {
  fillTemplate,
  flattenTemplate,
  numberSections,
  periodTemplateValues,
  type ReportTemplate,
  ReportTemplateSchema,
  subtitleFor,
  type TemplateSection,
} from '../domain/report-template.js';
import type { Finding } from '../domain/validation.js';
import { comparisonPeriodOf, periodWords } from './period-words.js';
import { combineQualifiers } from './qualifiers.js';
import {
  defaultSentenceTemplates,
  type FigureSet,
  figureKey,
  mergeSentenceTemplates,
  type SentenceContext,
  type SentenceTemplate,
  writeSentence,
} from './sentences.js';

export interface BuildReportOptions {
  orgId: string;
  periodId: string;
  /**
   * The status to write the document for; default: the stored report's, else draft. Draft and
   * submitted documents mark missing figures visibly; approved and locked ones leave those sentences out.
   */
  status?: ReportStatus;
  /** The stored report to take metadata and narrative from; default: the period's generated report, else its first. */
  reportId?: number;
}

export interface BuiltReport {
  document: ReportDocument;
  /** Missing figures (rule `figure.missing`), one per figure a sentence needed. */
  findings: Finding[];
  draft: boolean;
  /** The stored report row the metadata and narrative came from, or null. */
  reportId: number | null;
  /** The organisation's document symbol ("STTTT"), for the "Số: …/BC-STTTT" line of an unnumbered draft. */
  symbol: string | null;
}

/** Loads, aggregates and writes; see buildReport. */
export async function buildReportDocument(
  db: Queryable,
  options: BuildReportOptions,
): Promise<ReportDocument> {
  return (await buildReport(db, options)).document;
}

/**
 * The report document of an organisation for a period: metadata from the stored report row (or the
 * organisation and the template's wording), the template's sections with their stored narrative
 * items and figure sentences from the aggregated values, then assessment, plan, recipients and signer.
 */
export async function buildReport(db: Queryable, options: BuildReportOptions): Promise<BuiltReport> {
  const organisation = await getOrganisation(db, options.orgId);
  if (!organisation) {
    throw new AppError('organisation.unknown', `Không tìm thấy tổ chức "${options.orgId}".`, 404, {
      orgId: options.orgId,
    });
  }
  const period = parsePeriod(options.periodId);
  const id = periodId(period);
  const [indicators, storedTemplate, overrides, reports] = await Promise.all([
    getIndicators(db, options.orgId),
    getReportTemplate(db, options.orgId, 'default'),
    getSentenceTemplates(db, options.orgId),
    listReports(db, options.orgId, { periodId: id }),
  ]);
  const catalogue = indicators.length > 0 ? new Catalogue(indicators) : defaultCatalogue();
  const template =
    storedTemplate === undefined ? defaultReportTemplate() : ReportTemplateSchema.parse(storedTemplate);
  const report =
    options.reportId === undefined
      ? (reports.find((r) => r.origin === 'generated') ?? reports[0] ?? null)
      : reports.find((r) => r.id === options.reportId);
  if (report === undefined) {
    throw new AppError(
      'report.unknown',
      `Không tìm thấy báo cáo số ${options.reportId} của ${periodLabelVi(period)}.`,
      404,
      {
        reportId: options.reportId,
      },
    );
  }
  const content = report ? await getReportContent(db, options.orgId, report.id) : [];

  const [current, previous, lastYear] = await Promise.all([
    loadFigures(db, options.orgId, catalogue, period),
    loadFigures(db, options.orgId, catalogue, comparisonPeriodOf(period)),
    loadFigures(db, options.orgId, catalogue, samePeriodLastYear(period)),
  ]);
  if (current.figures.size === 0 && !hasItems(content)) {
    throw new AppError(
      'report.no_data',
      `Chưa có số liệu hoặc nội dung nào cho ${periodLabelVi(period)}: không thể lập báo cáo.`,
      404,
      { orgId: options.orgId, periodId: id },
    );
  }

  const status = options.status ?? report?.status ?? 'draft';
  const draft = status === 'draft' || status === 'submitted';
  const context: SentenceContext = {
    catalogue,
    current: current.figures,
    previous: previous.figures,
    lastYear: lastYear.figures,
    qualifiers: current.qualifiers,
    words: periodWords(period),
    draft,
  };
  const sentences = mergeSentenceTemplates(defaultSentenceTemplates(), overrides);
  const written = writeSections(template, period, sentences, context, content);
  return {
    document: {
      meta: metaOf(organisation, report, template, period),
      intro: report?.intro ?? fillTemplate(template.document.intro, periodTemplateValues(period)),
      sections: written.sections,
      closing: report?.closing ?? fillTemplate(template.document.closing, periodTemplateValues(period)),
      values: written.values,
      citations: [],
    },
    findings: written.findings,
    draft,
    reportId: report?.id ?? null,
    symbol: organisation.symbol,
  };
}

interface PeriodFigures {
  figures: FigureSet;
  /** By figureKey(): the qualifier of the stored values a figure was made of ("hơn", "ước"). */
  qualifiers: Map<string, string>;
}

/** Aggregated figures of a period (the organisation as a whole, without breakdown labels). */
async function loadFigures(
  db: Queryable,
  orgId: string,
  catalogue: Catalogue,
  period: Period,
): Promise<PeriodFigures> {
  const id = periodId(period);
  const stored = await getValues(db, { orgId, periodIds: periodIdsInside(period) });
  const aggregated = aggregateToPeriod(catalogue, period, stored.map(toAggregationValue));
  const figures = new Map<string, number>();
  const qualifiers = new Map<string, string>();
  for (const a of aggregated) {
    if (a.value === null || (a.breakdown ?? '') !== '') continue;
    figures.set(figureKey(a.indicator, a.scope), a.value);
    if (a.method === 'ratio') continue;
    // The stored values the figure was made of: the period's own, the month a stock stands at, or the summed months.
    const parts = stored.filter(
      (v) =>
        v.indicatorCode === a.indicator &&
        v.scope === a.scope &&
        v.breakdown === '' &&
        (a.method === 'stored'
          ? v.periodId === id
          : a.method === 'last'
            ? v.periodId === a.asOfPeriodId
            : v.periodId !== id),
    );
    const qualifier = combineQualifiers(parts.map((v) => v.qualifier));
    if (qualifier) qualifiers.set(figureKey(a.indicator, a.scope), qualifier);
  }
  return { figures, qualifiers };
}

function hasItems(sections: readonly StoredReportSection[]): boolean {
  return sections.some((s) => s.items.length > 0 || hasItems(s.children));
}

function metaOf(
  organisation: { name: string; parent_authority: string | null; place: string | null },
  report: ReportRow | null,
  template: ReportTemplate,
  period: Period,
): ReportDocument['meta'] {
  const kind = reportKindOf(period);
  const signer = template.document.signer;
  return {
    parentAuthority: report?.parent_authority ?? organisation.parent_authority,
    agency: report?.agency ?? organisation.name,
    kind,
    periodId: periodId(period),
    planPeriodId: report?.plan_period_id ?? periodId(planPeriodOf(period)),
    number: report?.number ?? null,
    issuedDate: report?.issued_date ?? null,
    place: report?.place ?? organisation.place,
    title: report?.title ?? fillTemplate(subtitleFor(template, kind), periodTemplateValues(period)),
    signer: report?.signer_name
      ? {
          name: report.signer_name,
          position: report.signer_position ?? signer.position,
          onBehalf: report.signer_on_behalf,
        }
      : { name: signer.name, position: signer.position, onBehalf: signer.onBehalf },
    recipients: report && report.recipients.length > 0 ? report.recipients : template.document.recipients,
  };
}

interface WrittenSections {
  sections: ReportSection[];
  values: ReportValue[];
  findings: Finding[];
}

function storedByKey(sections: readonly StoredReportSection[]): Map<string, StoredReportSection> {
  const byKey = new Map<string, StoredReportSection>();
  const visit = (list: readonly StoredReportSection[]) => {
    for (const s of list) {
      if (s.key && !byKey.has(s.key)) byKey.set(s.key, s);
      visit(s.children);
    }
  };
  visit(sections);
  return byKey;
}

function toItem(item: ReportItem): ReportItem {
  return { kind: item.kind, style: item.style, text: item.text };
}

function writeSections(
  template: ReportTemplate,
  period: Period,
  sentences: readonly SentenceTemplate[],
  context: SentenceContext,
  content: readonly StoredReportSection[],
): WrittenSections {
  const fill = (text: string) => fillTemplate(text, periodTemplateValues(period));
  const stored = storedByKey(content);
  const values: ReportValue[] = [];
  const findings: Finding[] = [];
  const itemsByKey = new Map<string, ReportItem[]>();
  // Items a unit marked as next period's plan in its own section belong to the plan part of the report.
  const planPart = flattenTemplate(template).find((s) => s.kind === 'plan' && s.level === 1);
  const plannedElsewhere: ReportItem[] = [];

  const collect = (section: TemplateSection) => {
    const items: ReportItem[] = [];
    if (section.kind === 'plan' && section.level === 1) {
      items.push({ kind: 'plan', style: 'paragraph', text: fill(template.document.planIntro) });
    }
    let storedItems = (stored.get(section.key)?.items ?? []).map(toItem);
    if (planPart && section.kind !== 'plan') {
      plannedElsewhere.push(...storedItems.filter((i) => i.kind === 'plan'));
      storedItems = storedItems.filter((i) => i.kind !== 'plan');
    }
    const narrative = storedItems.map((i) => i.text).join('\n');
    for (const sentence of sentences.filter((s) => s.section === section.key)) {
      const result = writeSentence(sentence, context);
      for (const m of result.missing) {
        findings.push({
          rule: 'figure.missing',
          severity: 'warning',
          indicators: [m.indicator],
          numbers: {},
          message: `Thiếu số liệu "${m.name}" (${m.indicator}) cho câu "${m.templateKey}" ở mục "${fill(section.title)}".`,
          messageEn: `Missing figure "${context.catalogue.get(m.indicator)?.nameEn ?? m.name}" (${m.indicator}) for sentence "${m.templateKey}" in section "${section.titleEn ?? fill(section.title)}".`,
        });
      }
      if (result.text === null) continue;
      values.push(...result.values);
      // An imported report's own sentences already state these figures: do not state them twice.
      if (result.missing.length === 0 && result.values.every((v) => statesFigure(narrative, v.text)))
        continue;
      items.push({ kind: section.kind === 'plan' ? 'plan' : 'result', style: 'bullet', text: result.text });
    }
    items.push(...storedItems);
    itemsByKey.set(section.key, items);
    for (const child of section.children) collect(child);
  };
  for (const section of template.sections) collect(section);
  if (planPart) itemsByKey.get(planPart.key)?.push(...plannedElsewhere);

  const present = new Set<string>();
  const mark = (section: TemplateSection): boolean => {
    const childPresent = section.children.map(mark).some(Boolean);
    const has =
      childPresent ||
      (itemsByKey.get(section.key)?.length ?? 0) > 0 ||
      (!section.optional && section.kind !== 'general');
    if (has) present.add(section.key);
    return has;
  };
  for (const section of template.sections) mark(section);
  const numbers = numberSections(template, present);

  const toSection = (section: TemplateSection): ReportSection => ({
    key: section.key,
    level: section.level,
    number: numbers.get(section.key) ?? null,
    title: fill(section.title),
    items: itemsByKey.get(section.key) ?? [],
    children: section.children.filter((c) => present.has(c.key)).map(toSection),
  });
  const sections = template.sections.filter((s) => present.has(s.key)).map(toSection);
  // Stored sections the template does not know (an imported report's own headings) keep their place at the end.
  const known = new Set(flattenTemplate(template).map((t) => t.key));
  for (const s of content) {
    if ((s.key === null || !known.has(s.key)) && hasItems([s])) sections.push(plainSection(s));
  }
  return { sections, values, findings };
}

/**
 * Whether a text states a figure: as written ("2.392", not inside "12.392" or "2.392,5"), or as old
 * reports often write it, without the thousands dots ("1143") or the leading zero ("4" for "04").
 */
function statesFigure(text: string, figure: string): boolean {
  if (text === '' || figure === '') return false;
  const forms = new Set([
    figure,
    figure.replace(/\.(?=\d{3}(?:\D|$))/g, ''),
    figure.replace(/^0(?=\d$)/, ''),
  ]);
  return [...forms].some((form) => {
    const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\d.,])${escaped}(?![\\d]|[.,]\\d)`).test(text);
  });
}

function plainSection(section: StoredReportSection): ReportSection {
  return {
    key: section.key,
    level: section.level,
    number: section.number,
    title: section.title,
    items: section.items.map(toItem),
    children: section.children.map(plainSection),
  };
}
