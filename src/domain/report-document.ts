import { z } from 'zod';

/**
 * The report document: the one model in the middle of the system. The importer turns a file
 * into it, the generator builds it from the store, renderers write it as DOCX/HTML/Markdown;
 * `import(render(doc))` must give `doc` back.
 */

export const ReportKindSchema = z.enum(['monthly', 'quarterly', 'half_year', 'nine_months', 'annual']);

export const SignerSchema = z.object({
  name: z.string(),
  /** "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC". */
  position: z.string(),
  /** "KT. GIÁM ĐỐC" / "TL. GIÁM ĐỐC" when signing on behalf, else null. */
  onBehalf: z.string().nullable(),
});
export type Signer = z.infer<typeof SignerSchema>;

export const ReportMetaSchema = z.object({
  /** Parent authority of the issuing agency, upper-case in the header ("UBND TỈNH TRÀ VINH"). */
  parentAuthority: z.string().nullable().default(null),
  agency: z.string(),
  kind: ReportKindSchema,
  /** Period id ("2022-04", "2021-9M", "2017"). */
  periodId: z.string(),
  /** Period id of the plan part ("2022-05", "2021-Q4", "2018"), when the report has one. */
  planPeriodId: z.string().nullable().default(null),
  /** Number and symbol, "1768/BC-STTTT-VP". */
  number: z.string().nullable().default(null),
  /** ISO date. */
  issuedDate: z.string().nullable().default(null),
  place: z.string().nullable().default(null),
  title: z.string().nullable().default(null),
  signer: SignerSchema.nullable().default(null),
  recipients: z.array(z.string()).default([]),
});
export type ReportMeta = z.infer<typeof ReportMetaSchema>;

export const ItemKindSchema = z.enum(['result', 'plan']);
export type ItemKind = z.infer<typeof ItemKindSchema>;

export const ReportItemSchema = z.object({
  kind: ItemKindSchema,
  /** A bullet ("- …"), a sub-bullet ("+ …", "* …") or a plain paragraph. */
  style: z.enum(['bullet', 'sub_bullet', 'paragraph']).default('bullet'),
  text: z.string(),
  /** Offsets into the source text, for imported items. */
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});
export type ReportItem = z.infer<typeof ReportItemSchema>;

export interface ReportSection {
  /** Key of the template section it matched ("cntt", "buu_chinh"), or null. */
  key: string | null;
  /** 1 = Roman numeral, 2 = "1.", 3 = "6.1" or "a)". */
  level: number;
  /** "I", "1", "6.1", "a"; null for an unnumbered heading such as "PHỤ LỤC". */
  number: string | null;
  title: string;
  items: ReportItem[];
  children: ReportSection[];
}

export const ReportSectionSchema: z.ZodType<ReportSection> = z.lazy(() =>
  z.object({
    key: z.string().nullable(),
    level: z.number().int().min(1),
    number: z.string().nullable(),
    title: z.string(),
    items: z.array(ReportItemSchema),
    children: z.array(ReportSectionSchema),
  }),
);

export const ValueScopeSchema = z.enum(['period', 'as_of_end', 'cumulative']);
export type ValueScope = z.infer<typeof ValueScopeSchema>;

export const ReportValueSchema = z.object({
  indicator: z.string(),
  value: z.number(),
  scope: ValueScopeSchema,
  /** "ước", "hơn", "khoảng", a breakdown label…; null when plain. */
  qualifier: z.string().nullable().default(null),
  /** The words the value was read from or written into. */
  text: z.string().default(''),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
  /** 0–1; extracted values below the review threshold are flagged, not silently stored. */
  confidence: z.number().min(0).max(1).default(1),
});
export type ReportValue = z.infer<typeof ReportValueSchema>;

export const CitationSchema = z.object({
  /** "Quyết định", "Nghị định", "Công văn", … */
  type: z.string(),
  number: z.string(),
  /** "QĐ-UBND", "2020/NĐ-CP", "CT/TW". */
  symbol: z.string(),
  /** ISO date when written. */
  date: z.string().nullable().default(null),
  issuer: z.string().nullable().default(null),
  text: z.string(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const ReportDocumentSchema = z.object({
  meta: ReportMetaSchema,
  /** The opening paragraph before section I. */
  intro: z.string().nullable().default(null),
  sections: z.array(ReportSectionSchema),
  /** The closing paragraph ("Trên đây là …"). */
  closing: z.string().nullable().default(null),
  values: z.array(ReportValueSchema).default([]),
  citations: z.array(CitationSchema).default([]),
});
export type ReportDocument = z.infer<typeof ReportDocumentSchema>;

/** Depth-first walk over a section tree. */
export function* walkSections(sections: readonly ReportSection[]): Generator<ReportSection> {
  for (const section of sections) {
    yield section;
    yield* walkSections(section.children);
  }
}
