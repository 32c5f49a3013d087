/**
 * Scores extraction against the hand-made gold annotations (fixtures/gold): metadata fields,
 * section headings, values (indicator + scope + number) and citations (type + number + symbol + date).
 * Prints precision/recall/F1 per seed and overall; exits 1 when below the acceptance thresholds.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Period, periodId } from '../src/domain/period.js';
import { walkSections } from '../src/domain/report-document.js';
import { foldForSearch } from '../src/domain/vietnamese/fold.js';
import { citationKey } from '../src/extract/citations.js';
import { extractFromText } from '../src/extract/extract-report.js';
import { type GoldSeed, loadGoldSeeds } from '../src/extract/gold.js';
import { loadValuePatterns } from '../src/extract/value-patterns.js';

const AGENCY = 'Sở Thông tin và Truyền thông tỉnh Trà Vinh';

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

const add = (a: Score, b: Score): Score => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });
const f1Of = (s: Score) => {
  const p = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
  const r = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
};

/** Multiset comparison of keys. */
function compare(expected: string[], actual: string[]): Score & { missing: string[]; extra: string[] } {
  const pool = new Map<string, number>();
  for (const key of expected) pool.set(key, (pool.get(key) ?? 0) + 1);
  const extra: string[] = [];
  let tp = 0;
  for (const key of actual) {
    const n = pool.get(key) ?? 0;
    if (n > 0) {
      pool.set(key, n - 1);
      tp++;
    } else extra.push(key);
  }
  const missing = [...pool].flatMap(([key, n]) => Array<string>(n).fill(key));
  return { tp, fp: extra.length, fn: missing.length, missing, extra };
}

function goldPeriodId(period: GoldSeed['meta']['period'] | null, kind: string): string | null {
  if (!period) return null;
  if (period.month !== undefined) return periodId({ kind: 'month', year: period.year, index: period.month });
  const [first, last] = period.months ?? [1, 12];
  let p: Period;
  if (kind === 'nine_months' || (first === 1 && last === 9))
    p = { kind: 'nine_months', year: period.year, index: 0 };
  else if (last - first === 2) p = { kind: 'quarter', year: period.year, index: last / 3 };
  else if (last - first === 5) p = { kind: 'half_year', year: period.year, index: last / 6 };
  else p = { kind: 'year', year: period.year, index: 0 };
  return periodId(p);
}

const valueKey = (indicator: string, scope: string, value: number) =>
  `${indicator}|${scope}|${Number(value.toPrecision(10))}`;
const headingKey = (level: number, number: string | null, title: string) =>
  `${level}|${number ?? '-'}|${foldForSearch(title)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()}`;

interface SeedReport {
  id: string;
  meta: Record<string, boolean>;
  sections: Score;
  values: Score;
  citations: Score;
  details: string[];
}

const patternsArgument = process.argv.indexOf('--patterns');
const patterns =
  patternsArgument > 0
    ? loadValuePatterns(JSON.parse(readFileSync(process.argv[patternsArgument + 1]!, 'utf8')))
    : undefined;

function evaluate(seed: GoldSeed): SeedReport {
  const result = extractFromText(seed.file, seed.text, { agency: AGENCY, ...(patterns ? { patterns } : {}) });
  const meta = result.document.meta;
  const gold = seed.meta;
  const planKind = gold.plan_period?.month !== undefined ? 'month' : 'other';
  const goldPlan = gold.plan_period
    ? planKind === 'month'
      ? goldPeriodId(gold.plan_period, 'monthly')
      : goldPeriodId(gold.plan_period, gold.report_kind === 'nine_months' ? 'quarter' : gold.report_kind)
    : null;
  const signerOk =
    JSON.stringify(gold.signer) ===
    JSON.stringify(
      meta.signer
        ? { name: meta.signer.name, position: meta.signer.position, on_behalf: meta.signer.onBehalf }
        : null,
    );
  const metaChecks: Record<string, boolean> = {
    kind: meta.kind === gold.report_kind,
    period: meta.periodId === goldPeriodId(gold.period, gold.report_kind),
    plan_period: meta.planPeriodId === goldPlan,
    number: meta.number === gold.number,
    issued_date: meta.issuedDate === gold.issued_date,
    place: meta.place === gold.place,
    title: (meta.title ?? null) === gold.title,
    signer: signerOk,
    recipients: JSON.stringify(meta.recipients) === JSON.stringify(gold.recipients),
  };
  const sections = compare(
    seed.sections.map((s) => headingKey(s.level, s.number, s.title)),
    [...walkSections(result.document.sections)].map((s) => headingKey(s.level, s.number, s.title)),
  );
  const values = compare(
    seed.values.map((v) => valueKey(v.indicator, v.scope, v.value)),
    result.document.values.map((v) => valueKey(v.indicator, v.scope, v.value)),
  );
  const citations = compare(
    seed.citations.map((c) => `${citationKey(c)}|${c.date}`),
    result.document.citations.map((c) => `${citationKey(c)}|${c.date}`),
  );
  const details = [
    ...Object.entries(metaChecks)
      .filter(([, ok]) => !ok)
      .map(([field]) => `meta ${field} wrong`),
    ...values.missing.map((k) => `value missing ${k}`),
    ...values.extra.map((k) => `value extra ${k}`),
    ...citations.missing.map((k) => `citation missing ${k}`),
    ...citations.extra.map((k) => `citation extra ${k}`),
    ...sections.missing.map((k) => `section missing ${k}`),
    ...sections.extra.map((k) => `section extra ${k}`),
  ];
  return { id: seed.id, meta: metaChecks, sections, values, citations, details };
}

const fmt = (s: Score) => {
  const { p, r, f1 } = f1Of(s);
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1.toFixed(3)}`;
};

function main(): number {
  const verbose = process.argv.includes('--verbose');
  const seeds = loadGoldSeeds(resolve(import.meta.dirname, '../fixtures'));
  const reports = seeds.map(evaluate);
  let total = {
    values: { tp: 0, fp: 0, fn: 0 },
    citations: { tp: 0, fp: 0, fn: 0 },
    sections: { tp: 0, fp: 0, fn: 0 },
  };
  const failures: string[] = [];
  console.log(
    'seed  values                       citations                    sections                     metadata',
  );
  for (const report of reports) {
    total = {
      values: add(total.values, report.values),
      citations: add(total.citations, report.citations),
      sections: add(total.sections, report.sections),
    };
    const metaOk = Object.values(report.meta).filter(Boolean).length;
    console.log(
      `${report.id}   ${fmt(report.values)}  ${fmt(report.citations)}  ${fmt(report.sections)}  ${metaOk}/${Object.keys(report.meta).length}`,
    );
    if (verbose) for (const line of report.details) console.log(`      ${line}`);
    const required = ['001', '003', '004'].includes(report.id)
      ? ['kind', 'period', 'number', 'issued_date', 'signer']
      : ['kind', 'period'];
    for (const field of required) if (!report.meta[field]) failures.push(`${report.id}: ${field} wrong`);
    if (report.id === '002' && f1Of(report.values).f1 < 0.9) failures.push('002: values F1 < 0.90');
  }
  console.log(`all   ${fmt(total.values)}  ${fmt(total.citations)}  ${fmt(total.sections)}`);
  if (f1Of(total.values).f1 < 0.95) failures.push('overall values F1 < 0.95');
  if (f1Of(total.citations).f1 < 0.95) failures.push('overall citations F1 < 0.95');
  for (const failure of failures) console.log(`FAIL ${failure}`);
  if (failures.length === 0) console.log('PASS: acceptance thresholds hold');
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = main();
