// The HTTP API's shapes, the single truth for clients (the web app imports these types). Types only:
// no runtime imports. Ids are strings (bigint-safe); dates ISO 'YYYY-MM-DD'; timestamps ISO strings.
// Errors: { error: { code, message (Vietnamese), details? } } with the HTTP status of the AppError.
// Views the services build, and the domain's Finding, are sent as they are: one definition each, re-exported
// here as types only.

import type { Finding } from '../domain/validation.js';

/** GET /api/orgs/:orgId/series?indicators=a,b&kind=month|year|all and GET …/dashboard[?period=] */
export type { DashboardView as Dashboard, SeriesView as Series } from '../services/dashboard.service.js';
/** POST /api/orgs/:orgId/imports/:id/wordings (WordingRequest: a span of the review's source text, an indicator
 * and scope, optionally the figure) → LearntWording: the wording the organisation's imports now read, the figure
 * it reads there and the file's review again. GET /api/orgs/:orgId/wordings → LearnedWording[];
 * PATCH /api/orgs/:orgId/wordings/:id (WordingChange: indicator, scope, match) → EditedWording corrects one;
 * DELETE /api/orgs/:orgId/wordings/:id forgets one. */
export type {
  EditedWording,
  LearnedWording,
  WordingChange,
} from '../services/extraction-pattern.service.js';
export type {
  KeptFigure,
  WithdrawnImport as ImportWithdrawn,
} from '../services/import-withdrawal.service.js';
/** GET /api/orgs/:orgId/reports[?period=], POST (create draft {periodId}), PATCH, POST …/status → ReportSummary;
 * GET /api/orgs/:orgId/reports/:id → ReportDetail (sections with their narrative items, the period's findings). */
export type {
  ReportDetailView as ReportDetail,
  ReportItemView as NarrativeItem,
  ReportSectionView as ReportSection,
  ReportSummaryView as ReportSummary,
} from '../services/report.service.js';
/** GET /api/orgs/:orgId/search?q=quyet dinh 695 */
export type { SearchView as SearchResult } from '../services/search.service.js';
/** GET /api/orgs/:orgId/values/export?from=2022-01&to=2022-12&format=xlsx|csv → the sheet (Content-Disposition
 * names it "Số liệu chỉ tiêu 2022-01 đến 2022-12.xlsx").
 * POST /api/orgs/:orgId/values/import (multipart `file`, optional `dryRun` = 'true', `reason`) → ValueSheetImport. */
export type { ImportValueSheetResult as ValueSheetImport } from '../services/value-sheet.service.js';
/** POST /api/orgs/:orgId/imports (multipart `file`) → ImportReview; nothing is stored but the file.
 * POST /api/orgs/:orgId/imports/:id/accept → ImportAccepted.
 * GET /api/orgs/:orgId/imports → ImportEntry[]: files waiting for review (status 'review') and past imports.
 * POST /api/orgs/:orgId/imports/:id/withdraw { reason? } → ImportWithdrawn: an accepted import taken back. */
export type {
  AcceptedImport as ImportAccepted,
  ImportListEntry as ImportEntry,
  ReviewValue,
  UploadReview as ImportReview,
} from './import-review.js';
export type { LearntWording, WordingRequest } from './import-wording.js';
/** A problem in a period's figures (rule, severity 'error' | 'warning', indicators, numbers, message in Vietnamese,
 * messageEn in English; findings stored before messageEn existed lack it: clients show `message` then). */
export type { Finding };

export type RoleName = 'editor' | 'office' | 'director' | 'admin' | 'analyst';
export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'locked';
export type ValueScope = 'period' | 'as_of_end' | 'cumulative';
export type ItemKind = 'result' | 'plan';

export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** POST /api/auth/login body. Rate limited: 5 failures per username + address per 15 minutes → 429. */
export interface LoginRequest {
  orgId?: string;
  username: string;
  password: string;
}

export interface RoleGrant {
  role: RoleName;
  unitId: string | null;
  unitCode: string | null;
}

/** POST /api/auth/login, GET /api/auth/me. Send csrfToken as x-csrf-token on every POST/PUT/PATCH/DELETE. */
export interface Session {
  user: { id: string; username: string; displayName: string };
  orgId: string;
  roles: RoleGrant[];
  csrfToken: string;
}

/** GET /api/organisations, GET /api/orgs/:orgId */
export interface Organisation {
  id: string;
  name: string;
  shortName: string | null;
  parentAuthority: string | null;
  place: string | null;
  symbol: string | null;
  cutoffRule: string;
  validFrom: string | null;
  validTo: string | null;
  successorId: string | null;
}

/** GET /api/orgs/:orgId/units */
export interface Unit {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  /** Report-template section keys the unit writes. */
  sections: string[];
  validFrom: string | null;
  validTo: string | null;
}

/** GET/POST /api/orgs/:orgId/users (admin) */
export interface User {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  roles: RoleGrant[];
}
export interface NewUserRequest {
  username: string;
  displayName: string;
  password: string;
  roles: Array<{ role: RoleName; unitCode?: string | null }>;
}

/** GET /api/orgs/:orgId/catalogue (active indicators; `?inactive=true` adds the retired ones, for the admin screen) */
export interface Indicator {
  code: string;
  name: string;
  nameEn?: string;
  unit: string;
  section: string;
  kind: 'flow' | 'stock' | 'ratio';
  formula: { numerator: string; denominator: string; multiplier: number } | null;
  partOf: string | null;
  dimension: string | null;
  subsetOf?: string | null;
  integer: boolean;
  required: boolean;
  notes?: string;
  active: boolean;
  position: number;
}

export interface TemplateSection {
  key: string;
  number: string | null;
  level: number;
  title: string;
  titleEn?: string;
  unit: string | null;
  kind: string;
  optional: boolean;
  indicators: string[];
  children: TemplateSection[];
}

/** GET /api/orgs/:orgId/template[?period=2022-04] (titles filled with the period when given) */
export interface ReportTemplate {
  name: string;
  periodId: string | null;
  sections: TemplateSection[];
}

/** GET /api/orgs/:orgId/values?period=2022-04[&unit=phong-cntt] → StoredValue[] */
export interface StoredValue {
  indicator: string;
  value: number;
  scope: ValueScope;
  breakdown: string;
  qualifier: string | null;
  unitId: string | null;
  periodId: string;
  source: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ValueEdit {
  indicator: string;
  /** A number or Vietnamese text: "1.858" = 1858, "30,73" = 30.73. */
  value: number | string;
  scope?: ValueScope;
  breakdown?: string;
  qualifier?: string | null;
}

/**
 * PUT /api/orgs/:orgId/values. The figures are the organisation's (stored without a unit); unitCode names the
 * unit the editor acts for and decides what they may write. 403 for indicators outside an editor's unit;
 * 409 value.locked for an approved period.
 */
export interface SaveValuesRequest {
  periodId: string;
  unitCode?: string | null;
  values: ValueEdit[];
  reason?: string;
}

export interface SaveValuesResult {
  saved: number;
  inserted: number;
  updated: number;
  unchanged: number;
  findings: Finding[];
}

/** POST /api/orgs/:orgId/validate {periodId, values?} and GET /api/orgs/:orgId/findings?period= */
export interface ValidateRequest {
  periodId: string;
  values?: ValueEdit[];
}
export interface FindingsResult {
  periodId: string;
  findings: Finding[];
}

/** PATCH /api/orgs/:orgId/reports/:id (office, while not approved) */
export interface ReportMetaChange {
  number?: string | null;
  issuedDate?: string | null;
  title?: string | null;
  place?: string | null;
  signer?: string | { name?: string | null; position?: string | null; onBehalf?: string | null };
  recipients?: string[];
  intro?: string | null;
  closing?: string | null;
}

/**
 * POST /api/orgs/:orgId/reports/:id/status. Office: draft → submitted. Office or director: submitted → draft.
 * Director: submitted → approved → locked. Director/admin: approved|locked → draft with a reason.
 */
export interface StatusChange {
  status: ReportStatus;
  reason?: string;
}

/** POST …/reports/:id/items; PATCH …/items/:itemId; POST …/items/reorder */
export interface NewItem {
  sectionKey: string;
  kind: ItemKind;
  text: string;
}
export interface ItemChange {
  text?: string;
  kind?: ItemKind;
}
export interface ReorderItems {
  sectionKey: string;
  itemIds: string[];
}

/**
 * PATCH /api/orgs/:orgId/users/:userId (admin). Deactivating or a new password ends the user's sessions. `role`
 * replaces all the user's roles with this one, on `unitCode` (null or absent: the whole organisation); open
 * sessions act with it from their next request. Refused: an unknown role (400 request.invalid), a unit code
 * without a role (400 user.unit_without_role), an unknown unit (400 unit.unknown), demoting or locking the last
 * active admin (409 user.last_admin), locking oneself (409 user.self), a non-admin (403), an unknown user (404).
 */
export interface UserChange {
  displayName?: string;
  active?: boolean;
  password?: string;
  role?: RoleName;
  unitCode?: string | null;
}

/** POST /api/orgs/:orgId/units, PATCH /api/orgs/:orgId/units/:code (admin) */
export interface NewUnitRequest {
  code: string;
  name: string;
  shortName?: string | null;
  sections?: string[];
}
export interface UnitChange {
  name?: string;
  shortName?: string | null;
  sections?: string[];
  validTo?: string | null;
}

/** PATCH /api/orgs/:orgId/catalogue/:code (admin) */
export interface IndicatorChange {
  name?: string;
  nameEn?: string | null;
  required?: boolean;
  active?: boolean;
  notes?: string | null;
}

/** GET /api/orgs/:orgId/audit[?entity=&entityId=&limit=] (admin, director, office, analyst), newest first */
export interface AuditEntry {
  id: string;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  at: string;
}

/** POST /api/orgs/:orgId/imports/:id/accept {values:[{id, accept, value?}]} */
export interface ImportAccept {
  values: Array<{ id: string; accept: boolean; value?: number | string }>;
}
