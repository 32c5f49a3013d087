// Shapes of the HTTP API as the UI reads them (see the shared contract). Types only.
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
}

export type RoleName = 'admin' | 'office' | 'director' | 'editor' | 'analyst';

export interface RoleGrant {
  role: RoleName | string;
  unitId: string | null;
  unitCode: string | null;
}

export interface Session {
  user: SessionUser;
  orgId: string;
  roles: RoleGrant[];
  csrfToken: string;
}

export interface Organisation {
  id: string;
  name: string;
  shortName?: string | null;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
}

export interface CatalogueIndicator {
  code: string;
  name: string;
  nameEn?: string;
  unit: string;
  section: string;
  kind: 'flow' | 'stock' | 'ratio';
  integer?: boolean;
  required?: boolean;
}

export interface TemplateSectionView {
  key: string;
  number?: string | null;
  title: string;
  titleEn?: string;
  unit: string | null;
  kind?: string;
  indicators: string[];
  children?: TemplateSectionView[];
}

export interface ReportTemplateView {
  sections: TemplateSectionView[];
}

export interface StoredValue {
  indicator: string;
  value: number | string | null;
  scope?: string | null;
  breakdown?: string | null;
  qualifier?: string | null;
  unitId?: string | null;
  source?: string | null;
  updatedAt?: string | null;
  updatedBy?: string | null;
}

export interface ValueEdit {
  indicator: string;
  value: number | string;
}

export interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'info' | string;
  indicators: string[];
  numbers?: Record<string, number>;
  message: string;
}

export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'locked';

export interface NarrativeItem {
  id: string;
  sectionKey: string;
  kind: 'result' | 'plan';
  text: string;
  position?: number;
}

export interface ReportSummary {
  id: string;
  periodId: string;
  status: ReportStatus;
  number?: string | null;
  title?: string | null;
  issuedDate?: string | null;
}

export interface ReportSectionView {
  key: string;
  title: string;
  items?: NarrativeItem[];
  children?: ReportSectionView[];
}

export interface ReportDetail extends ReportSummary {
  signer?: string | null;
  recipients?: string[];
  sections?: ReportSectionView[];
  findings?: Finding[];
}

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
  findings?: Finding[];
  warnings?: string[];
}

export interface SeriesPoint {
  periodId: string;
  value: number | null;
}

export interface Series {
  indicator: string;
  name: string;
  unit: string;
  points: SeriesPoint[];
}

export interface DashboardLatest {
  indicator: string;
  name?: string;
  unit?: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  target?: number | null;
}

export interface DashboardCompleteness {
  unitCode: string;
  unitName: string;
  expected: number;
  present: number;
}

export interface Dashboard {
  periodId?: string;
  latest: DashboardLatest[];
  completeness: DashboardCompleteness[];
}

export interface SearchHit {
  id?: string;
  reportId?: string;
  periodId?: string;
  title?: string;
  text?: string;
  snippet?: string;
  [key: string]: unknown;
}

export interface SearchResult {
  reports: SearchHit[];
  items: SearchHit[];
  documents: SearchHit[];
}
