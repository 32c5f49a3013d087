import type { Catalogue } from '../indicator.js';
import type { ValueScope } from '../report-document.js';
import { foldForSearch } from '../vietnamese/fold.js';

/** A value to check: as a report states it or as the store holds it for one period. */
export interface ValueForCheck {
  indicator: string;
  value: number;
  /** Defaults from the indicator kind: stock → 'as_of_end', otherwise 'period'. */
  scope?: ValueScope;
  /** Breakdown label; only values with the same label are compared with each other. */
  breakdown?: string | null;
  /** "hơn", "khoảng", "ước", …: approximate values ("hơn 100") are not held to exact sums. */
  qualifier?: string | null;
}

export interface CheckedValue extends ValueForCheck {
  scope: ValueScope;
  breakdown: string;
}

/** Values of one scope and one breakdown label: only these are compared with each other. */
export interface ValueContext {
  scope: ValueScope;
  breakdown: string;
  values: Map<string, CheckedValue>;
}

// Words that make a figure a bound or a guess rather than an exact count; "ước" (estimated) is
// still meant to be consistent, so it is not among them.
const APPROXIMATE = new Set(['hon', 'tren', 'khoang', 'gan', 'duoi', 'xap', 'hang', 'toi']);

export function isApproximate(value: ValueForCheck): boolean {
  if (!value.qualifier) return false;
  const firstWord = foldForSearch(value.qualifier).trim().split(/\s+/)[0] ?? '';
  return APPROXIMATE.has(firstWord);
}

/** The values of a period indexed by scope and breakdown; the first value of an indicator in a context counts. */
export class ValueIndex {
  readonly contexts: ValueContext[] = [];
  private readonly inOrder: CheckedValue[] = [];

  constructor(catalogue: Catalogue, values: readonly ValueForCheck[]) {
    const byKey = new Map<string, ValueContext>();
    for (const value of values) {
      const kind = catalogue.get(value.indicator)?.kind;
      const scope = value.scope ?? (kind === 'stock' ? 'as_of_end' : 'period');
      const breakdown = value.breakdown ?? '';
      const key = `${scope}\u0000${breakdown}`;
      let context = byKey.get(key);
      if (!context) {
        context = { scope, breakdown, values: new Map() };
        byKey.set(key, context);
        this.contexts.push(context);
      }
      if (!context.values.has(value.indicator)) {
        const checked = { ...value, scope, breakdown };
        context.values.set(value.indicator, checked);
        this.inOrder.push(checked);
      }
    }
  }

  /**
   * The indicator's value in the same context, else with the same breakdown in another scope:
   * any scope with `across: 'any'`, or only another end-of-period level with `across: 'levels'`
   * ('as_of_end' and 'cumulative' are both levels at the period end; 'period' values are flows).
   */
  find(
    context: Pick<ValueContext, 'scope' | 'breakdown'>,
    code: string,
    across: 'any' | 'levels' = 'any',
  ): CheckedValue | undefined {
    const same = this.contexts.find((c) => c.scope === context.scope && c.breakdown === context.breakdown);
    const exact = same?.values.get(code);
    if (exact) return exact;
    for (const other of this.contexts) {
      if (other.breakdown !== context.breakdown) continue;
      if (across === 'levels' && (other.scope === 'period') !== (context.scope === 'period')) continue;
      const found = other.values.get(code);
      if (found) return found;
    }
    return undefined;
  }

  has(code: string): boolean {
    return this.contexts.some((c) => c.values.has(code));
  }

  /** Every indexed value, in input order. */
  all(): readonly CheckedValue[] {
    return this.inOrder;
  }
}
