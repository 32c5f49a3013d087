import type { RatioFormula } from '../../src/domain/indicator.js';
import { statedRatio } from '../../src/domain/ratio.js';
import { readTypedNumber } from './format.js';

/** The figures of a period as the entry page holds them: typed and not yet saved, and stored. */
export interface EntryFigures {
  typed: Readonly<Record<string, string>>;
  stored: ReadonlyArray<{ indicator: string; value: number; scope: string; breakdown: string }>;
}

export interface RatioOffer {
  value: number;
  numerator: number;
  denominator: number;
}

/** A figure as typed (null when the field is empty or not a number), else as stored in `scope` first. */
function figureOf(figures: EntryFigures, code: string, scope: string | undefined): number | null {
  const typed = figures.typed[code];
  if (typed !== undefined) {
    const read = readTypedNumber(typed);
    return read.ok ? read.value : null;
  }
  const own = figures.stored.filter((v) => v.indicator === code && !v.breakdown);
  return ((scope ? own.find((v) => v.scope === scope) : undefined) ?? own[0])?.value ?? null;
}

/**
 * The ratio of a ratio indicator's two figures as the report will state it (`resolveFigure`: the parts in
 * the ratio's own scope first), when it differs from the figure its field holds; null otherwise.
 * `numeratorWithin`: the numerator is a part or subset of the denominator (signed documents of those
 * sent), so a numerator above it is a typing error the findings name, not a ratio to offer.
 */
export function ratioOffer(
  indicator: { code: string; kind: string; formula: RatioFormula | null },
  figures: EntryFigures,
  numeratorWithin = false,
): RatioOffer | null {
  const formula = indicator.kind === 'ratio' ? indicator.formula : null;
  if (!formula) return null;
  const scope = figures.stored.find((v) => v.indicator === indicator.code && !v.breakdown)?.scope;
  const numerator = figureOf(figures, formula.numerator, scope);
  const denominator = figureOf(figures, formula.denominator, scope);
  if (numerator === null || denominator === null || (numeratorWithin && numerator > denominator)) return null;
  const value = statedRatio(formula, numerator, denominator);
  if (value === null || figureOf(figures, indicator.code, scope) === value) return null;
  return { value, numerator, denominator };
}
