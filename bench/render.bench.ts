import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { createTestDatabase } from '../src/db/testing.js';
import { getValues, upsertValues } from '../src/db/value.repository.js';
import { buildReport, renderDocx } from '../src/render/index.js';
import { seedDemo } from '../src/services/seed.service.js';

// Build + write the monthly (2022-04) and annual DOCX from the demo data, beside the floor: only
// zipping the same XML parts (jszip, DEFLATE) and writing them. The annual report 2019 is aggregated
// from twelve months holding the April 2022 figures, so it pays for aggregation as well.
const ORG = 'stttt-travinh';
const RUNS = 20;

const handle = await createTestDatabase('pglite');
await seedDemo(handle.db);
const april = await getValues(handle.db, { orgId: ORG, periodIds: ['2022-04'] });
for (let month = 1; month <= 12; month++) {
  const periodId = `2019-${String(month).padStart(2, '0')}`;
  await upsertValues(
    handle.db,
    april.map((v) => ({ ...v, periodId, source: 'seed' as const, reportId: null })),
    'bench',
  );
}
const dir = await mkdtemp(join(tmpdir(), 'baocao-render-bench-'));

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

console.log(`| report | build + DOCX + write ms | zip parts + write ms (floor) | ratio | DOCX KB |`);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [label, periodId] of [
  ['monthly 2022-04', '2022-04'],
  ['annual 2017 (stored)', '2017'],
  ['annual 2019 (12 months aggregated)', '2019'],
] as const) {
  const file = join(dir, `${periodId}.docx`);
  let size = 0;
  const full = await time(async () => {
    const built = await buildReport(handle.db, { orgId: ORG, periodId });
    const bytes = await renderDocx(built.document, { symbol: built.symbol });
    size = bytes.length;
    await writeFile(file, bytes);
  });
  const source = await JSZip.loadAsync(
    await renderDocx((await buildReport(handle.db, { orgId: ORG, periodId })).document),
  );
  const parts = await Promise.all(
    Object.values(source.files)
      .filter((f) => !f.dir)
      .map(async (f) => [f.name, await f.async('string')] as const),
  );
  const floor = await time(async () => {
    const zip = new JSZip();
    for (const [name, text] of parts) zip.file(name, text);
    await writeFile(
      join(dir, `${periodId}.floor.docx`),
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    );
  });
  console.log(
    `| ${label} | ${full.toFixed(1)} | ${floor.toFixed(1)} | ${(full / floor).toFixed(1)}× | ${(size / 1024).toFixed(1)} |`,
  );
}
console.log(`median of ${RUNS} runs after one warm-up; PGlite in memory, Node ${process.version}`);

await rm(dir, { recursive: true, force: true });
await handle.close();
