// A small client-side router: the app has a handful of flat routes, so the History API and
// useSyncExternalStore are all it needs. The server answers every non-/api path with
// index.html, so deep links and reloads land here.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

type Listener = () => void;
const listeners = new Set<Listener>();

function emit(): void {
  for (const listener of [...listeners]) listener();
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', emit);
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function getPathname(): string {
  return window.location.pathname;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPathname);
}

function getSearch(): string {
  return window.location.search;
}

/** The query string of the current address ("" or "?a=1&b=2"); re-renders when it changes. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, getSearch);
}

/**
 * Replaces the query string of the current address without adding a history entry (for page
 * state such as filters, so reloads and shared links keep it and Back leaves the page).
 */
export function replaceSearch(search: string): void {
  const query = search === '' || search === '?' ? '' : search.startsWith('?') ? search : `?${search}`;
  if (query === window.location.search) return;
  window.history.replaceState(window.history.state, '', window.location.pathname + query);
  emit();
}

export interface NavigateOptions {
  replace?: boolean;
  /** Where to go back to after signing in (kept in history.state). */
  returnTo?: string;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  const state = options.returnTo !== undefined ? { returnTo: options.returnTo } : null;
  const current = window.location.pathname + window.location.search;
  if (current === to && !options.replace) return;
  if (options.replace === true) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  emit();
}

/** A same-origin path to return to after sign-in, if one was recorded and is safe to use. */
export function takeReturnTo(): string | null {
  const state: unknown = window.history.state;
  if (typeof state !== 'object' || state === null || !('returnTo' in state)) return null;
  const returnTo = (state as { returnTo: unknown }).returnTo;
  if (typeof returnTo !== 'string') return null;
  // Only local paths: "/x" but never "//host" or "/\host".
  if (!returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/\\')) return null;
  if (returnTo === '/login') return null;
  return returnTo;
}

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  children: ReactNode;
}

/** An ordinary <a href> (so middle-click and "open in new tab" work) that routes in-page. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>): void {
    onClick?.(event);
    if (event.defaultPrevented) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
