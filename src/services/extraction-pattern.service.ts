import type { Kysely } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { deleteExtractionPattern, listExtractionPatterns } from '../db/extraction-pattern.repository.js';
import type { Database, ExtractionPatternRow } from '../db/schema.js';
import type { Queryable } from '../db/types.js';
import { AppError } from '../domain/errors.js';
import {
  type CompiledPattern,
  compilePattern,
  defaultValuePatterns,
  type ValuePattern,
} from '../extract/value-patterns.js';
import { type Auth, requireAccess } from './access.js';

/**
 * Wordings an organisation taught the importer (on the import review page): literal value patterns
 * drafted from a report's own words, run beside the catalogue's patterns on the organisation's imports.
 */
export interface LearnedWording {
  id: string;
  indicator: string;
  scope: ValuePattern['scope'];
  /** The pattern as extraction-patterns.json writes it: folded words, `{n}` the figure, `{#}` any number. */
  match: string;
  multiplier: number;
  value: number | null;
  /** The report text it was learnt from. */
  example: string;
  createdBy: string | null;
  createdAt: string;
}

export function learnedWordingView(row: ExtractionPatternRow): LearnedWording {
  return {
    id: String(row.id),
    indicator: row.indicator_code,
    scope: row.scope,
    match: row.match,
    multiplier: row.multiplier,
    value: row.fixed_value,
    example: row.example,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** A learnt wording as a value pattern: the exact words of a report, like the seed-drafted patterns. */
export function learnedPattern(wording: {
  indicator: string;
  scope: ValuePattern['scope'];
  match: string;
  multiplier: number;
  value: number | null;
}): ValuePattern {
  return {
    indicator: wording.indicator,
    scope: wording.scope,
    qualifier: null,
    match: wording.match,
    regex: false,
    multiplier: wording.multiplier,
    ...(wording.value !== null ? { value: wording.value } : {}),
    confidence: 0.95,
    origin: 'seed',
  };
}

// Compiling is pure: a wording is compiled once per process, not on every import.
const compiledWordings = new Map<string, CompiledPattern>();
const MAX_COMPILED = 10_000;

function compiledWording(row: ExtractionPatternRow): CompiledPattern {
  const key = `${row.indicator_code}|${row.scope}|${row.multiplier}|${row.fixed_value}|${row.match}`;
  let compiled = compiledWordings.get(key);
  if (!compiled) {
    if (compiledWordings.size >= MAX_COMPILED) compiledWordings.clear();
    compiled = compilePattern(learnedPattern(learnedWordingView(row)));
    compiledWordings.set(key, compiled);
  }
  return compiled;
}

/** The patterns an import for the organisation runs: the catalogue's, then the wordings it learnt. */
export async function organisationValuePatterns(db: Queryable, orgId: string): Promise<CompiledPattern[]> {
  const rows = await listExtractionPatterns(db, orgId);
  if (rows.length === 0) return defaultValuePatterns();
  return [...defaultValuePatterns(), ...rows.map(compiledWording)];
}

export async function listLearnedWordings(
  db: Queryable,
  auth: Auth,
  orgId: string,
): Promise<LearnedWording[]> {
  await requireAccess(auth, 'org.read', [orgId]);
  return (await listExtractionPatterns(db, orgId)).map(learnedWordingView);
}

/** Forgets a learnt wording; later imports no longer read figures with it. */
export async function forgetWording(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  id: number,
): Promise<void> {
  await requireAccess(auth, 'import.create', [orgId]);
  await db.transaction().execute(async (trx) => {
    const removed = await deleteExtractionPattern(trx, orgId, id);
    if (!removed) {
      throw new AppError('wording.unknown', `Không tìm thấy cách viết đã học số ${id}.`, 404, { id });
    }
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'wording.delete',
      entity: 'extraction_pattern',
      entityId: id,
      before: learnedWordingView(removed),
    });
  });
}
