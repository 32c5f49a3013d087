import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../db/engine.js';
import type { Database } from '../db/schema.js';

export interface GlobalOptions {
  databaseUrl?: string;
  dataDir?: string;
}

/** Opens the database for one command and always closes it. */
export async function withDatabase<T>(
  options: GlobalOptions,
  run: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

/** The organisation a command works on: --org, else BAOCAO_ORG, else the demo organisation. */
export function defaultOrganisationId(): string {
  if (process.env.BAOCAO_ORG) return process.env.BAOCAO_ORG;
  const demo = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../fixtures/demo/organisation.json'), 'utf8'),
  );
  return demo.demoOrganisation as string;
}
