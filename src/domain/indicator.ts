import { z } from 'zod';

/**
 * An indicator (chỉ tiêu). `flow` counts within a period and sums across months;
 * `stock` is a level at the period end (across months take the last); `ratio` is derived
 * from a numerator and a denominator and is recomputed after aggregating them, never summed.
 */
export const IndicatorKindSchema = z.enum(['flow', 'stock', 'ratio']);
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;

export const RatioFormulaSchema = z.object({
  numerator: z.string(),
  denominator: z.string(),
  /** 100 for a percentage or "per 100 inhabitants". */
  multiplier: z.number().default(100),
});
export type RatioFormula = z.infer<typeof RatioFormulaSchema>;

export const IndicatorSchema = z.object({
  code: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/),
  name: z.string().min(1),
  /** English name for the UI's second language. */
  nameEn: z.string().optional(),
  unit: z.string(),
  /** Key of the report-template section the indicator is reported in. */
  section: z.string(),
  kind: IndicatorKindSchema,
  /** For ratios computed from two other indicators; null for a ratio that is only ever stated. */
  formula: RatioFormulaSchema.nullable().default(null),
  /** The total this indicator is a part of (its breakdown member), e.g. dvc.dossiers_online → dvc.dossiers_received. */
  partOf: z.string().nullable().default(null),
  /** The breakdown dimension this part belongs to ("channel", "level", "holder", "token", "language"). */
  dimension: z.string().nullable().default(null),
  /**
   * The total this indicator is a subset of without being a summing part, e.g. signed documents
   * within issued documents: it never exceeds the total, but its complement is not catalogued.
   * Optional so that indicators built before this field existed stay valid.
   */
  subsetOf: z.string().nullable().optional(),
  /** Counts are whole numbers; money and ratios need not be. */
  integer: z.boolean().default(true),
  /** A report for the period is incomplete without it. */
  required: z.boolean().default(false),
  notes: z.string().optional(),
  /**
   * Notes of the catalogue's review against the sample reports, for those who maintain the catalogue;
   * not shown to users. Only in catalogue/indicators.json: defaultCatalogue() leaves it out, so it is
   * never stored in the database nor sent to the UI.
   */
  reviewNotes: z.string().optional(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;
export type IndicatorInput = z.input<typeof IndicatorSchema>;

export const CatalogueSchema = z.array(IndicatorSchema);

/** Indexes a catalogue by code and checks that every reference (partOf, formula) names a known indicator. */
export class Catalogue {
  readonly indicators: readonly Indicator[];
  private readonly byCode: Map<string, Indicator>;

  constructor(indicators: readonly Indicator[]) {
    this.indicators = indicators;
    this.byCode = new Map(indicators.map((i) => [i.code, i]));
  }

  static parse(data: unknown): Catalogue {
    const catalogue = new Catalogue(CatalogueSchema.parse(data));
    const problems = catalogue.referenceProblems();
    if (problems.length > 0) throw new Error(`Invalid catalogue: ${problems.join('; ')}`);
    return catalogue;
  }

  get(code: string): Indicator | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** The parts of a total, grouped by breakdown dimension. */
  partsOf(totalCode: string): Map<string, Indicator[]> {
    const groups = new Map<string, Indicator[]>();
    for (const indicator of this.indicators) {
      if (indicator.partOf !== totalCode) continue;
      const key = indicator.dimension ?? '';
      groups.set(key, [...(groups.get(key) ?? []), indicator]);
    }
    return groups;
  }

  referenceProblems(): string[] {
    const problems: string[] = [];
    for (const i of this.indicators) {
      if (i.partOf && !this.byCode.has(i.partOf)) problems.push(`${i.code}.partOf → unknown ${i.partOf}`);
      if (i.subsetOf && !this.byCode.has(i.subsetOf))
        problems.push(`${i.code}.subsetOf → unknown ${i.subsetOf}`);
      if (i.formula) {
        for (const ref of [i.formula.numerator, i.formula.denominator]) {
          if (!this.byCode.has(ref)) problems.push(`${i.code}.formula → unknown ${ref}`);
        }
      }
      if (i.kind === 'ratio' && i.integer) problems.push(`${i.code}: a ratio cannot be integer-only`);
    }
    return problems;
  }
}
