import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { upsertIndicators } from '../db/indicator.repository.js';
import { createOrganisation, getOrganisation } from '../db/organisation.repository.js';
import type { CutoffRuleColumn, Database, RoleName } from '../db/schema.js';
import { createUnit, getUnitByCode } from '../db/unit.repository.js';
import { createUser, grantRole } from '../db/user.repository.js';
import { defaultCatalogue, defaultReportTemplate } from '../domain/default-catalogue.js';
import { flattenTemplate } from '../domain/report-template.js';
import { importFile } from './import.service.js';
import { hashPassword } from './password.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The demo organisation, its units and users: data in fixtures/demo/organisation.json, not code. */
interface DemoData {
  organisations: Array<{
    id: string;
    name: string;
    short_name: string;
    parent_authority: string;
    place: string;
    symbol: string;
    cutoff_rule: CutoffRuleColumn;
    valid_from: string;
    valid_to: string | null;
    successor_id: string | null;
  }>;
  demoOrganisation: string;
  units: Array<{ code: string; name: string }>;
  demoPassword: string;
  users: Array<{ username: string; displayName: string; roles: Array<{ role: RoleName; unit?: string }> }>;
  history: string[];
}

export function demoData(): DemoData {
  return JSON.parse(readFileSync(resolve(ROOT, 'fixtures/demo/organisation.json'), 'utf8')) as DemoData;
}

export interface SeedResult {
  /** False when the demo organisation already existed and nothing was done. */
  created: boolean;
  orgId: string;
  users: string[];
  password: string;
  history: Array<{ file: string; periodId: string; values: number }>;
}

/** Organisations (with their successor chain), units, the default catalogue and the demo users, in one transaction. */
async function seedOrganisation(db: Kysely<Database>, data: DemoData): Promise<void> {
  const catalogue = defaultCatalogue();
  const password = await hashPassword(data.demoPassword);
  await db.transaction().execute(async (trx) => {
    // Successors first so the foreign key is satisfied.
    for (const org of [...data.organisations].reverse()) await createOrganisation(trx, org);
    for (const org of data.organisations) await upsertIndicators(trx, org.id, catalogue.indicators);
    const orgId = data.demoOrganisation;
    // A unit edits the report-template sections it owns (data in catalogue/report-template.json).
    const sections = flattenTemplate(defaultReportTemplate());
    for (const [position, unit] of data.units.entries()) {
      const owned = sections.filter((s) => s.unit === unit.code).map((s) => s.key);
      await createUnit(trx, { org_id: orgId, code: unit.code, name: unit.name, position, sections: owned });
    }
    for (const user of data.users) {
      const row = await createUser(trx, {
        orgId,
        username: user.username,
        displayName: user.displayName,
        passwordHash: password,
      });
      for (const grant of user.roles) {
        const unit = grant.unit ? await getUnitByCode(trx, orgId, grant.unit) : undefined;
        await grantRole(trx, { orgId, userId: row.id, unitId: unit?.id ?? null, role: grant.role });
      }
    }
  });
}

/** History: the five seed reports read through the importer, as a user would import old reports. */
async function importHistory(db: Kysely<Database>, data: DemoData): Promise<SeedResult['history']> {
  const history: SeedResult['history'] = [];
  for (const file of data.history) {
    const result = await importFile(db, {
      orgId: data.demoOrganisation,
      name: basename(file),
      bytes: readFileSync(resolve(ROOT, file)),
      actor: 'seed',
    });
    if (!result.ok) throw new Error(`Seed report ${file} could not be imported: ${result.error?.message}`);
    const meta = result.extraction!.document.meta;
    history.push({ file, periodId: meta.periodId, values: result.json.values.length });
  }
  return history;
}

/**
 * Creates the demo organisation "Sở Thông tin và Truyền thông tỉnh Trà Vinh" with its units, the
 * catalogue, one user per role and the five seed reports as history. Does nothing when it exists.
 */
export async function seedDemo(db: Kysely<Database>): Promise<SeedResult> {
  const data = demoData();
  const base = {
    orgId: data.demoOrganisation,
    users: data.users.map((u) => u.username),
    password: data.demoPassword,
  };
  if (await getOrganisation(db, data.demoOrganisation)) return { ...base, created: false, history: [] };
  await seedOrganisation(db, data);
  const history = await importHistory(db, data);
  return { ...base, created: true, history };
}
