/**
 * Extraction throughput over the five seed reports, beside a baseline that only reads the same
 * files and folds their diacritics. Run: node --import tsx bench/extract.bench.ts
 *
 * The two are measured in alternating rounds, so that both see the same machine: on a shared
 * machine the speed drifts by a third from one minute to the next, and a ratio of numbers taken
 * minutes apart says little.
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
const MEASURE_MS = Number(process.env.BENCH_EXTRACT_SECONDS ?? 8) * 1000;
// V8 compiles the ~440 pattern expressions and tiers the extraction code up over the first seconds;
// a shorter warm-up measures that start-up, not the steady speed of an import of many files.
const WARM_UP_MS = 3000;

interface Subject {
  label: string;
  round: () => number;
  rounds: number;
  ms: number;
  bestMs: number;
}

const subject = (label: string, round: () => number): Subject => ({
  label,
  round,
  rounds: 0,
  ms: 0,
  bestMs: Number.POSITIVE_INFINITY,
});

const baseline = subject('read + fold (baseline)', () => {
  let n = 0;
  for (const file of files) n += foldDiacritics(readFileSync(file, 'utf8')).length;
  return n;
});
const extraction = subject('extract', () => {
  let n = 0;
  for (const file of files) n += extractFromText(file, readFileSync(file, 'utf8')).document.values.length;
  return n;
});

let sink = 0;
const warmUntil = performance.now() + WARM_UP_MS;
while (performance.now() < warmUntil) sink += baseline.round() + extraction.round();
// The baseline is seven times faster: it runs as many rounds as fit in the time of one extraction round.
const measureUntil = performance.now() + MEASURE_MS;
while (performance.now() < measureUntil) {
  for (const s of [extraction, baseline]) {
    const spent = s === baseline ? extraction.ms / Math.max(extraction.rounds, 1) : 0;
    const until = performance.now() + spent;
    do {
      const before = performance.now();
      sink += s.round();
      const took = performance.now() - before;
      s.ms += took;
      s.rounds++;
      s.bestMs = Math.min(s.bestMs, took);
    } while (performance.now() < until);
  }
}
if (sink < 0) console.log(sink);

const mb = totalBytes / 1024 / 1024;
const mbPerSecond = (s: Subject) => (mb * s.rounds) / (s.ms / 1000);
const row = (s: Subject) =>
  `${s.label.padEnd(22)} ${mbPerSecond(s).toFixed(2).padStart(8)} MB/s ${((files.length * s.rounds) / (s.ms / 1000)).toFixed(1).padStart(9)} reports/s  (${s.rounds} rounds; best round ${(mb / (s.bestMs / 1000)).toFixed(2)} MB/s)`;
console.log(
  `${files.length} seed reports, ${(totalBytes / 1024).toFixed(0)} KB, one core; load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`,
);
console.log(row(baseline));
console.log(row(extraction));
console.log(`ratio extract / baseline: ${(mbPerSecond(extraction) / mbPerSecond(baseline)).toFixed(3)}`);
console.log(
  mbPerSecond(extraction) >= 10
    ? 'goal ≥ 10 MB/s: met'
    : `goal ≥ 10 MB/s: NOT met on average${mb / (extraction.bestMs / 1000) >= 10 ? ' (met by the best round: machine busy?)' : ''}`,
);
