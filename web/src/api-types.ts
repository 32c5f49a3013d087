// The API's shapes come from the server's single truth (types only, nothing of the server is bundled).
import type {
  ReportTemplate,
  Dashboard as ServerDashboard,
  SearchResult as ServerSearchResult,
  TemplateSection,
} from '../../src/server/api-types.js';

export type {
  EditedWording,
  Finding,
  ImportAccepted,
  ImportEntry,
  ImportReview,
  ImportWithdrawn,
  Indicator as CatalogueIndicator,
  LearnedWording,
  LearntWording,
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
  User,
  ValueSheetImport,
  WordingChange,
  WordingRequest,
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
