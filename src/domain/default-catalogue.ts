import indicators from '../../catalogue/indicators.json' with { type: 'json' };
import { Catalogue } from './indicator.js';

let cached: Catalogue | undefined;

/**
 * The default indicator catalogue shipped in catalogue/indicators.json (reviewed against the
 * five seed reports; see docs/catalogue-review.md). Parsed and reference-checked once.
 */
export function defaultCatalogue(): Catalogue {
  cached ??= Catalogue.parse(indicators);
  return cached;
}
