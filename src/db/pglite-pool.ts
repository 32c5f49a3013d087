import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

const SLOW_WAIT_MS = 20_000;
const WRITE_COMMAND = /^\s*(insert|update|delete|merge)\b/i;

/**
 * Presents one PGlite instance as the `pg` pool Kysely's PostgresDialect expects. PGlite has a single
 * session, so a connection is lent to one caller at a time: a transaction cannot interleave with other queries.
 */
export function pglitePool(pglite: PGlite): PostgresPool {
  let queue: Promise<void> = Promise.resolve();

  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const previous = queue;
      queue = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Waiting this long usually means a query ran on `db` inside an open transaction instead of on `trx`:
      // with one session that waits forever, so say so instead of hanging silently.
      const warning = setTimeout(() => {
        process.emitWarning(
          `PGlite: a query has waited ${SLOW_WAIT_MS / 1000} s for the connection. Inside db.transaction(), use the transaction object for every query.`,
          { code: 'BAOCAO_PGLITE_WAIT' },
        );
      }, SLOW_WAIT_MS);
      warning.unref();
      await previous;
      clearTimeout(warning);
      const client = {
        async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
          // Parameterless SQL may hold several statements (migrations): only the simple protocol accepts that.
          const result =
            parameters.length === 0
              ? (await pglite.exec(sql)).at(-1)
              : await pglite.query<R>(sql, [...parameters]);
          const command = (WRITE_COMMAND.exec(sql)?.[1]?.toUpperCase() ??
            'SELECT') as PostgresQueryResult<R>['command'];
          return { command, rowCount: result?.affectedRows ?? 0, rows: (result?.rows ?? []) as R[] };
        },
        release,
      };
      return client as PostgresPoolClient;
    },
    async end(): Promise<void> {
      await queue;
      await pglite.close();
    },
  };
}
