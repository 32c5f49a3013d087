import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** What repositories take: the database, or the transaction a service opened. */
export type Queryable = Kysely<Database> | Transaction<Database>;

/** A `numeric` read as a decimal string, as a JS number. */
export function numericToNumber(value: string): number {
  return Number(value);
}

export function nullableNumericToNumber(value: string | null): number | null {
  return value === null ? null : Number(value);
}
