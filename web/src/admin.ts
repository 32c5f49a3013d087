// Checks and change sets of the administration screen. The server's schemas (organisation.routes.ts) answer
// a bad field in English zod words, so the form checks the same limits first and says what is wrong in
// Vietnamese; the server still decides.
import { parseViDate } from '../../src/domain/vietnamese/date.js';
import { foldForSearch } from '../../src/domain/vietnamese/fold.js';
import type { CatalogueIndicator, RoleGrant, Unit, User } from './api-types.js';
import type { MessageKey } from './i18n.js';

export type RoleName = RoleGrant['role'];
export const ROLES: readonly RoleName[] = ['editor', 'office', 'director', 'admin', 'analyst'];

/** The minimum length the server demands of a password (NewUserSchema, UserChangeSchema). */
export const PASSWORD_MIN = 10;

export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.keys(errors).length > 0;
}

export function checkPassword(password: string): MessageKey | null {
  if (password.length < PASSWORD_MIN) return 'errPasswordShort';
  if (password.length > 200) return 'errPasswordLong';
  return null;
}

export function checkDisplayName(name: string): MessageKey | null {
  const trimmed = name.trim();
  return trimmed.length === 0 || trimmed.length > 200 ? 'errDisplayName' : null;
}

export interface NewUserForm {
  username: string;
  displayName: string;
  password: string;
  role: RoleName;
  /** '' = the whole organisation. */
  unitCode: string;
}

export function checkNewUser(form: NewUserForm): FieldErrors<keyof NewUserForm> {
  const errors: FieldErrors<keyof NewUserForm> = {};
  if (!/^[a-z0-9._-]{2,50}$/.test(form.username.trim())) errors.username = 'errUsername';
  const name = checkDisplayName(form.displayName);
  if (name) errors.displayName = name;
  const password = checkPassword(form.password);
  if (password) errors.password = password;
  return errors;
}

/** The POST body of a checked form: one role, on a unit or on the whole organisation. */
export function newUserRequest(form: NewUserForm) {
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    password: form.password,
    roles: [{ role: form.role, unitCode: form.unitCode || null }],
  };
}

/** A user's role as the role editor shows it: one role, on a unit or ('' ) on the whole organisation. */
export interface RoleForm {
  role: RoleName;
  unitCode: string;
}

/** The editor starts from the user's grant (the admin page gives each user one). */
export function roleFormOf(user: Pick<User, 'roles'>): RoleForm {
  const grant = user.roles[0];
  return { role: grant?.role ?? 'editor', unitCode: grant?.unitCode ?? '' };
}

/**
 * The PATCH body of a role change: the one role that replaces the user's grants, or nothing when the user
 * already holds exactly that role on that unit (no request, no audit entry for a change that is none).
 */
export function roleChange(
  user: Pick<User, 'roles'>,
  form: RoleForm,
): { role: RoleName; unitCode: string | null } | Record<string, never> {
  const unitCode = form.unitCode || null;
  const [only, ...others] = user.roles;
  const same =
    only !== undefined && others.length === 0 && only.role === form.role && only.unitCode === unitCode;
  return same ? {} : { role: form.role, unitCode };
}

export interface UnitForm {
  code: string;
  name: string;
  shortName: string;
  /** d/m/yyyy as typed; '' = still in service. */
  validTo: string;
}

const UNIT_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkUnit(form: UnitForm, isNew: boolean): FieldErrors<keyof UnitForm> {
  const errors: FieldErrors<keyof UnitForm> = {};
  if (isNew && (!UNIT_CODE.test(form.code.trim()) || form.code.trim().length > 50))
    errors.code = 'errUnitCode';
  const name = form.name.trim();
  if (name.length === 0 || name.length > 300) errors.name = 'errUnitName';
  if (form.shortName.trim().length > 100) errors.shortName = 'errShortName';
  if (form.validTo.trim() !== '' && parseViDate(form.validTo) === null) errors.validTo = 'invalidDate';
  return errors;
}

/** Only what the admin changed, so the audit trail names the real change; '' short name or end date clears it. */
/** The fields of a unit's editor that differ from the unit; `sections` compared as a set (order is the template's). */
export function unitChanges(unit: Unit, form: UnitForm & { sections?: readonly string[] }) {
  const name = form.name.trim();
  const shortName = form.shortName.trim() || null;
  const validTo = form.validTo.trim() ? parseViDate(form.validTo) : null;
  const sections = form.sections;
  const sameSections =
    sections === undefined ||
    (sections.length === unit.sections.length && sections.every((key) => unit.sections.includes(key)));
  return {
    ...(name !== unit.name ? { name } : {}),
    ...(shortName !== unit.shortName ? { shortName } : {}),
    ...(validTo !== unit.validTo ? { validTo } : {}),
    ...(sameSections ? {} : { sections: [...sections] }),
  };
}

export interface IndicatorForm {
  name: string;
  nameEn: string;
  required: boolean;
  active: boolean;
  notes: string;
}

export function checkIndicator(form: IndicatorForm): FieldErrors<keyof IndicatorForm> {
  const errors: FieldErrors<keyof IndicatorForm> = {};
  const name = form.name.trim();
  if (name.length === 0 || name.length > 500) errors.name = 'errIndicatorName';
  if (form.nameEn.trim().length > 500) errors.nameEn = 'errNameEn';
  if (form.notes.trim().length > 2000) errors.notes = 'errNotes';
  return errors;
}

export function indicatorChanges(indicator: CatalogueIndicator, form: IndicatorForm) {
  const name = form.name.trim();
  const nameEn = form.nameEn.trim() || null;
  const notes = form.notes.trim() || null;
  return {
    ...(name !== indicator.name ? { name } : {}),
    ...(nameEn !== (indicator.nameEn ?? null) ? { nameEn } : {}),
    ...(form.required !== indicator.required ? { required: form.required } : {}),
    ...(form.active !== indicator.active ? { active: form.active } : {}),
    ...(notes !== (indicator.notes ?? null) ? { notes } : {}),
  };
}

/**
 * Indicators whose code or name (Vietnamese or English) contains the typed text, diacritics optional. The
 * text is matched as one phrase: word by word, folding makes "chung thu so" find "tiêm chủng thực tế … Số".
 */
export function filterCatalogue(
  indicators: readonly CatalogueIndicator[],
  query: string,
): CatalogueIndicator[] {
  const phrase = foldForSearch(query).split(/\s+/).filter(Boolean).join(' ');
  if (phrase === '') return [...indicators];
  return indicators.filter((indicator) =>
    [indicator.code, indicator.name, indicator.nameEn ?? ''].some((text) =>
      foldForSearch(text).replace(/\s+/g, ' ').includes(phrase),
    ),
  );
}
