/**
 * Drafts value patterns from the gold annotations: each annotated snippet becomes a folded
 * literal pattern, widened with words to its left until it matches nothing the gold does not
 * hold in any seed. The output is a starting point an admin edits, not a model of the seeds:
 * `node --import tsx src/extract/tools/bootstrap-patterns.ts > catalogue/extraction-patterns.json`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { foldDiacritics } from '../../domain/vietnamese/fold.js';
import { parseViNumber } from '../../domain/vietnamese/number.js';
import { type GoldSeed, loadGoldSeeds } from '../gold.js';
import { defaultOcrConfusions, undoOcrNoise } from '../ocr-noise.js';
import { findBodyParts } from '../plan-part.js';
import { makeSourceText } from '../source-text.js';
import {
  compilePattern,
  findValuePatternMatches,
  type ValuePattern,
  ValuePatternFileSchema,
} from '../value-patterns.js';
import { findValueCandidates } from '../values.js';

const ANNOTATOR_NOTE = /suy ra|không rõ|nêu riêng|nguồn thiếu/;

const GENERAL_PATTERNS = resolve(import.meta.dirname, '../../../catalogue/extraction/general-patterns.json');

const NUMBER = /(?<![\w.,])\d(?:[\d.,]*\d)?(?!\d)/g;
const SCALES: Array<[RegExp, number]> = [
  [/^\s*ty\b/, 1e9],
  [/^\s*trieu\b/, 1e6],
  [/^\s*(nghin|ngan)\b/, 1e3],
  [/^\s*kg\b/, 1e-3],
];

function foldSnippet(text: string): string {
  // A snippet is too short to tell a scanned copy by: its misreadings are always undone.
  return undoOcrNoise(
    foldDiacritics(text.normalize('NFC')).toLowerCase().replace(/\*/g, ' ').replace(/\s+/g, ' ').trim(),
    defaultOcrConfusions(),
    true,
  );
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-9);
}

/** Replaces the chosen number by {n} and other multi-digit numbers by {#}. */
function templateOf(text: string, chosen: { index: number; length: number } | null): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(NUMBER)) {
    out += text.slice(last, m.index);
    if (chosen && m.index === chosen.index) out += '{n}';
    else out += m[0].length >= 2 ? '{#}' : m[0];
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

const DATE = /(?:(?:tinh )?den )?ngay (?:\{#\}|\d)\/\d{1,2}(?:\/\{#\})?(?: la)?(?= |$)/g;

/**
 * A date in a snippet ("lũy kế đến ngày 12/4/2022 là …") binds the pattern to one report: it
 * becomes a gap, so that the next month's "đến ngày 11/5/2022" and a date-less wording match too.
 */
function withoutDates(base: string): string {
  return base.replace(DATE, '{…}');
}

/** The same with any day and month, for a date right before the figure (a gap would stop at the day). */
function anyDate(base: string): string {
  return base.replace(DATE, (date) => date.replace(/\/\d{1,2}/, '/{#}'));
}

interface Draft {
  base: string;
  /** The base to use when `base` does not find the figure in its own report. */
  fallback?: string;
  multiplier: number;
  value?: number;
}

/**
 * The pattern draft of a snippet. When a snippet annotates two figures equal in value ("02 lượt
 * người với 02 vụ việc"), `used` holds the numbers earlier annotations took, so each gets its own.
 */
function draftOf(snippet: string, value: number, used: Set<number>): Draft | null {
  // From the end: in "01 cuộc đối với 01 cá nhân" the words after the last number name what it counts.
  for (const m of [...snippet.matchAll(NUMBER)].reverse()) {
    if (used.has(m.index)) continue;
    const parsed = parseViNumber(m[0]);
    if (parsed === null) continue;
    const after = snippet.slice(m.index + m[0].length);
    let multiplier = 1;
    for (const [re, scale] of SCALES) if (re.test(after)) multiplier = scale;
    if (close(parsed * multiplier, value) || close(parsed, value)) {
      used.add(m.index);
      const exact = templateOf(snippet, { index: m.index, length: m[0].length });
      return {
        base: withoutDates(exact),
        fallback: anyDate(exact),
        multiplier: close(parsed * multiplier, value) ? multiplier : 1,
      };
    }
  }
  if (value === 0) return { base: templateOf(snippet, null), multiplier: 1, value: 0 };
  return null;
}

interface Prepared {
  seed: GoldSeed;
  folded: string;
  limit: number;
  gold: Set<string>;
}

const keyOf = (indicator: string, scope: string, value: number) =>
  `${indicator}|${scope}|${Number(value.toPrecision(10))}`;

function prepare(seed: GoldSeed): Prepared {
  const source = makeSourceText(seed.text);
  const { planStart } = findBodyParts(source);
  return {
    seed,
    folded: undoOcrNoise(source.folded),
    limit: planStart,
    gold: new Set(seed.values.map((v) => keyOf(v.indicator, v.scope, v.value))),
  };
}

function patternOf(
  match: string,
  draft: Draft,
  indicator: string,
  scope: ValuePattern['scope'],
  qualifier: string | null,
): ValuePattern {
  return {
    indicator,
    scope,
    qualifier,
    match,
    regex: false,
    multiplier: draft.multiplier,
    ...(draft.value !== undefined ? { value: draft.value } : {}),
    confidence: 0.95,
    origin: 'seed',
  };
}

/** True when every match of the pattern in every seed is a value that seed's gold holds. */
function isClean(pattern: ValuePattern, seeds: readonly Prepared[]): boolean {
  const compiled = compilePattern(pattern);
  for (const prepared of seeds) {
    for (const found of findValueCandidates(prepared.folded, [compiled], prepared.limit)) {
      if (!prepared.gold.has(keyOf(found.indicator, found.scope, found.value))) return false;
    }
  }
  return true;
}

function findsGold(pattern: ValuePattern, prepared: Prepared, value: number): boolean {
  return findValueCandidates(prepared.folded, [compilePattern(pattern)], prepared.limit).some((f) =>
    close(f.value, value),
  );
}

function contextWords(text: string, end: number, count: number): string {
  const words = text
    .slice(Math.max(0, end - 400), end)
    .trim()
    .split(/\s+/);
  return templateOf(words.slice(-count).join(' '), null);
}

function main(): void {
  // `--without 004` leaves a seed out, to measure how the patterns carry over to an unseen report.
  const without = process.argv.includes('--without')
    ? process.argv[process.argv.indexOf('--without') + 1]
    : null;
  const seeds = loadGoldSeeds(resolve(import.meta.dirname, '../../../fixtures'))
    .filter((seed) => seed.id !== without)
    .map(prepare);
  const patterns = new Map<string, ValuePattern>();
  const problems: string[] = [];
  for (const prepared of seeds) {
    const usedNumbers = new Map<string, Set<number>>();
    for (const gold of prepared.seed.values) {
      const label = `${prepared.seed.id} ${gold.indicator}=${gold.value}`;
      const snippet = foldSnippet(gold.text);
      const used = usedNumbers.get(snippet) ?? new Set<number>();
      usedNumbers.set(snippet, used);
      const draft = draftOf(snippet, gold.value, used);
      if (!draft) {
        problems.push(`${label}: no number in "${gold.text}"`);
        continue;
      }
      // Annotators' explanations ("suy ra từ tỷ lệ…") are notes for the scorer, not words of the report.
      const qualifier = gold.qualifier && !ANNOTATOR_NOTE.test(gold.qualifier) ? gold.qualifier : null;
      const hitsOf = (candidate: ValuePattern) =>
        findValuePatternMatches(prepared.folded, compilePattern(candidate), prepared.limit).filter((f) =>
          close(f.value, gold.value),
        );
      let pattern = patternOf(draft.base, draft, gold.indicator, gold.scope, qualifier);
      let hits = hitsOf(pattern);
      if (hits.length === 0 && draft.fallback && draft.fallback !== draft.base) {
        draft.base = draft.fallback;
        pattern = patternOf(draft.base, draft, gold.indicator, gold.scope, qualifier);
        hits = hitsOf(pattern);
      }
      const first = hits[0];
      if (!first) {
        problems.push(`${label}: snippet not found before the plan part`);
        continue;
      }
      // First try one or two words of the clause before the figure, with a gap: "mức độ 3 … 1.208 trực tiếp"
      // carries over to other reports better than the exact words in between.
      if (!isClean(pattern, seeds)) {
        const left = contextWords(prepared.folded, first.start, 14).split(' ');
        const clause = left.slice(Math.max(0, left.findLastIndex((w) => /[;]$/.test(w)) + 1));
        for (let i = clause.length - 1; i >= 0; i--) {
          const grams = [clause[i]!, `${clause[i - 1] ?? ''} ${clause[i]}`.trim()];
          const found = grams
            .filter((g) => /[a-z]{2}/.test(g))
            .map((g) => patternOf(`${g} {…} ${draft.base}`, draft, gold.indicator, gold.scope, qualifier))
            .find((candidate) => isClean(candidate, seeds) && findsGold(candidate, prepared, gold.value));
          if (found) {
            pattern = found;
            break;
          }
        }
      }
      for (let words = 1; !isClean(pattern, seeds) && words <= 30; words++) {
        pattern = patternOf(
          `${contextWords(prepared.folded, first.start, words)} ${draft.base}`,
          draft,
          gold.indicator,
          gold.scope,
          qualifier,
        );
      }
      if (!isClean(pattern, seeds)) problems.push(`${label}: still ambiguous as "${pattern.match}"`);
      patterns.set(`${pattern.indicator}|${pattern.scope}|${pattern.qualifier}|${pattern.match}`, pattern);
    }
  }
  for (const problem of problems) console.error(problem);
  // The hand-written general patterns follow the drafted ones: they catch wordings no seed shows.
  const general = ValuePatternFileSchema.parse(JSON.parse(readFileSync(GENERAL_PATTERNS, 'utf8'))).patterns;
  process.stdout.write(
    `${JSON.stringify({ version: 1, patterns: [...patterns.values(), ...general] }, null, 1)}\n`,
  );
}

main();
