import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { degrade } from './degrade.test-helper.js';
import { type LiteralMatch, matchLiteralAt, scanLiteral } from './literal-pattern.js';
import { makeSourceText } from './source-text.js';
import { type CompiledPattern, compilePattern, defaultValuePatterns } from './value-patterns.js';

const seedsDir = join(import.meta.dirname, '../../fixtures/seeds');

/** What the pattern's own regular expression finds at `start`, in the literal matcher's terms. */
function regexAt(compiled: CompiledPattern, text: string, start: number): LiteralMatch | null {
  const sticky = new RegExp(compiled.re.source, 'dy');
  sticky.lastIndex = start;
  const match = sticky.exec(text);
  if (!match) return null;
  const figure = match.indices?.[1];
  return {
    start: match.index,
    end: match.index + match[0].length,
    figureStart: figure ? figure[0] : -1,
    figureEnd: figure ? figure[1] : -1,
  };
}

function literalOf(match: string): CompiledPattern {
  return compilePattern({
    indicator: 'x',
    scope: 'period',
    qualifier: null,
    match,
    regex: false,
    multiplier: 1,
    confidence: 0.95,
    origin: 'seed',
  });
}

/** Places where the pattern's first step can match: where a try can begin. */
function* tryPlaces(compiled: CompiledPattern, text: string): Generator<number> {
  const first = compiled.pattern.match.trim();
  if (first.startsWith('{')) {
    for (let i = 0; i < text.length; i++) if (/\d/.test(text[i]!)) yield i;
    return;
  }
  const word = first.split(/[\s{]/)[0]!;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) yield at;
}

describe('literal pattern matcher', () => {
  test('finds what each literal pattern of the catalogue finds as a regular expression, on every seed and its degraded copy', () => {
    const literal = defaultValuePatterns().filter((c) => c.literal);
    assert.ok(literal.length > 200, 'the catalogue has literal patterns');
    let tries = 0;
    let matches = 0;
    for (const name of readdirSync(seedsDir).filter((n) => n.endsWith('.txt'))) {
      const original = readFileSync(join(seedsDir, name), 'utf8');
      for (const text of [makeSourceText(original).folded, makeSourceText(degrade(original)).folded]) {
        for (const compiled of literal) {
          for (const at of tryPlaces(compiled, text)) {
            const expected = regexAt(compiled, text, at);
            assert.deepEqual(
              matchLiteralAt(compiled.literal!, text, at),
              expected,
              `${compiled.pattern.match} at ${at} in ${name}`,
            );
            tries++;
            if (expected) matches++;
          }
        }
      }
    }
    // Both outcomes were exercised, many times.
    assert.ok(tries > 10_000 && matches > 500, `${tries} tries, ${matches} matches`);
  });

  test('scans a text as the global expression does: leftmost matches, each search from the previous end', () => {
    const literal = defaultValuePatterns().filter((c) => c.literal);
    let matches = 0;
    for (const name of readdirSync(seedsDir).filter((n) => n.endsWith('.txt'))) {
      const original = readFileSync(join(seedsDir, name), 'utf8');
      for (const text of [makeSourceText(original).folded, makeSourceText(degrade(original)).folded]) {
        for (const compiled of literal) {
          const scanned: LiteralMatch[] = [];
          scanLiteral(compiled.literal!, text, (m) => scanned.push(m));
          const global = new RegExp(compiled.re.source, 'gd');
          const expected = [...text.matchAll(global)].map((m) => ({
            start: m.index,
            end: m.index + m[0].length,
            figureStart: m.indices?.[1]?.[0] ?? -1,
            figureEnd: m.indices?.[1]?.[1] ?? -1,
          }));
          assert.deepEqual(scanned, expected, `${compiled.pattern.match} in ${name}`);
          matches += expected.length;
        }
      }
    }
    assert.ok(matches > 500, `${matches} matches`);
  });

  const cases: Array<[pattern: string, text: string, start: number, matches: boolean]> = [
    // The longest numeral the rest allows ("12,5" is read as "12" before ",5 van"); none right after a ",".
    ['{n}, {#} van ban', 'da ky 1.234,5, 6 van ban', 6, true],
    ['{n},5 van', 'so 12,5 van', 3, true],
    ['{n},{#} van', 'so 12,34,56 van', 3, false],
    // A numeral after "/" only when it looks like a figure, not a month.
    ['tiem {#}/{n} mui', 'da tiem 2.034.973/2.111.123 mui', 3, true],
    ['tiem {#}/{n} mui', 'da tiem 2.034/211 mui', 3, true],
    ['ngay {#}/{n} mui', 'ngay 13/7 mui', 0, false],
    ['ti le {#}/{n} mui', 'ti le 1/25.5 mui', 0, true],
    ['ti le {#}/{n} mui', 'ti le 1/25. mui', 0, false],
    // Whitespace before a gap: the gap may take it back.
    ['ky so {…} {n} van ban', 'ky so    tong 12 van ban', 0, true],
    ['ky so {…}{n} van ban', 'ky so 12 van ban', 0, true],
    // A gap stops at ";" and after 80 characters.
    ['tong {…} {n} ho so', 'tong so; 12 ho so', 0, false],
    ['tong {…} {n} ho so', `tong ${'x'.repeat(80)} 12 ho so`, 0, true],
    ['tong {…} {n} ho so', `tong ${'x'.repeat(81)} 12 ho so`, 0, false],
    // Not inside a word; a numeral not right after a letter, digit, "." or ",".
    ['ky so {n}', 'daky so 5', 2, false],
    ['ky so{n}', 'ky sox5', 0, false],
    ['ky so {n}', 'ky so .5', 0, false],
    // No space needed where the pattern has one; any whitespace where it has one.
    ['ky so {n} van', 'ky so\n\t12van', 0, true],
    ['{n}% so', '79,62%so', 0, true],
    // The text ends inside the pattern.
    ['ky so {n} van', 'ky so 12', 0, false],
    ['ky so {…} {n}', 'ky so abc', 0, false],
  ];
  for (const [pattern, text, start, matches] of cases) {
    const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
    test(`"${pattern}" ${matches ? 'matches' : 'does not match'} at ${start} of "${shown}", as its regular expression`, () => {
      const compiled = literalOf(pattern);
      const found = matchLiteralAt(compiled.literal!, text, start);
      assert.equal(found !== null, matches);
      assert.deepEqual(found, regexAt(compiled, text, start));
    });
  }

  test('reads the figure, not another numeral of the match', () => {
    const compiled = literalOf('{#} xa, {n} ho');
    const text = 'co 12 xa, 12 ho';
    assert.deepEqual(matchLiteralAt(compiled.literal!, text, 3), {
      start: 3,
      end: 15,
      figureStart: 10,
      figureEnd: 12,
    });
  });
});
