import { formatValue, readTypedNumber } from './format.js';

/** What the person decided for one extracted figure on the import review page. */
export interface ImportDecision {
  accept: boolean;
  /** The figure as shown or as corrected, in Vietnamese notation ("1.858"). */
  text: string;
}

export interface ImportValueChoice {
  id: string;
  accept: boolean;
  /** A correction: the number the person typed instead of the extracted one. */
  value?: number;
}

/**
 * The choices the accept request sends, or the indicators whose typed figure is not a number: those
 * block the save, so that a mistyped correction never lets the extracted figure through. An emptied
 * figure means "do not store it".
 */
export function importChoices(
  values: ReadonlyArray<{ id: string; indicator: string; value: number }>,
  decisions: Readonly<Record<string, ImportDecision>>,
): { ok: true; choices: ImportValueChoice[] } | { ok: false; unreadable: string[] } {
  const choices: ImportValueChoice[] = [];
  const unreadable: string[] = [];
  for (const v of values) {
    const decision = decisions[v.id] ?? { accept: true, text: formatValue(v.value) };
    if (!decision.accept) {
      choices.push({ id: v.id, accept: false });
      continue;
    }
    const typed = readTypedNumber(decision.text);
    if (!typed.ok) unreadable.push(v.indicator);
    else if (typed.value === null) choices.push({ id: v.id, accept: false });
    else if (typed.value !== v.value) choices.push({ id: v.id, accept: true, value: typed.value });
    else choices.push({ id: v.id, accept: true });
  }
  return unreadable.length > 0 ? { ok: false, unreadable } : { ok: true, choices };
}

/** Whether a figure will be stored as the row now stands: ticked and not emptied. */
export function willStore(decision: ImportDecision): boolean {
  return decision.accept && decision.text.trim() !== '';
}
