// Hash routes, so a reload or a bookmark returns to the same view: #/library, #/sessions,
// #/findings, #/session/<id>, #/case.

import { useEffect, useState } from 'react';

export type Route =
  | { readonly view: 'library' }
  | { readonly view: 'sessions' }
  | { readonly view: 'findings' }
  | { readonly view: 'case' }
  | { readonly view: 'session'; readonly id: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path.startsWith('session/')) return { view: 'session', id: decodeURIComponent(path.slice('session/'.length)) };
  if (path === 'sessions') return { view: 'sessions' };
  if (path === 'findings') return { view: 'findings' };
  if (path === 'case') return { view: 'case' };
  return { view: 'library' };
}

export function routeHash(route: Route): string {
  return route.view === 'session' ? `#/session/${encodeURIComponent(route.id)}` : `#/${route.view}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
