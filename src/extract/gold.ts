import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The hand-made annotations in fixtures/gold, as far as evaluation and pattern bootstrapping read them. */
export interface GoldValue {
  indicator: string;
  value: number;
  scope: 'period' | 'as_of_end' | 'cumulative';
  qualifier?: string | null;
  text: string;
}

export interface GoldCitation {
  type: string;
  number: string;
  symbol: string;
  date: string | null;
  text: string;
}

export interface GoldSeed {
  id: string;
  file: string;
  text: string;
  meta: {
    report_kind: string;
    period: { year: number; month?: number; months?: [number, number] };
    plan_period: { year: number; month?: number; months?: [number, number] } | null;
    number: string | null;
    issued_date: string | null;
    place: string | null;
    agency: string | null;
    title: string | null;
    signer: { name: string; position: string; on_behalf: string | null } | null;
    recipients: string[];
  };
  sections: Array<{ level: number; number: string | null; title: string }>;
  values: GoldValue[];
  citations: GoldCitation[];
}

/** Loads every gold annotation with the seed text it annotates. */
export function loadGoldSeeds(fixturesDir: string): GoldSeed[] {
  const goldDir = join(fixturesDir, 'gold');
  return readdirSync(goldDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const gold = JSON.parse(readFileSync(join(goldDir, name), 'utf8')) as Omit<GoldSeed, 'id' | 'text'>;
      const text = readFileSync(join(fixturesDir, 'seeds', gold.file), 'utf8');
      return { ...gold, id: name.slice(0, 3), text };
    });
}
