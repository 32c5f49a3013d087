-- An accepted import can be withdrawn (POST …/imports/:id/withdraw): what it stored is removed and the
-- import row stays, marked withdrawn, for the history and the audit log. Written to run again unchanged.

ALTER TABLE imports DROP CONSTRAINT IF EXISTS imports_status_check;
ALTER TABLE imports ADD CONSTRAINT imports_status_check
  CHECK (status IN ('stored', 'failed', 'dry_run', 'accepted', 'pending_review', 'withdrawn'));
ALTER TABLE imports ADD COLUMN IF NOT EXISTS withdrawn_by text;
ALTER TABLE imports ADD COLUMN IF NOT EXISTS withdrawn_at timestamptz;
-- The figures the import held when it was accepted (indicator, scope, breakdown): on withdrawal, those a
-- person (or a later import) changed since are told apart from those that are gone.
ALTER TABLE imports ADD COLUMN IF NOT EXISTS stored_figures jsonb NOT NULL DEFAULT '[]'::jsonb;
-- The organisation-level figures of the import's period and indicators as they were before it wrote
-- (value, qualifier, source, source_ref, report_id, import_id): a withdrawal puts them back.
ALTER TABLE imports ADD COLUMN IF NOT EXISTS replaced_figures jsonb NOT NULL DEFAULT '[]'::jsonb;

-- The same content is imported once, unless the import that brought it in was withdrawn.
ALTER TABLE imports DROP CONSTRAINT IF EXISTS imports_org_id_file_hash_key;
CREATE UNIQUE INDEX IF NOT EXISTS imports_org_id_file_hash_key ON imports (org_id, file_hash)
  WHERE status <> 'withdrawn';

-- The import that wrote a figure (its own reading, or a correction made while reviewing it); null for a
-- figure a person, the API or a spreadsheet wrote. Every later write sets it again.
ALTER TABLE data_values ADD COLUMN IF NOT EXISTS import_id bigint REFERENCES imports (id) ON DELETE SET NULL;
CREATE INDEX IF NOT EXISTS data_values_import_idx ON data_values (import_id) WHERE import_id IS NOT NULL;

-- Figures imported before: an imported figure points at the report its import created. Corrections made
-- while reviewing (source 'manual') cannot be told from a person's later entry and stay untraced.
UPDATE data_values AS d SET import_id = r.import_id
FROM reports AS r
WHERE d.import_id IS NULL AND d.source = 'import' AND d.report_id = r.id
  AND r.origin = 'imported' AND r.import_id IS NOT NULL;
