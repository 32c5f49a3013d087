import { useEffect, useState } from 'preact/hooks';
import { mayLeave } from './leave-guard.js';

/** Hash routes ("#/reports/abc") so the server needs no fallback rules for deep links. */
export interface Route {
  path: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?');
  const path = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { path, query: new URLSearchParams(queryPart) };
}

/** The hash the pages show: every change of address passes here, and asks first when unsaved work is held. */
let shown: string | undefined;
/**
 * Where the shown entry stands in the session history. Each entry the app shows carries its place in
 * `history.state`, so that a change of address tells Back or Forward (an entry with a place) from an
 * address typed by hand (a new entry, without one).
 */
let shownPlace = 0;
/** The coming change of address was agreed to already (a link or `navigate` asked before it happened). */
let agreed = false;
const listeners = new Set<(route: Route) => void>();

function placeOf(state: unknown): number | undefined {
  const place =
    typeof state === 'object' && state !== null ? (state as { place?: unknown }).place : undefined;
  return typeof place === 'number' ? place : undefined;
}

function markPlace(place: number): void {
  const state = typeof history.state === 'object' && history.state !== null ? history.state : {};
  history.replaceState({ ...state, place }, '');
}

function listen(): string {
  if (shown !== undefined) return shown;
  shown = location.hash;
  const place = placeOf(history.state);
  if (place === undefined) markPlace(shownPlace);
  else shownPlace = place;
  addEventListener('hashchange', () => {
    if (location.hash === shown) return;
    const target = placeOf(history.state);
    if (!agreed && !mayLeave()) {
      // Declined: Back or Forward is undone step for step (one or many), so the history stays as it was; a
      // typed address is stepped back from, and waits ahead as after any Back.
      const step = target === undefined ? -1 : shownPlace - target;
      if (step !== 0) history.go(step);
      // Places out of step (cannot happen while every move passes here): the page open is pushed again.
      else history.pushState({ place: ++shownPlace }, '', `${location.pathname}${location.search}${shown}`);
      return;
    }
    agreed = false;
    shown = location.hash;
    if (target === undefined) markPlace(++shownPlace);
    else shownPlace = target;
    const route = parseHash(shown);
    for (const listener of listeners) listener(route);
  });
  // Back or Forward between entries of one address fires no hashchange: the place shown follows all the same.
  addEventListener('popstate', () => {
    if (location.hash !== shown) return;
    const place = placeOf(history.state);
    if (place !== undefined) shownPlace = place;
  });
  // In-app links ask before the browser moves, so a declined click leaves the history as it was.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    const href = link?.getAttribute('href');
    // A link to a place in the page ("#main" of the skip link): the hash is the router's, so the place is
    // focused instead of followed (followed, it would be read as a page that does not exist).
    if (href?.startsWith('#') && !href.startsWith('#/')) {
      const place = href.length > 1 ? document.getElementById(href.slice(1)) : null;
      if (place) {
        event.preventDefault();
        place.focus();
      }
      return;
    }
    if (!link || !href?.startsWith('#/') || link.target) return;
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey)
      return;
    // A link to the page shown moves nowhere; followed, some browsers would reset the entry's state.
    if (link.hash === location.hash) {
      event.preventDefault();
      return;
    }
    if (mayLeave()) agreed = true;
    else event.preventDefault();
  });
  return shown;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(listen()));
  useEffect(() => {
    listeners.add(setRoute);
    return () => {
      listeners.delete(setRoute);
    };
  }, []);
  return route;
}

/** Goes to `to`, asking first when unsaved work is held; `asked`: the person agreed already. */
export function navigate(to: string, { asked = false } = {}): void {
  if (new URL(to, location.href).hash === location.hash) return;
  if (!asked && !mayLeave()) return;
  agreed = true;
  location.hash = to;
}
