import indicators from '../../catalogue/indicators.json' with { type: 'json' };
import template from '../../catalogue/report-template.json' with { type: 'json' };
import targets from '../../catalogue/targets.json' with { type: 'json' };
import { Catalogue } from './indicator.js';
import { type ReportTemplate, ReportTemplateSchema } from './report-template.js';
import { type Target, TargetsFileSchema } from './target.js';

let cachedCatalogue: Catalogue | undefined;
let cachedTemplate: ReportTemplate | undefined;

/**
 * The default indicator catalogue shipped in catalogue/indicators.json (reviewed against the
 * five seed reports; see docs/catalogue-review.md). Parsed and reference-checked once. The review's
 * own notes (`reviewNotes`) are left out: they are for the catalogue's maintainers, not for users.
 */
export function defaultCatalogue(): Catalogue {
  cachedCatalogue ??= Catalogue.parse(indicators.map(({ reviewNotes: _review, ...indicator }) => indicator));
  return cachedCatalogue;
}

/**
 * The default report layout shipped in catalogue/report-template.json: the house layout of the
 * Sở TT&TT Trà Vinh monthly reports, with the title variants of older reports as aliases.
 * Returns a fresh copy, so callers may edit it (an organisation's own template starts from it).
 */
export function defaultReportTemplate(): ReportTemplate {
  cachedTemplate ??= ReportTemplateSchema.parse(template);
  return structuredClone(cachedTemplate);
}

/** The default targets shipped in catalogue/targets.json (each with its source). */
export function defaultTargets(): Target[] {
  return TargetsFileSchema.parse(targets).targets;
}
