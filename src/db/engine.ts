import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { runMigrations } from './migrate.js';
import { pglitePool } from './pglite-pool.js';
import type { Database } from './schema.js';

export type EngineName = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: EngineName;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL server URL; defaults to env DATABASE_URL. When neither is set, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder, or 'memory://'; defaults to env BAOCAO_DATA_DIR or ./data/pglite. */
  dataDir?: string;
  /** Skip running pending migrations on open. */
  skipMigrations?: boolean;
}

/** PGlite extensions the schema needs (diacritic folding and trigram search). */
export const PGLITE_EXTENSIONS = { unaccent, pg_trgm };

// The same JS shapes from both drivers: bigint ids and count(*) as numbers (ids stay far below 2^53),
// numeric as an exact decimal string, date as 'YYYY-MM-DD' (pg would build a local-midnight Date).
const toNumber = (text: string): number => Number(text);
const keepText = (text: string): string => text;

export const PGLITE_PARSERS = {
  [types.INT8]: toNumber,
  [types.NUMERIC]: keepText,
  [types.DATE]: keepText,
};

const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  text_array: 1009,
  int8_array: 1016,
  numeric_array: 1231,
  date_array: 1182,
};

function pgTypeParsers(): pg.CustomTypesConfig {
  const textArray = pg.types.getTypeParser(OID.text_array, 'text') as (value: string) => Array<string | null>;
  const numberArray = (value: string) => textArray(value).map((v) => (v === null ? null : Number(v)));
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === OID.int8) return toNumber;
      if (oid === OID.numeric || oid === OID.date) return keepText;
      if (oid === OID.int8_array) return numberArray;
      if (oid === OID.numeric_array || oid === OID.date_array) return textArray;
      return pg.types.getTypeParser(oid, format);
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** Wraps an open PGlite instance in Kysely; the handle closes the instance. */
export function kyselyOnPglite(pglite: PGlite): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(pglite) }) });
}

export function kyselyOnPostgres(databaseUrl: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, types: pgTypeParsers(), max: 10 });
  // An idle client losing its server emits 'error'; unhandled, that would end the process. The next query
  // gets a fresh client or fails with its own error, which is reported where it happens.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export async function createPglite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  // PGlite creates only the last folder of the path; a fresh checkout has no ./data yet.
  if (dataDir !== 'memory://') await mkdir(dirname(resolve(dataDir)), { recursive: true });
  return PGlite.create({
    dataDir: dataDir === 'memory://' ? undefined : dataDir,
    extensions: PGLITE_EXTENSIONS,
    parsers: PGLITE_PARSERS,
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

/**
 * Opens the database: PostgreSQL when a URL is given (option or DATABASE_URL), otherwise embedded
 * PGlite in a data folder. Pending migrations run first unless `skipMigrations`.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  let handle: DatabaseHandle;
  if (databaseUrl) {
    const db = kyselyOnPostgres(databaseUrl);
    handle = { db, engine: 'postgres', close: () => db.destroy() };
  } else {
    const dataDir = options.dataDir ?? process.env.BAOCAO_DATA_DIR ?? './data/pglite';
    const db = kyselyOnPglite(await createPglite(dataDir));
    handle = { db, engine: 'pglite', close: () => db.destroy() };
  }
  if (!options.skipMigrations) {
    try {
      await runMigrations(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}
