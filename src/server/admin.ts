import type { Kysely } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { getIndicator, type StoredIndicator, toIndicator } from '../db/indicator.repository.js';
import type { Database, UnitRow } from '../db/schema.js';
import type { Queryable } from '../db/types.js';
import { createUnit, getUnitByCode, updateUnit } from '../db/unit.repository.js';
import { AppError } from '../domain/errors.js';
import { flattenTemplate } from '../domain/report-template.js';
import { type Auth, requireAccess } from '../services/access.js';
import { organisationTemplate } from '../services/report.service.js';

/**
 * What an admin changes besides users: the units (and the report sections each writes) and the
 * indicator catalogue's wording and flags. Every change is audited old → new.
 */

async function checkSections(db: Queryable, orgId: string, sections: readonly string[]): Promise<void> {
  const known = new Set(flattenTemplate(await organisationTemplate(db, orgId)).map((s) => s.key));
  const unknown = sections.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    throw new AppError(
      'unit.sections_unknown',
      `Mục báo cáo không có trong bố cục: ${unknown.join(', ')}.`,
      400,
      {
        unknown,
      },
    );
  }
}

export interface UnitInput {
  code: string;
  name: string;
  shortName?: string | null | undefined;
  sections?: string[] | undefined;
}

export async function createOrganisationUnit(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  input: UnitInput,
): Promise<UnitRow> {
  await requireAccess(auth, 'org.admin', [orgId]);
  if (await getUnitByCode(db, orgId, input.code)) {
    throw new AppError('unit.exists', `Mã đơn vị "${input.code}" đã được dùng.`, 409);
  }
  await checkSections(db, orgId, input.sections ?? []);
  return db.transaction().execute(async (trx) => {
    const unit = await createUnit(trx, {
      org_id: orgId,
      code: input.code,
      name: input.name,
      short_name: input.shortName ?? null,
      sections: input.sections ?? [],
    });
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'unit.create',
      entity: 'unit',
      entityId: unit.id,
      after: { code: unit.code, name: unit.name, sections: unit.sections },
    });
    return unit;
  });
}

export interface UnitChanges {
  name?: string | undefined;
  shortName?: string | null | undefined;
  sections?: string[] | undefined;
  /** The last day the unit existed (a reorganisation); null re-opens it. */
  validTo?: string | null | undefined;
}

export async function updateOrganisationUnit(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  code: string,
  changes: UnitChanges,
): Promise<UnitRow> {
  await requireAccess(auth, 'org.admin', [orgId]);
  const set = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.shortName !== undefined ? { short_name: changes.shortName } : {}),
    ...(changes.sections !== undefined ? { sections: changes.sections } : {}),
    ...(changes.validTo !== undefined ? { valid_to: changes.validTo } : {}),
  };
  return db.transaction().execute(async (trx) => {
    // Read under the row lock: the audit's "before" is what this change replaces, even with a concurrent edit.
    const unit = await getUnitByCode(trx, orgId, code, 'update');
    if (!unit) throw new AppError('unit.unknown', `Không tìm thấy đơn vị "${code}".`, 404);
    if (changes.sections) await checkSections(trx, orgId, changes.sections);
    const updated = Object.keys(set).length > 0 ? await updateUnit(trx, orgId, unit.id, set) : unit;
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'unit.update',
      entity: 'unit',
      entityId: unit.id,
      before: {
        name: unit.name,
        shortName: unit.short_name,
        sections: unit.sections,
        validTo: unit.valid_to,
      },
      after: changes,
    });
    return updated ?? unit;
  });
}

export interface IndicatorChanges {
  name?: string | undefined;
  nameEn?: string | null | undefined;
  required?: boolean | undefined;
  /** A retired indicator keeps its stored values but is no longer offered for entry. */
  active?: boolean | undefined;
  notes?: string | null | undefined;
}

export async function updateCatalogueIndicator(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  code: string,
  changes: IndicatorChanges,
): Promise<StoredIndicator> {
  await requireAccess(auth, 'org.admin', [orgId]);
  const set = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.nameEn !== undefined ? { name_en: changes.nameEn } : {}),
    ...(changes.required !== undefined ? { required: changes.required } : {}),
    ...(changes.active !== undefined ? { active: changes.active } : {}),
    ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
  };
  return db.transaction().execute(async (trx) => {
    // Read under the row lock: the audit's "before" is what this change replaces, even with a concurrent edit.
    const current = await getIndicator(trx, orgId, code, 'update');
    if (!current) throw new AppError('indicator.unknown', `Chỉ tiêu "${code}" không có trong danh mục.`, 404);
    const row =
      Object.keys(set).length > 0
        ? await trx
            .updateTable('indicators')
            .set(set)
            .where('org_id', '=', orgId)
            .where('code', '=', code)
            .returningAll()
            .executeTakeFirstOrThrow()
        : undefined;
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'indicator.update',
      entity: 'indicator',
      entityId: code,
      before: {
        name: current.name,
        nameEn: current.nameEn ?? null,
        required: current.required,
        active: current.active,
        notes: current.notes ?? null,
      },
      after: changes,
    });
    return row ? toIndicator(row) : current;
  });
}
