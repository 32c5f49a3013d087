/**
 * Drafts value patterns from the gold annotations: each annotated snippet becomes a folded
 * literal pattern, widened with words to its left until it matches nothing the gold does not
 * hold in any seed. The output is a starting point an admin edits, not a model of the seeds:
 * `node --import tsx src/extract/tools/bootstrap-patterns.ts > catalogue/extraction-patterns.json`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type GoldSeed, loadGoldSeeds } from '../gold.js';
import { undoOcrNoise } from '../ocr-noise.js';
import {
  sameValue as close,
  draftPattern,
  foldSnippet,
  type PatternDraft,
  templateOf,
} from '../pattern-draft.js';
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
  draft: PatternDraft,
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
      const draft = draftPattern(snippet, gold.value, used);
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
