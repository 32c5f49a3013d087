import type { Queryable } from './types.js';

/** An organisation's override of the default report template (catalogue/), or undefined to use the default. */
export async function getReportTemplate(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('report_templates')
    .select('template')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  return row?.template;
}

export async function saveReportTemplate(
  db: Queryable,
  template: { orgId: string; id: string; name: string; template: unknown; active?: boolean },
): Promise<void> {
  const values = {
    org_id: template.orgId,
    id: template.id,
    name: template.name,
    template: JSON.stringify(template.template),
    active: template.active ?? true,
  };
  await db
    .insertInto('report_templates')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'id'])
        .doUpdateSet({ name: values.name, template: values.template, active: values.active }),
    )
    .execute();
}

/** Per-organisation sentence template overrides, by key. */
export async function getSentenceTemplates(db: Queryable, orgId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('sentence_templates')
    .select(['key', 'template'])
    .where('org_id', '=', orgId)
    .execute();
  return new Map(rows.map((r) => [r.key, r.template]));
}

export async function saveSentenceTemplate(
  db: Queryable,
  orgId: string,
  key: string,
  template: string,
): Promise<void> {
  await db
    .insertInto('sentence_templates')
    .values({ org_id: orgId, key, template })
    .onConflict((oc) => oc.columns(['org_id', 'key']).doUpdateSet({ template }))
    .execute();
}

export async function deleteSentenceTemplate(db: Queryable, orgId: string, key: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sentence_templates')
    .where('org_id', '=', orgId)
    .where('key', '=', key)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
