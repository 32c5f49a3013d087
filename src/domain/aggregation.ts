import type { Catalogue, Indicator } from './indicator.js';
import { monthIdsOf, type Period, periodId } from './period.js';
import type { ValueScope } from './report-document.js';

/** A value as the store holds it: one indicator, one period, optionally one unit and one breakdown label. */
export interface StoredValue {
  indicator: string;
  periodId: string;
  value: number;
  /** Defaults from the indicator kind: flow → 'period', stock → 'as_of_end', ratio → 'period'. */
  scope?: ValueScope;
  /** A breakdown label ("VNPT Trà Vinh"); values with different labels are separate series. */
  breakdown?: string | null;
  /** The unit (phòng, trung tâm) that reported it; values of several units are added up. */
  unitId?: string | null;
}

/**
 * How an aggregated value was obtained: `stored` for the period itself, `sum` of month
 * values (flows), `last` month value (stocks, "lũy kế" cumulative values), or `ratio`
 * recomputed from the aggregated numerator and denominator.
 */
export type AggregationMethod = 'stored' | 'sum' | 'last' | 'ratio';

export interface AggregatedValue {
  indicator: string;
  /** Null when it cannot be computed (a ratio with a missing or zero part, a period ratio without a formula). */
  value: number | null;
  method: AggregationMethod;
  /** Months of the target period holding at least one value (for a stored value: all of them). */
  monthsPresent: number;
  monthsExpected: number;
  /** Flows: every month present. Stocks: every unit's last value is from the period's last month. Ratios: both parts complete. */
  complete: boolean;
  /** For `last`: the month the value stands at (with several units, the oldest of their last months). */
  asOfPeriodId?: string;
  scope: ValueScope;
  /** Present when the series carries a breakdown label. */
  breakdown?: string;
}

const DEFAULT_SCOPE: Record<Indicator['kind'], ValueScope> = {
  flow: 'period',
  stock: 'as_of_end',
  ratio: 'period',
};

interface Series {
  indicator: string;
  scope: ValueScope;
  breakdown: string;
  values: StoredValue[];
}

/** Removes binary floating-point noise from sums of decimal values (0.1 + 0.2). */
function clean(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 1e9) / 1e9;
}

function sum(values: readonly StoredValue[]): number {
  return clean(values.reduce((total, v) => total + v.value, 0));
}

function seriesKey(indicator: string, scope: ValueScope, breakdown: string): string {
  return `${indicator}\u0000${scope}\u0000${breakdown}`;
}

function groupSeries(catalogue: Catalogue, values: readonly StoredValue[]): Map<string, Series> {
  const groups = new Map<string, Series>();
  for (const value of values) {
    const kind = catalogue.get(value.indicator)?.kind ?? 'flow';
    const scope = value.scope ?? DEFAULT_SCOPE[kind];
    const breakdown = value.breakdown ?? '';
    const key = seriesKey(value.indicator, scope, breakdown);
    const series = groups.get(key) ?? { indicator: value.indicator, scope, breakdown, values: [] };
    series.values.push(value);
    groups.set(key, series);
  }
  return groups;
}

function withBreakdown(breakdown: string): { breakdown?: string } {
  return breakdown === '' ? {} : { breakdown };
}

/** Sum of the months, all units together. */
function aggregateFlow(series: Series, inPeriod: StoredValue[], monthsExpected: number): AggregatedValue {
  const present = new Set(inPeriod.map((v) => v.periodId)).size;
  return {
    indicator: series.indicator,
    value: sum(inPeriod),
    method: 'sum',
    monthsPresent: present,
    monthsExpected,
    complete: present === monthsExpected,
    scope: series.scope,
    ...withBreakdown(series.breakdown),
  };
}

/** Each unit's latest month in the period, added up across units. */
function aggregateStock(series: Series, inPeriod: StoredValue[], monthIds: string[]): AggregatedValue {
  const order = new Map(monthIds.map((id, i) => [id, i]));
  const latestByUnit = new Map<string, StoredValue[]>();
  for (const value of inPeriod) {
    const unit = value.unitId ?? '';
    const current = latestByUnit.get(unit);
    const rank = order.get(value.periodId)!;
    const currentRank = current ? order.get(current[0]!.periodId)! : -1;
    if (rank > currentRank) latestByUnit.set(unit, [value]);
    else if (rank === currentRank) current!.push(value);
  }
  const latest = [...latestByUnit.values()];
  const oldestRank = Math.min(...latest.map((vs) => order.get(vs[0]!.periodId)!));
  return {
    indicator: series.indicator,
    value: sum(latest.flat()),
    method: 'last',
    monthsPresent: new Set(inPeriod.map((v) => v.periodId)).size,
    monthsExpected: monthIds.length,
    complete: oldestRank === monthIds.length - 1,
    asOfPeriodId: monthIds[oldestRank]!,
    scope: series.scope,
    ...withBreakdown(series.breakdown),
  };
}

function storedForTarget(series: Series, stored: StoredValue[], monthsExpected: number): AggregatedValue {
  return {
    indicator: series.indicator,
    value: sum(stored),
    method: 'stored',
    monthsPresent: monthsExpected,
    monthsExpected,
    complete: true,
    scope: series.scope,
    ...withBreakdown(series.breakdown),
  };
}

function unknownRatio(
  indicator: string,
  scope: ValueScope,
  breakdown: string,
  monthsExpected: number,
): AggregatedValue {
  return {
    indicator,
    value: null,
    method: 'ratio',
    monthsPresent: 0,
    monthsExpected,
    complete: false,
    scope,
    ...withBreakdown(breakdown),
  };
}

/**
 * Aggregates stored values to a target period (month, quarter, 6 months, 9 months, year).
 *
 * - A value stored for the target period itself wins (a 9-month report's own figures).
 * - Otherwise from the month values inside the period: values of scope `period` are flows and
 *   are summed; `as_of_end` (stock) and `cumulative` (lũy kế) values take the last month present.
 * - Values of several units are added up: flows month by month, stocks as the sum of each unit's
 *   last value in the period. Values with a breakdown label form their own series.
 * - A ratio with a formula is recomputed from its aggregated numerator and denominator of the same
 *   breakdown (never summed or averaged); null when a part is missing or the denominator is 0.
 *   A ratio without a formula can only carry its last value forward when it is `as_of_end`.
 *
 * Values of months outside the period are ignored. Output is sorted by indicator, scope, breakdown.
 */
export function aggregateToPeriod(
  catalogue: Catalogue,
  target: Period,
  values: readonly StoredValue[],
): AggregatedValue[] {
  const targetId = periodId(target);
  const monthIds = monthIdsOf(target);
  const months = new Set(monthIds);
  const results = new Map<string, AggregatedValue>();
  const pendingRatios: Series[] = [];

  for (const [key, series] of groupSeries(catalogue, values)) {
    const indicator = catalogue.get(series.indicator);
    const stored = series.values.filter((v) => v.periodId === targetId);
    const inPeriod = series.values.filter((v) => months.has(v.periodId));
    const isRatio = indicator?.kind === 'ratio';
    // Ratios of several units cannot be added: recompute them instead.
    if (stored.length > 0 && (!isRatio || stored.length === 1)) {
      results.set(key, storedForTarget(series, stored, monthIds.length));
    } else if (isRatio && indicator?.formula) {
      pendingRatios.push(series);
    } else if (inPeriod.length === 0) {
      // Nothing inside the period for this series.
    } else if (series.scope === 'period' && !isRatio) {
      results.set(key, aggregateFlow(series, inPeriod, monthIds.length));
    } else if (series.scope !== 'period') {
      results.set(key, aggregateStock(series, inPeriod, monthIds));
    } else {
      results.set(key, unknownRatio(series.indicator, series.scope, series.breakdown, monthIds.length));
    }
  }

  for (const ratio of catalogue.indicators) {
    if (ratio.kind !== 'ratio' || !ratio.formula) continue;
    const formula = ratio.formula;
    const numerators = [...results.values()].filter((r) => r.indicator === formula.numerator);
    for (const numerator of numerators) {
      const key = seriesKey(ratio.code, numerator.scope, numerator.breakdown ?? '');
      if (results.has(key)) continue;
      const denominators = [...results.values()].filter(
        (r) => r.indicator === formula.denominator && (r.breakdown ?? '') === (numerator.breakdown ?? ''),
      );
      const denominator = denominators.find((d) => d.scope === numerator.scope) ?? denominators[0];
      const computable =
        denominator !== undefined &&
        numerator.value !== null &&
        denominator.value !== null &&
        denominator.value !== 0;
      results.set(key, {
        indicator: ratio.code,
        value: computable ? clean((numerator.value! / denominator.value!) * formula.multiplier) : null,
        method: 'ratio',
        monthsPresent: Math.min(numerator.monthsPresent, denominator?.monthsPresent ?? 0),
        monthsExpected: monthIds.length,
        complete: numerator.complete && (denominator?.complete ?? false),
        scope: numerator.scope,
        ...withBreakdown(numerator.breakdown ?? ''),
      });
    }
  }
  // Ratio series seen in the input whose parts are missing still appear, as unknown.
  for (const series of pendingRatios) {
    const sameBreakdown = [...results.values()].some(
      (r) => r.indicator === series.indicator && (r.breakdown ?? '') === series.breakdown,
    );
    if (!sameBreakdown && series.values.some((v) => months.has(v.periodId) || v.periodId === targetId)) {
      const key = seriesKey(series.indicator, series.scope, series.breakdown);
      results.set(key, unknownRatio(series.indicator, series.scope, series.breakdown, monthIds.length));
    }
  }

  return [...results.values()].sort(
    (a, b) =>
      a.indicator.localeCompare(b.indicator) ||
      a.scope.localeCompare(b.scope) ||
      (a.breakdown ?? '').localeCompare(b.breakdown ?? ''),
  );
}
