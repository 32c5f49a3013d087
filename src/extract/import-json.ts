import { walkSections } from '../domain/report-document.js';
import type { ExtractionResult } from './extract-report.js';

/** One line of `baocao import --json`: the shape other systems read. */
export interface ImportJson {
  file: string;
  ok: boolean;
  error: string | null;
  meta: {
    kind: string;
    period: string;
    plan_period: string | null;
    number: string | null;
    issued_date: string | null;
    place: string | null;
    agency: string;
    title: string | null;
    signer: { name: string; position: string; on_behalf: string | null } | null;
    recipients: string[];
  } | null;
  sections: Array<{ level: number; number: string | null; title: string }>;
  items: Array<{ section: string | null; kind: 'result' | 'plan'; text: string }>;
  values: Array<{
    indicator: string;
    value: number;
    scope: string;
    qualifier: string | null;
    text: string;
    start: number | null;
    end: number | null;
    confidence: number;
  }>;
  citations: Array<{
    type: string;
    number: string;
    symbol: string;
    date: string | null;
    issuer: string | null;
    text: string;
  }>;
  findings: unknown[];
  warnings?: string[];
}

/** The `--json` object for an extracted file; `findings` come from validation when the caller ran it. */
export function toImportJson(result: ExtractionResult, findings: unknown[] = []): ImportJson {
  const { document } = result;
  const meta = document.meta;
  const sections = [...walkSections(document.sections)];
  return {
    file: result.file,
    ok: true,
    error: null,
    meta: {
      kind: meta.kind,
      period: meta.periodId,
      plan_period: meta.planPeriodId,
      number: meta.number,
      issued_date: meta.issuedDate,
      place: meta.place,
      agency: meta.agency,
      title: meta.title,
      signer: meta.signer
        ? { name: meta.signer.name, position: meta.signer.position, on_behalf: meta.signer.onBehalf }
        : null,
      recipients: meta.recipients,
    },
    sections: sections.map((s) => ({ level: s.level, number: s.number, title: s.title })),
    items: sections.flatMap((s) =>
      s.items.map((item) => ({ section: s.number ?? s.title, kind: item.kind, text: item.text })),
    ),
    values: document.values.map((v) => ({
      indicator: v.indicator,
      value: v.value,
      scope: v.scope,
      qualifier: v.qualifier,
      text: v.text,
      start: v.start ?? null,
      end: v.end ?? null,
      confidence: v.confidence,
    })),
    citations: document.citations.map((c) => ({
      type: c.type,
      number: c.number,
      symbol: c.symbol,
      date: c.date,
      issuer: c.issuer,
      text: c.text,
    })),
    findings,
    warnings: result.warnings.map((w) => w.message),
  };
}

/** The `--json` object for a file that could not be read. */
export function failedImportJson(file: string, error: string): ImportJson {
  return {
    file,
    ok: false,
    error,
    meta: null,
    sections: [],
    items: [],
    values: [],
    citations: [],
    findings: [],
  };
}
