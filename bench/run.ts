import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// Runs every bench/*.bench.ts in its own process, one after another, so one benchmark's heap and JIT
// state do not colour the next. Each prints its own table with a baseline measured in the same run.
const dir = import.meta.dirname;
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort();

let failed = 0;
for (const name of benches) {
  console.log(`\n## ${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(dir, name)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`${name} exited with ${run.status}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
