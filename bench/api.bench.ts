/**
 * HTTP API throughput and latency on loopback with autocannon: batch saves of a section's figures
 * (PUT /values, each request a different value so every save really writes) and trend-series
 * queries, beside GET /api/health as the baseline of the same server. PGlite always; PostgreSQL too
 * when DATABASE_URL is set. Each scenario runs a bounded time, then the script prints a table and exits.
 * Run: node --import tsx bench/api.bench.ts   (BENCH_SECONDS, BENCH_CONNECTIONS to change the load)
 */
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import type { EngineName } from '../src/db/engine.js';
import { getIndicators } from '../src/db/indicator.repository.js';
import { createTestDatabase } from '../src/db/testing.js';
import { startServer } from '../src/server/main.js';
import { seedDemo } from '../src/services/seed.service.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ORG = 'stttt-travinh';
const BATCH = 50;

interface Row {
  engine: EngineName;
  scenario: string;
  requestsPerSecond: number;
  valuesPerSecond: number | null;
  p50: number;
  p99: number;
  failures: number;
  total: number;
}

async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'vanphong', password: 'baocao@2026' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

async function load(
  url: string,
  request: autocannon.Request,
  headers: Record<string, string>,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    requests: [request],
  });
}

async function benchEngine(engine: EngineName): Promise<Row[]> {
  const handle = await createTestDatabase(engine);
  await seedDemo(handle.db);
  // Integer flow figures of the IT sections: a realistic batch for one unit's form.
  const codes = (await getIndicators(handle.db, ORG))
    .filter((i) => i.kind === 'flow' && i.integer)
    .slice(0, BATCH)
    .map((i) => i.code);
  const server = await startServer({ port: 0, db: handle.db });
  try {
    const { cookie, csrf } = await signIn(server.url);
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    let counter = 0;
    const scenarios: Array<{ name: string; values: number | null; request: autocannon.Request }> = [
      { name: 'GET /api/health (baseline)', values: null, request: { method: 'GET', path: '/api/health' } },
      {
        name: `PUT /values, ${codes.length} figures`,
        values: codes.length,
        request: {
          method: 'PUT',
          path: `/api/orgs/${ORG}/values`,
          setupRequest: (req) => {
            counter++;
            // Twelve months of a future year so the saves never touch the seed history or a locked period.
            const periodId = `2031-${String((counter % 12) + 1).padStart(2, '0')}`;
            const values = codes.map((indicator, i) => ({ indicator, value: counter + i }));
            return { ...req, body: JSON.stringify({ periodId, values }) };
          },
        },
      },
      {
        name: 'GET /series, 3 indicators',
        values: null,
        request: {
          method: 'GET',
          path: `/api/orgs/${ORG}/series?indicators=ioffice.docs_sent,ioffice.signed_ratio,ca.total&kind=all`,
        },
      },
      {
        name: 'GET /dashboard 2022-04',
        values: null,
        request: { method: 'GET', path: `/api/orgs/${ORG}/dashboard?period=2022-04` },
      },
    ];
    const rows: Row[] = [];
    for (const scenario of scenarios) {
      const result = await load(server.url, scenario.request, headers);
      rows.push({
        engine,
        scenario: scenario.name,
        requestsPerSecond: result.requests.average,
        valuesPerSecond: scenario.values === null ? null : result.requests.average * scenario.values,
        p50: result.latency.p50,
        p99: result.latency.p99,
        failures: result.non2xx + result.errors + result.timeouts,
        total: result.requests.total,
      });
    }
    return rows;
  } finally {
    await server.close();
    await handle.close();
  }
}

const engines: EngineName[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const rows: Row[] = [];
for (const engine of engines) rows.push(...(await benchEngine(engine)));

console.log(
  `API on loopback: ${CONNECTIONS} connections, ${SECONDS} s per scenario; ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}; Node ${process.version}`,
);
console.log(
  `${'engine'.padEnd(9)}${'scenario'.padEnd(30)}${'req/s'.padStart(9)}${'values/s'.padStart(10)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'failed'.padStart(8)}`,
);
for (const r of rows) {
  console.log(
    `${r.engine.padEnd(9)}${r.scenario.padEnd(30)}${r.requestsPerSecond.toFixed(0).padStart(9)}${(r.valuesPerSecond === null ? '' : r.valuesPerSecond.toFixed(0)).padStart(10)}${String(r.p50).padStart(8)}${String(r.p99).padStart(8)}${`${r.failures}/${r.total}`.padStart(8)}`,
  );
}
if (rows.some((r) => r.failures > 0)) process.exitCode = 1;
