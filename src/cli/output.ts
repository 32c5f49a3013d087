import { isAppError } from '../domain/errors.js';

/** Exit codes: 0 ok, 1 failure (bad input, some files failed), 2 usage. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** One line on stderr, never a stack trace (unless BAOCAO_DEBUG is set). */
export function reportError(error: unknown): number {
  if (process.env.BAOCAO_DEBUG) console.error(error);
  if (isAppError(error)) {
    console.error(`Lỗi: ${error.message}`);
    return error.code.startsWith('usage.') ? EXIT_USAGE : EXIT_FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Lỗi: ${message.split('\n')[0]}`);
  return EXIT_FAILURE;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Prints rows as an aligned plain-text table. */
export function printTable(headers: string[], rows: Array<Array<string | number>>): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - [...c].length)))
      .join('  ')
      .trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}
