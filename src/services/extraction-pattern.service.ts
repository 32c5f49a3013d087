import type { Kysely } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import {
  deleteExtractionPattern,
  findSameExtractionPattern,
  listExtractionPatterns,
  lockExtractionPattern,
  updateExtractionPattern,
} from '../db/extraction-pattern.repository.js';
import { getIndicators } from '../db/indicator.repository.js';
import type { Database, ExtractionPatternRow } from '../db/schema.js';
import type { Queryable } from '../db/types.js';
import { AppError } from '../domain/errors.js';
import { foldDiacritics } from '../domain/vietnamese/fold.js';
import { formatViNumber } from '../domain/vietnamese/number.js';
import { foldSnippet, scaleWordAfterFigure } from '../extract/pattern-draft.js';
import {
  type CompiledPattern,
  compilePattern,
  defaultValuePatterns,
  findValuePatternMatches,
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
    if (!removed) throw unknownWording(id);
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

export function wordingError(code: string, message: string, status = 400): AppError {
  return new AppError(`wording.${code}`, message, status);
}

function unknownWording(id: number): AppError {
  return new AppError('wording.unknown', `Không tìm thấy cách viết đã học số ${id}.`, 404, { id });
}

export function unknownIndicator(code: string): AppError {
  return wordingError('indicator', `Chỉ tiêu ${code} không có trong danh mục của tổ chức.`);
}

export function wordingExists(match: string, indicator: string): AppError {
  return wordingError('exists', `Cách viết "${match}" đã được ghi nhớ cho chỉ tiêu ${indicator}.`, 409);
}

// A pattern of one word and a number ("{n} ho") would read figures of any sentence that has them.
const MIN_WORDS = 2;
const MAX_MATCH = 500;
const PLACEHOLDERS = /\{n\}|\{#\}|\{…\}/g;

/** Whether a wording has the words to tell its figure from others (at least two words, not only numbers). */
export function hasEnoughWords(match: string): boolean {
  return (match.match(/[a-z]{2,}/g) ?? []).length >= MIN_WORDS;
}

/**
 * Wording text as a person types it, as patterns are written: without diacritics, lower case, one space
 * between words; `{...}` (three dots) is the gap `{…}`.
 */
export function normaliseWordingMatch(text: string): string {
  return foldDiacritics(text.normalize('NFC'))
    .toLowerCase()
    .replace(/\{\s*(?:\.\.\.|…)\s*\}/g, '{…}')
    .replace(/\{\s*([n#])\s*\}/g, '{$1}')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Refuses wording text a pattern cannot be made of: empty or too long, a placeholder the pattern language
 * does not know, no `{n}` where the figure is read (or more than one), too few words. A wording with a fixed
 * value (a sentence without a number, "không có …" = 0) has no `{n}`.
 */
export function checkWordingMatch(match: string, fixedValue: number | null): void {
  if (match === '') throw wordingError('empty', 'Cách viết không được để trống.');
  if (match.length > MAX_MATCH) {
    throw wordingError('too_long', `Cách viết dài ${match.length} ký tự; tối đa ${MAX_MATCH}.`);
  }
  const stray = /\{[^{}]{0,20}\}?|\}/.exec(match.replace(PLACEHOLDERS, ''));
  if (stray) {
    throw wordingError(
      'syntax',
      `Cách viết có chỗ trống không hợp lệ "${stray[0]}": chỉ dùng {n} (số liệu cần đọc), {#} (một số khác) và {…} (một đoạn bất kỳ).`,
    );
  }
  const figures = (match.match(/\{n\}/g) ?? []).length;
  if (fixedValue !== null && figures > 0) {
    throw wordingError(
      'fixed_value',
      `Cách viết này không đọc số trong câu mà cho giá trị ${formatViNumber(fixedValue)} khi gặp các chữ đó; bỏ {n} khỏi cách viết.`,
    );
  }
  if (fixedValue === null && figures === 0) {
    throw wordingError(
      'no_placeholder',
      'Cách viết phải có {n} ở chỗ số liệu cần đọc (ví dụ: "tong so van ban di la {n} van ban").',
    );
  }
  if (figures > 1) {
    throw wordingError(
      'placeholders',
      `Cách viết có ${figures} chỗ {n}; chỉ để {n} ở số liệu cần đọc, các số khác viết {#}.`,
    );
  }
  if (!hasEnoughWords(match)) {
    throw wordingError('too_short', 'Cách viết cần ít nhất hai từ mô tả số liệu, không chỉ con số.');
  }
  checkGaps(match);
}

// Each gap `{…}` lets a match try every length of it with every length of the others: the cost multiplies
// with each one (six gaps take minutes on one report), so a wording may hold a few, each between words.
const MAX_GAPS = 2;

/** What is wrong with the gaps `{…}` of a wording, or null. */
export function gapProblem(match: string): string | null {
  const gaps = (match.match(/\{…\}/g) ?? []).length;
  if (gaps > MAX_GAPS) {
    return `Cách viết có ${gaps} chỗ {…}; tối đa ${MAX_GAPS}. Mỗi chỗ {…} làm việc đọc báo cáo chậm đi nhiều lần.`;
  }
  if (/^\{…\}|\{…\}$|\{…\}\s*\{…\}/.test(match)) {
    return 'Chỗ {…} phải nằm giữa các từ của cách viết: không ở đầu, ở cuối hay ngay cạnh một chỗ {…} khác.';
  }
  return null;
}

function checkGaps(match: string): void {
  const problem = gapProblem(match);
  if (problem) throw wordingError('gaps', problem);
}

/** The figure a wording reads in the report words it was learnt from (its example), or null. */
function figureInExample(wording: Parameters<typeof learnedPattern>[0], example: string): number | null {
  const [first] = findValuePatternMatches(foldSnippet(example), compilePattern(learnedPattern(wording)));
  return first?.value ?? null;
}

/** What a person may change in a learnt wording: the indicator, the scope, the words. */
export interface WordingChange {
  indicator?: string | undefined;
  scope?: ValuePattern['scope'] | undefined;
  /** The pattern text, typed with or without diacritics (normalised as `normaliseWordingMatch` says). */
  match?: string | undefined;
}

export interface EditedWording {
  wording: LearnedWording;
  /** The figure the wording reads in the report words it was learnt from; null when it reads none there. */
  found: { value: number } | null;
}

/**
 * Corrects a learnt wording: another indicator or scope, or other words. New words are checked as teaching
 * checks a wording: they must make a pattern, and it must still read a figure in the report words the wording
 * was learnt from. Later imports read the wording as changed (the patterns are read from the table on each import).
 */
export async function editWording(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  id: number,
  change: WordingChange,
): Promise<EditedWording> {
  await requireAccess(auth, 'import.create', [orgId]);
  return db.transaction().execute(async (trx) => {
    const row = await lockExtractionPattern(trx, orgId, id);
    if (!row) throw unknownWording(id);
    const indicator = change.indicator ?? row.indicator_code;
    const scope = change.scope ?? row.scope;
    const match = change.match === undefined ? row.match : normaliseWordingMatch(change.match);
    if (indicator !== row.indicator_code) {
      const [known] = await getIndicators(trx, orgId, { codes: [indicator] });
      if (!known) throw unknownIndicator(indicator);
    }
    const wordsChanged = match !== row.match;
    if (wordsChanged) {
      checkWordingMatch(match, row.fixed_value);
      // The multiplier was learnt from the scale word after the figure ("tỷ" → × 1.000.000.000).
      const scale = scaleWordAfterFigure(row.match);
      const next = scaleWordAfterFigure(match);
      if (next !== scale) {
        throw wordingError(
          'scale',
          `Cách viết mới đổi chữ chỉ quy mô ngay sau {n} ("${scale ?? '—'}" thành "${next ?? '—'}"), nên số đọc được sẽ bị nhân sai; hãy quên cách viết này và dạy lại từ câu trong báo cáo.`,
        );
      }
    }
    const value = figureInExample(
      { indicator, scope, match, multiplier: row.multiplier, value: row.fixed_value },
      row.example,
    );
    // Another indicator or scope does not change what the words read; other words must read the example.
    if (wordsChanged && value === null) {
      throw wordingError(
        'not_read',
        `Cách viết "${match}" không đọc được số liệu nào trong câu đã học: "${row.example}".`,
        422,
      );
    }
    const found = value === null ? null : { value };
    if (!wordsChanged && indicator === row.indicator_code && scope === row.scope) {
      return { wording: learnedWordingView(row), found };
    }
    const key = { id, indicator_code: indicator, scope, match };
    if ((await findSameExtractionPattern(trx, orgId, key)) !== undefined)
      throw wordingExists(match, indicator);
    const updated = await updateExtractionPattern(trx, orgId, id, {
      indicator_code: indicator,
      scope,
      match,
    }).catch((error: unknown) => {
      // The same wording taught by someone else since the check above (the table's unique key).
      throw (error as { code?: unknown } | null)?.code === '23505' ? wordingExists(match, indicator) : error;
    });
    if (!updated) throw unknownWording(id);
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'wording.update',
      entity: 'extraction_pattern',
      entityId: id,
      before: learnedWordingView(row),
      after: learnedWordingView(updated),
    });
    return { wording: learnedWordingView(updated), found };
  });
}
