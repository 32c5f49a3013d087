// The API's shapes come from the server's single truth (types only, nothing of the server is bundled).
import type {
  ReportTemplate,
  Dashboard as ServerDashboard,
  SearchResult as ServerSearchResult,
  TemplateSection,
} from '../../src/server/api-types.js';

export type {
  Finding,
  Indicator as CatalogueIndicator,
  NarrativeItem,
  Organisation,
  ReportDetail,
  ReportStatus,
  ReportSummary,
  RoleGrant,
  Series,
  Session,
  StoredValue,
  Unit,
} from '../../src/server/api-types.js';

export type Dashboard = ServerDashboard;
export type DashboardLatest = ServerDashboard['latest'][number];
export type SearchResult = ServerSearchResult;
export type TemplateSectionView = Pick<
  TemplateSection,
  'key' | 'number' | 'title' | 'titleEn' | 'unit' | 'indicators'
> & {
  children?: TemplateSectionView[];
};
export type ReportTemplateView = Pick<ReportTemplate, 'sections'>;

// Import results are not in the server's type file yet; these are the fields the contract names.
export interface ImportedValue {
  id: string;
  indicator: string;
  value: number | string | null;
  scope?: string | null;
  qualifier?: string | null;
  start: number;
  end: number;
  confidence?: number;
  text?: string;
}

export interface ImportResult {
  importId: string;
  status: string;
  meta?: { periodId?: string | null; number?: string | null; title?: string | null; [key: string]: unknown };
  sourceText: string;
  values: ImportedValue[];
  citations?: unknown[];
  findings?: import('../../src/server/api-types.js').Finding[];
  warnings?: string[];
}
