-- Indicator.subsetOf: a total this indicator never exceeds without being one of its summing parts.
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS subset_of text;
