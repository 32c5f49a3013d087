import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

// Dependencies point down: domain ← db, extract, render, sheets ← services ← server, cli (DESIGN.md "Architecture").
const root = resolve(import.meta.dirname, '..');
const LAYER_OF = (file: string): string => relative(join(root, 'src'), file).split('/')[0]!;

const ALLOWED: Record<string, string[]> = {
  domain: ['domain'],
  db: ['domain', 'db'],
  extract: ['domain', 'extract'],
  render: ['domain', 'db', 'render'],
  // Spreadsheet files of figures (XLSX, CSV) ↔ rows of figures: a file format, like extract and render.
  sheets: ['domain', 'sheets'],
  services: ['domain', 'db', 'extract', 'render', 'sheets', 'services'],
  server: ['domain', 'db', 'extract', 'render', 'sheets', 'services', 'server'],
  cli: ['domain', 'db', 'extract', 'render', 'sheets', 'services', 'server', 'cli'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
  return specifiers.map((s) => resolve(file, '..', s));
}

test('each layer imports only the layers below it', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(join(root, 'src'))) {
    const layer = LAYER_OF(file);
    const allowed = ALLOWED[layer];
    assert.ok(allowed, `unknown layer folder src/${layer}`);
    for (const target of relativeImports(file)) {
      if (!target.startsWith(join(root, 'src'))) {
        if (!target.startsWith(join(root, 'catalogue')))
          violations.push(`${relative(root, file)} → ${relative(root, target)}`);
        continue;
      }
      const targetLayer = LAYER_OF(target);
      if (!allowed.includes(targetLayer))
        violations.push(`${relative(root, file)} → ${relative(root, target)}`);
    }
  }
  assert.deepEqual(violations, []);
});

test('the domain layer does no I/O', () => {
  const offenders = sourceFiles(join(root, 'src', 'domain')).filter((file) =>
    /from\s+['"](node:)?(fs|fs\/promises|net|http|https|child_process|pg)['"]|@electric-sql\/pglite|kysely/.test(
      readFileSync(file, 'utf8'),
    ),
  );
  assert.deepEqual(
    offenders.map((f) => relative(root, f)),
    [],
  );
});
