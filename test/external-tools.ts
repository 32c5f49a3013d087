import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether a program is on PATH (looked up, not run: some print their version with a non-zero exit). */
function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The programs of the list that are not installed. */
export function missingTools(programs: readonly string[]): string[] {
  return programs.filter((program) => !onPath(program));
}

const inCi = !['', '0', 'false'].includes(process.env.CI ?? '');

/**
 * `skip` for a test needing these programs: a developer's machine without them skips it, saying why;
 * in CI (env CI set, as .ci/run does) it runs and fails, so the check cannot quietly stop running there.
 */
export function skipWithoutTools(programs: readonly string[], install: string): string | false {
  const missing = missingTools(programs);
  return (
    missing.length > 0 && !inCi && `${missing.join(', ')} not installed (${install}); with CI set this fails`
  );
}
