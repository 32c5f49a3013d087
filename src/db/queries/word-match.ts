import { type Expression, type RawBuilder, sql } from 'kysely';

/** Characters with a meaning in a PostgreSQL regular expression, escaped to stand for themselves. */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * Whether `folded` (text folded by `baocao_fold`) holds `word`, folded the same way, as a whole word:
 * "so" finds "số" and "sở" but not "soát", which a search for a syllable does not mean. Words are runs
 * of letters and digits, so "695" finds "695/QĐ-UBND" and "ubnd" finds it too.
 */
export function holdsWord(folded: Expression<string | null>, word: string): RawBuilder<boolean> {
  return sql<boolean>`${folded} ~ ('(^|[^[:alnum:]])' || baocao_fold(${escapeRegex(word)}) || '($|[^[:alnum:]])')`;
}
