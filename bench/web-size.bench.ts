import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

// The UI's initial JavaScript: what index.html loads before any lazy chunk (uPlot is loaded on demand).
// Budget from issue 5: at most 300 KB gzipped.
const BUDGET_KB = 300;
const root = join(import.meta.dirname, '..');
const outDir = join(root, 'dist', 'web');

await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

const html = await readFile(join(outDir, 'index.html'), 'utf8');
const initial = [
  ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
].map((m) => m[1]!);
const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);

async function sizes(files: string[]) {
  const rows = [];
  for (const file of files) {
    const bytes = await readFile(join(outDir, file.replace(/^\//, '')));
    rows.push({ file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return rows;
}

const js = await sizes(initial);
const css = await sizes(styles);
const kb = (n: number) => (n / 1024).toFixed(1);
console.log('| initial file | raw KB | gzip KB |');
console.log('| --- | ---: | ---: |');
for (const row of [...js, ...css]) console.log(`| ${row.file} | ${kb(row.raw)} | ${kb(row.gzip)} |`);
const initialNames = new Set([...initial, ...styles]);
const lazy = await sizes(
  (await readdir(join(outDir, 'assets')))
    .map((name) => `/assets/${name}`)
    .filter((file) => file.endsWith('.js') && !initialNames.has(file)),
);
for (const row of lazy) console.log(`| ${row.file} (loaded on demand) | ${kb(row.raw)} | ${kb(row.gzip)} |`);
const jsGzip = js.reduce((sum, row) => sum + row.gzip, 0);
console.log(`initial JS gzip: ${kb(jsGzip)} KB (budget ${BUDGET_KB} KB)`);
if (js.length === 0) throw new Error('No initial script found in dist/web/index.html');
if (jsGzip > BUDGET_KB * 1024) {
  console.error(`initial JS is over budget by ${kb(jsGzip - BUDGET_KB * 1024)} KB`);
  process.exitCode = 1;
}
