import { type Expression, type RawBuilder, sql } from 'kysely';

// The characters a PostgreSQL regular expression gives a meaning, as a class (backslash included), and
// their replacement by themselves escaped. Passed as parameters: no SQL string escaping in between.
const EXPRESSION_CHARACTERS = '([][\\\\^$.|?*+(){}])';
const ESCAPED = '\\\\\\1';

/**
 * Whether `folded` (text folded by `baocao_fold`) holds `word`, folded the same way, as a whole word:
 * "so" finds "số" and "sở" but not "soát", which a search for a syllable does not mean. Words are runs
 * of letters and digits, so "695" finds "695/QĐ-UBND" and "ubnd" finds it too. The word is folded
 * before its expression characters are escaped: folding makes some of them ("…" → "...", "⁅" → "[").
 */
export function holdsWord(folded: Expression<string | null>, word: string): RawBuilder<boolean> {
  const escaped = sql`regexp_replace(baocao_fold(${word}), ${EXPRESSION_CHARACTERS}, ${ESCAPED}, 'g')`;
  return sql<boolean>`${folded} ~ ('(^|[^[:alnum:]])' || ${escaped} || '($|[^[:alnum:]])')`;
}
