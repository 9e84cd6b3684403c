import type { AppRouter } from '@fareway/api';
import { QueryObserver } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { describe, expect, it } from 'vitest';
import { createApiClient } from './client';
import { createQueryClient } from './query-client';
import { completeSignIn, type SessionUser, sessionFromQuery, signOut } from './session';

const user: SessionUser = {
  id: '0192e4a0-7b1c-7cc0-8000-000000000001',
  phone: '+94770000001',
  email: null,
  name: 'Nimal',
  locale: null,
  roles: ['customer'],
  status: 'active',
  createdAt: '2025-03-01T12:00:00.000Z',
};

const status = {
  version: '0.1.0',
  environment: 'test',
  time: '2025-01-01T12:00:00.000Z',
  database: { ok: true, latencyMs: 2, serverVersion: '18.0' },
  migrations: { applied: '0001_init', expected: '0001_init', current: true },
  worker: { lastSeenAt: '2025-01-01T11:59:58.000Z', alive: true },
};

const signedOutError = (path: string) => ({
  error: {
    message: 'Sign in first: no session token was sent',
    code: -32001,
    data: { code: 'UNAUTHORIZED', path, appCode: 'TOKEN_INVALID', httpStatus: 401, requestId: 'r' },
  },
});

/**
 * A fake Fareway server behind `fetch`: a cookie session that `auth.logout` ends.
 * Answers tRPC batches (`/trpc/a,b?batch=1`) item by item and records every call.
 */
function fakeServer(options: { logout?: 'ok' | 'signed-out' | 'crash' } = {}) {
  const state = { signedIn: true, calls: [] as Array<{ method: string; procedures: string[] }> };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const procedures = url.pathname.replace('/trpc/', '').split(',');
    state.calls.push({ method: init?.method ?? 'GET', procedures });
    const items = procedures.map((procedure) => {
      switch (procedure) {
        case 'auth.me':
          return state.signedIn ? { result: { data: user } } : signedOutError(procedure);
        case 'auth.logout':
          if (options.logout === 'crash') {
            return { error: { message: 'Internal error', code: -32603, data: { appCode: 'INTERNAL_ERROR', httpStatus: 500 } } };
          }
          if (options.logout === 'signed-out' || !state.signedIn) return signedOutError(procedure);
          state.signedIn = false;
          return { result: { data: { revoked: 1 } } };
        case 'system.status':
          return { result: { data: status } };
        default:
          throw new Error(`unexpected procedure ${procedure}`);
      }
    });
    const httpStatus = items.every((item) => 'result' in item) ? 200 : items.length === 1 ? (items[0]?.error?.data.httpStatus ?? 500) : 207;
    return Response.json(items, { status: httpStatus });
  }) as typeof globalThis.fetch;

  const queryClient = createQueryClient();
  const client = createApiClient({ url: 'http://fareway.test/trpc', fetch });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  return { state, queryClient, client, trpc };
}

/** Mounts the session query the way `useSession()` does, without React. */
async function watchSession(server: ReturnType<typeof fakeServer>) {
  const observer = new QueryObserver(server.queryClient, server.trpc.auth.me.queryOptions());
  const unsubscribe = observer.subscribe(() => {});
  await observer.refetch();
  return { session: () => sessionFromQuery(observer.getCurrentResult()), unsubscribe };
}

describe('sessionFromQuery', () => {
  it('is loading until the first answer, then signed in or out', () => {
    expect(sessionFromQuery({ data: undefined, error: null, isPending: true })).toEqual({
      user: null,
      isLoading: true,
      isSignedIn: false,
      error: null,
    });
    expect(sessionFromQuery({ data: user, error: null, isPending: false })).toMatchObject({ user, isSignedIn: true, isLoading: false });
  });

  it('treats TOKEN_INVALID / TOKEN_EXPIRED as signed out, even over a stale cached user', () => {
    const expired = { data: { appCode: 'TOKEN_EXPIRED', httpStatus: 401 } };
    expect(sessionFromQuery({ data: user, error: expired, isPending: false })).toEqual({
      user: null,
      isLoading: false,
      isSignedIn: false,
      error: null,
    });
  });

  it('reports other failures as an error, keeping a user it already knew', () => {
    const network = new Error('Failed to fetch');
    expect(sessionFromQuery({ data: undefined, error: network, isPending: false })).toEqual({
      user: null,
      isLoading: false,
      isSignedIn: false,
      error: network,
    });
    expect(sessionFromQuery({ data: user, error: network, isPending: false })).toMatchObject({ user, isSignedIn: true, error: network });
  });
});

describe('signOut', () => {
  it('calls auth.logout, forgets private data, keeps system.status and turns the session to signed out', async () => {
    const server = fakeServer();
    const { session, unsubscribe } = await watchSession(server);
    await server.queryClient.prefetchQuery(server.trpc.system.status.queryOptions());
    server.queryClient.setQueryData(['bookings', 'mine'], ['booking-1']);
    expect(session()).toMatchObject({ isSignedIn: true, user: { name: 'Nimal' } });

    await signOut(server);

    expect(server.state.calls).toContainEqual({ method: 'POST', procedures: ['auth.logout'] });
    expect(server.state.calls.at(-1)).toEqual({ method: 'GET', procedures: ['auth.me'] });
    expect(session()).toEqual({ user: null, isLoading: false, isSignedIn: false, error: null });
    expect(server.queryClient.getQueryData(['bookings', 'mine'])).toBeUndefined();
    expect(server.queryClient.getQueryData(server.trpc.system.status.queryKey())).toEqual(status);
    // A 401 is never retried: exactly one auth.me after the logout.
    expect(server.state.calls.filter((c) => c.procedures.includes('auth.me'))).toHaveLength(2);
    unsubscribe();
  });

  it('succeeds when the session had already ended, and fails (leaving the cache alone) when the server fails', async () => {
    const gone = fakeServer({ logout: 'signed-out' });
    const watched = await watchSession(gone);
    gone.state.signedIn = false;
    await expect(signOut(gone)).resolves.toBeUndefined();
    expect(watched.session().isSignedIn).toBe(false);
    watched.unsubscribe();

    const broken = fakeServer({ logout: 'crash' });
    const kept = await watchSession(broken);
    await expect(signOut(broken)).rejects.toThrow('Internal error');
    expect(kept.session()).toMatchObject({ isSignedIn: true, user: { name: 'Nimal' } });
    kept.unsubscribe();
  });
});

describe('completeSignIn', () => {
  it('shows the new user at once, then refetches auth.me', async () => {
    const server = fakeServer();
    server.state.signedIn = false;
    const { session, unsubscribe } = await watchSession(server);
    expect(session().isSignedIn).toBe(false);

    server.state.signedIn = true;
    const done = completeSignIn(server, { token: 'x'.repeat(32), expiresAt: '2025-04-01T12:00:00.000Z', user });
    expect(session()).toMatchObject({ isSignedIn: true, user: { id: user.id } });
    await done;

    expect(server.state.calls.filter((c) => c.procedures.includes('auth.me'))).toHaveLength(2);
    expect(session()).toMatchObject({ isSignedIn: true, error: null });
    unsubscribe();
  });
});
