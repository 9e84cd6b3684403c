import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

/**
 * A tiny history router for the two SPAs: the server answers every page path
 * with the app's index.html (static-apps.ts), so real paths survive a reload and
 * can be shared. `base` is where the app is mounted ("/" or "/admin/"); routes
 * inside it are written from "/" ("/bookings/123").
 */
export interface RouterValue {
  /** The path inside the app, always starting with "/". */
  path: string;
  /** The query string of the current URL. */
  search: URLSearchParams;
  /** Go to a path inside the app (it may carry "?query"); `replace` rewrites the current history entry instead. */
  navigate: (to: string, options?: { replace?: boolean }) => void;
  /** The full href of a path inside the app, for `<a href>`. */
  href: (to: string) => string;
}

const RouterContext = createContext<RouterValue | null>(null);

function normalizeBase(base: string): string {
  const withLeading = base.startsWith('/') ? base : `/${base}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

/** The app-relative path of a browser pathname under `base` ("/admin/users" under "/admin/" → "/users"). */
export function pathInApp(pathname: string, base: string): string {
  const root = normalizeBase(base);
  if (pathname === root.slice(0, -1)) return '/';
  if (!pathname.startsWith(root)) return pathname.startsWith('/') ? pathname : `/${pathname}`;
  return `/${pathname.slice(root.length)}`;
}

/** The browser href of an app path ("/users" under "/admin/" → "/admin/users"). */
export function hrefInApp(to: string, base: string): string {
  const root = normalizeBase(base);
  return root + (to.startsWith('/') ? to.slice(1) : to);
}

/**
 * Matches "/bookings/:id" against "/bookings/0192…": the named segments, or null.
 * A trailing "/*" matches any rest. Segments are URI-decoded.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  const rest = want.at(-1) === '*';
  if (rest) want.pop();
  if (rest ? have.length < want.length : have.length !== want.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? '';
    const actual = have[i] ?? '';
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) return null;
  }
  return params;
}

function readLocation(base: string) {
  return { path: pathInApp(window.location.pathname, base), query: window.location.search };
}

export function RouterProvider({ base = '/', children }: { base?: string; children: ReactNode }) {
  const [location, setLocation] = useState(() => readLocation(base));

  useEffect(() => {
    const onPop = () => setLocation(readLocation(base));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [base]);

  const navigate = useCallback(
    (to: string, options: { replace?: boolean } = {}) => {
      const href = hrefInApp(to, base);
      if (options.replace) window.history.replaceState(null, '', href);
      else window.history.pushState(null, '', href);
      setLocation(readLocation(base));
      // A new page starts at its top, as a full page load would.
      if (!options.replace) window.scrollTo(0, 0);
    },
    [base],
  );

  const value = useMemo<RouterValue>(
    () => ({ path: location.path, search: new URLSearchParams(location.query), navigate, href: (to) => hrefInApp(to, base) }),
    [location, navigate, base],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter() needs a <RouterProvider> above it');
  return router;
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** A path inside the app, e.g. "/bookings/123?tab=seats". */
  to: string;
  /** Marks the link `aria-current="page"` when the current path is `to` (exact) or starts with it (prefix). */
  current?: 'exact' | 'prefix';
  children: ReactNode;
}

/** An ordinary link (open in a new tab works) that navigates inside the app on a plain click. */
export function Link({ to, current, onClick, children, ...rest }: LinkProps) {
  const router = useRouter();
  const target = to.split('?')[0] ?? to;
  const isCurrent =
    current === 'exact'
      ? router.path === target
      : current === 'prefix'
        ? router.path === target || router.path.startsWith(`${target}/`)
        : false;
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    event.preventDefault();
    router.navigate(to);
  }
  return (
    <a {...rest} href={router.href(to)} aria-current={rest['aria-current'] ?? (isCurrent ? 'page' : undefined)} onClick={handleClick}>
      {children}
    </a>
  );
}
