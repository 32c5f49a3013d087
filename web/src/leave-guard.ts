import { useLayoutEffect } from 'preact/hooks';

/**
 * Unsaved work, one guard for every way of leaving it. A page holding unsaved work registers the question to
 * ask; a change of route (router.ts), of period or of session asks it through `mayLeave` first, and closing or
 * reloading the tab gets the browser's own warning.
 */
const held = new Set<{ question: string }>();

/** Registers a question to ask before leaving; returns what takes it back. */
export function addLeaveGuard(question: string): () => void {
  const entry = { question };
  held.add(entry);
  return () => {
    held.delete(entry);
  };
}

/**
 * True when no unsaved work is held, or the person agrees to drop it (asked once, the latest question).
 * Agreed, the work is dropped at once: the page clears it only when it next renders, and a move made
 * before that must not ask again about work already given up.
 */
export function mayLeave(
  ask: (question: string) => boolean = (question) => window.confirm(question),
): boolean {
  const latest = [...held].pop();
  if (latest === undefined) return true;
  if (!ask(latest.question)) return false;
  held.clear();
  return true;
}

/**
 * While `question` is not null, leaving asks it first. Held from the render that shows the work (a layout
 * effect): an effect waits for the next frame, and a move made before it would not ask.
 */
export function useLeaveGuard(question: string | null): void {
  useLayoutEffect(() => {
    if (question === null) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    const release = addLeaveGuard(question);
    return () => {
      release();
      window.removeEventListener('beforeunload', warn);
    };
  }, [question]);
}
