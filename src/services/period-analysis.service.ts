import type { Kysely } from 'kysely';
import { getIndicators } from '../db/indicator.repository.js';
import { getOrganisation } from '../db/organisation.repository.js';
import type { Database } from '../db/schema.js';
import { getValues, type StoredValue, toAggregationValue } from '../db/value.repository.js';
import { type AggregatedValue, aggregateToPeriod } from '../domain/aggregation.js';
import { AppError } from '../domain/errors.js';
import { Catalogue } from '../domain/indicator.js';
import { openingPeriodOf, type Period, parsePeriod, periodId, periodIdsInside } from '../domain/period.js';
import type { ValueScope } from '../domain/report-document.js';
import { defaultValidationRules, type Finding, type ValueForCheck, validate } from '../domain/validation.js';

/** The organisation's indicator catalogue as stored (an organisation may have edited the defaults). */
export async function loadOrganisationCatalogue(db: Kysely<Database>, orgId: string): Promise<Catalogue> {
  if (!(await getOrganisation(db, orgId))) {
    throw new AppError('organisation.unknown', `Không tìm thấy tổ chức "${orgId}".`, 404, { orgId });
  }
  return new Catalogue(await getIndicators(db, orgId));
}

/** Values stored for the period itself or for any period inside it (months, quarters, 9 months…). */
async function valuesForPeriod(db: Kysely<Database>, orgId: string, period: Period): Promise<StoredValue[]> {
  return getValues(db, { orgId, periodIds: periodIdsInside(period) });
}

/**
 * Aggregates an organisation's stored values to a period: the period's own figures win, otherwise
 * month values are summed (flows), taken at the end (stocks) or recomputed (ratios).
 */
export async function aggregatePeriod(
  db: Kysely<Database>,
  orgId: string,
  periodIdText: string,
): Promise<AggregatedValue[]> {
  const catalogue = await loadOrganisationCatalogue(db, orgId);
  const period = parsePeriod(periodIdText);
  const stored = await valuesForPeriod(db, orgId, period);
  return aggregateToPeriod(catalogue, period, stored.map(toAggregationValue));
}

function qualifierKey(indicator: string, scope: ValueScope, breakdown: string): string {
  return `${indicator}|${scope}|${breakdown}`;
}

/** A period's figures ready to check: aggregated values, keeping the qualifier ("hơn", "ước") of stored ones. */
async function checkableValues(
  db: Kysely<Database>,
  orgId: string,
  catalogue: Catalogue,
  period: Period,
): Promise<ValueForCheck[]> {
  const stored = await valuesForPeriod(db, orgId, period);
  const qualifiers = new Map(
    stored
      .filter((v) => v.qualifier && v.periodId === periodId(period))
      .map((v) => [qualifierKey(v.indicatorCode, v.scope, v.breakdown), v.qualifier]),
  );
  return aggregateToPeriod(catalogue, period, stored.map(toAggregationValue))
    .filter((a) => a.value !== null)
    .map((a) => ({
      indicator: a.indicator,
      value: a.value!,
      scope: a.scope,
      breakdown: a.breakdown ?? '',
      qualifier: qualifiers.get(qualifierKey(a.indicator, a.scope, a.breakdown ?? '')) ?? null,
    }));
}

export interface ValidatePeriodOptions {
  /** Unsaved edits (a form being typed in) that replace the stored value of the same key. */
  edits?: readonly ValueForCheck[];
}

/**
 * Runs the validation rules (catalogue-derived plus catalogue/validation-rules.json) on a period's
 * figures, with the opening balance (the period before) for stock continuity.
 */
export async function validatePeriod(
  db: Kysely<Database>,
  orgId: string,
  periodIdText: string,
  options: ValidatePeriodOptions = {},
): Promise<Finding[]> {
  const catalogue = await loadOrganisationCatalogue(db, orgId);
  const period = parsePeriod(periodIdText);
  const current = await checkableValues(db, orgId, catalogue, period);
  const previous = await checkableValues(db, orgId, catalogue, openingPeriodOf(period));
  const edits = options.edits ?? [];
  const keyOf = (v: ValueForCheck) =>
    qualifierKey(v.indicator, v.scope ?? defaultScope(catalogue, v.indicator), v.breakdown ?? '');
  const edited = new Set(edits.map(keyOf));
  const values = [...current.filter((v) => !edited.has(keyOf(v))), ...edits];
  return validate(catalogue, defaultValidationRules(catalogue), { period, values, previous });
}

function defaultScope(catalogue: Catalogue, code: string): ValueScope {
  return catalogue.get(code)?.kind === 'stock' ? 'as_of_end' : 'period';
}
