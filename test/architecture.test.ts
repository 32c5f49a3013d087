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

/** The modules a file imports at run time (type-only imports are erased), as written: relative or bare. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)(?!\s+type\b)[^'";]*?from\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1]!,
  );
}

test('the web bundles no zod through the modules of src/ it imports', () => {
  const webFiles = (function walk(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return /\.tsx?$/.test(path) && !path.includes('.test.') ? [path] : [];
    });
  })(join(root, 'web', 'src'));
  const offenders: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, via: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      if (specifier === 'zod' || specifier.startsWith('zod/'))
        offenders.push(`${via} → ${relative(root, file)}`);
      if (!specifier.startsWith('.')) continue;
      const target = resolve(file, '..', specifier).replace(/\.js$/, '.ts');
      if (target.startsWith(join(root, 'src'))) visit(target, via);
    }
  };
  for (const file of webFiles) {
    for (const specifier of runtimeImports(file)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolve(file, '..', specifier).replace(/\.js$/, '.ts');
      if (target.startsWith(join(root, 'src'))) visit(target, relative(root, file));
    }
  }
  assert.ok(seen.size > 0, 'the web imports some modules of src/');
  assert.deepEqual(offenders, []);
});
