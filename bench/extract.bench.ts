/**
 * Extraction throughput over the five seed reports, beside a baseline that only reads the same
 * files and folds their diacritics. Run: node --import tsx bench/extract.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { foldDiacritics } from '../src/domain/vietnamese/fold.js';
import { extractFromText } from '../src/extract/extract-report.js';

const seedsDir = resolve(import.meta.dirname, '../fixtures/seeds');
const files = readdirSync(seedsDir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => join(seedsDir, name));
const totalBytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
const MIN_MS = 2000;

interface Run {
  mbPerSecond: number;
  /** Throughput of the fastest round: on a shared, loaded machine the mean understates the code's speed. */
  bestMbPerSecond: number;
  reportsPerSecond: number;
  rounds: number;
}

/** Repeats a round over all seed files until at least MIN_MS have passed. */
function measure(round: () => number): Run {
  // Warm up for half a second so that the measurement sees compiled code, not the interpreter.
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) round();
  let rounds = 0;
  let sink = 0;
  let best = Number.POSITIVE_INFINITY;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < MIN_MS) {
    const before = performance.now();
    sink += round();
    best = Math.min(best, performance.now() - before);
    rounds++;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  if (sink < 0) console.log(sink);
  const seconds = elapsedMs / 1000;
  return {
    mbPerSecond: (totalBytes * rounds) / 1024 / 1024 / seconds,
    bestMbPerSecond: totalBytes / 1024 / 1024 / (best / 1000),
    reportsPerSecond: (files.length * rounds) / seconds,
    rounds,
  };
}

const baseline = measure(() => {
  let n = 0;
  for (const file of files) n += foldDiacritics(readFileSync(file, 'utf8')).length;
  return n;
});
const extraction = measure(() => {
  let n = 0;
  for (const file of files) n += extractFromText(file, readFileSync(file, 'utf8')).document.values.length;
  return n;
});

const row = (label: string, run: Run) =>
  `${label.padEnd(22)} ${run.mbPerSecond.toFixed(2).padStart(8)} MB/s ${run.reportsPerSecond.toFixed(1).padStart(9)} reports/s  (${run.rounds} rounds; best round ${run.bestMbPerSecond.toFixed(2)} MB/s)`;
console.log(
  `${files.length} seed reports, ${(totalBytes / 1024).toFixed(0)} KB, one core; load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`,
);
console.log(row('read + fold (baseline)', baseline));
console.log(row('extract', extraction));
console.log(`ratio extract / baseline: ${(extraction.mbPerSecond / baseline.mbPerSecond).toFixed(3)}`);
console.log(
  extraction.mbPerSecond >= 10
    ? 'goal ≥ 10 MB/s: met'
    : `goal ≥ 10 MB/s: NOT met on average${extraction.bestMbPerSecond >= 10 ? ' (met by the best round: machine busy?)' : ''}`,
);
