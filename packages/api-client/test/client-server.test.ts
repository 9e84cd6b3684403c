import type { AppRouter } from '@fareway/api';
import { createDeps } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { connectDatabase } from '@fareway/db';
import { buildServer } from '@fareway/server/app';
import { QueryObserver } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/client';
import { appErrorCode, errorHttpStatus, isSignedOutError, retryAfterSeconds } from '../src/errors';
import { ERROR_MESSAGES } from '../src/messages';
import { problemOf, UNREACHABLE_MESSAGE } from '../src/problem';
import { createQueryClient, shouldRetryQuery } from '../src/query-client';
import { completeSignIn, sessionFromQuery, signOut } from '../src/session';

// The one client both SPAs use, against the real server (Fastify, tRPC, a fresh Postgres): every
// answer, error and cookie here is what the server sends, not a reply written by hand. A small
// cookie jar stands in for the browser; requests carry the SPA's Origin, as a browser's do.
const ORIGIN = 'http://fareway.test';
const NUMBERS = ['+94771800001', '+94771800002', '+94771800003', '+94771800004', '+94771800005', '+94771800006'];

let deps: TestDeps;
let app: Server;
let base = '';
/** An address where nothing listens (a server that was there and stopped): the network failure. */
let deadUrl = '';

beforeAll(async () => {
  deps = await createTestDeps({
    jobs: 'sender',
    env: { PUBLIC_URL: ORIGIN, OTP_TEST_NUMBERS: NUMBERS.map((n) => `${n}=123456`).join(','), SESSION_CACHE_SECONDS: '0' },
  });
  app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${portOf(app)}`;
  const gone = await buildServer(deps, { serveApps: false });
  await gone.listen({ port: 0, host: '127.0.0.1' });
  deadUrl = `http://127.0.0.1:${portOf(gone)}/trpc`;
  await gone.close();
});
afterAll(async () => {
  await app?.close();
  await deps?.cleanup();
});

type Server = Awaited<ReturnType<typeof buildServer>>;

function portOf(server: Server): number {
  const address = server.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** A browser's view of the server: one cookie jar, and every request recorded (procedures, method, credentials). */
function browser(server = base) {
  const jar = new Map<string, string>();
  const calls: Array<{ method: string; procedures: string[]; url: string; credentials: RequestCredentials | undefined }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({
      method: init?.method ?? 'GET',
      procedures: url.pathname.replace('/trpc/', '').split(','),
      url: url.toString(),
      credentials: init?.credentials,
    });
    const headers = new Headers(init?.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const res = await globalThis.fetch(input, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }) as typeof globalThis.fetch;
  const client = createApiClient({ url: `${server}/trpc`, fetch, headers: { origin: ORIGIN } });
  const queryClient = createQueryClient();
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  return { jar, calls, client, queryClient, trpc };
}
type Browser = ReturnType<typeof browser>;

let numbers = 0;
/** Signs a new customer in with a phone code; the session cookie lands in the jar. */
async function signIn(b: Browser) {
  const phoneNumber = NUMBERS[numbers++] as string;
  await b.client.auth.sendOtp.mutate({ phoneNumber });
  return b.client.auth.verifyOtp.mutate({ phoneNumber, code: '123456' });
}

/** Mounts the session query the way `useSession()` does, without React. */
async function watchSession(b: Browser) {
  const observer = new QueryObserver(b.queryClient, b.trpc.auth.me.queryOptions());
  const unsubscribe = observer.subscribe(() => {});
  await observer.refetch();
  return { session: () => sessionFromQuery(observer.getCurrentResult()), unsubscribe };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  );

describe('createApiClient against the server', () => {
  it('batches queries over GET /trpc with cookies included and reads the real answers', async () => {
    const b = browser();
    const [status, vehicles] = await Promise.all([b.client.system.status.query(), b.client.vehicles.search.query({})]);

    expect(status).toEqual({ status: 'up' });
    expect(vehicles).toMatchObject({ items: [], meta: { total: 0 } });
    expect(b.calls).toHaveLength(1);
    expect(b.calls[0]).toMatchObject({ method: 'GET', procedures: ['system.status', 'vehicles.search'], credentials: 'include' });
    expect(b.calls[0]?.url).toContain('batch=1');
  });

  it('surfaces a signed-out caller as TRPCClientError with the server’s code and status, which stops retries', async () => {
    const error = await failure(browser().client.auth.me.query());

    expect(error).toBeInstanceOf(TRPCClientError);
    expect(appErrorCode(error)).toBe('TOKEN_INVALID');
    expect(errorHttpStatus(error)).toBe(401);
    expect(isSignedOutError(error)).toBe(true);
    expect(retryAfterSeconds(error)).toBeUndefined();
    expect(shouldRetryQuery(0, error)).toBe(false);
  });

  it('reads the code and the wait of a rate-limited sendOtp, and words it for people', async () => {
    const b = browser();
    const phoneNumber = NUMBERS[numbers++] as string;
    await b.client.auth.sendOtp.mutate({ phoneNumber });
    const error = await failure(b.client.auth.sendOtp.mutate({ phoneNumber }));

    expect(error).toBeInstanceOf(TRPCClientError);
    expect(appErrorCode(error)).toBe('OTP_RATE_LIMIT');
    expect(errorHttpStatus(error)).toBe(429);
    expect(isSignedOutError(error)).toBe(false);
    const wait = retryAfterSeconds(error);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    const problem = problemOf(error, 1_000);
    expect(problem).toMatchObject({ message: ERROR_MESSAGES.OTP_RATE_LIMIT, code: 'OTP_RATE_LIMIT', retryAt: 1_000 + (wait ?? 0) * 1_000 });
    expect(problem?.serverMessage).toBe((error as TRPCClientError<AppRouter>).message);
  });

  it('keys the failing fields of a real validation error by path', async () => {
    const b = browser();
    await signIn(b);
    const error = await failure(
      b.client.bookings.create.mutate({ vehicleId: '0192e4a0-7b1c-7cc0-8000-000000000001', startDate: 'not a date', endDate: 'x' }),
    );

    expect(appErrorCode(error)).toBe('VALIDATION_ERROR');
    expect(errorHttpStatus(error)).toBe(400);
    const problem = problemOf(error);
    expect(Object.keys(problem?.fields ?? {})).toEqual(expect.arrayContaining(['startDate', 'endDate']));
    expect(problem?.retryAt).toBeNull();
    expect(problem?.message).toMatch(/^Some details need another look: /);
  });

  it('says the server is unreachable when nothing answers, with no code', async () => {
    const error = await failure(createApiClient({ url: deadUrl }).auth.me.query());

    expect(error).toBeInstanceOf(TRPCClientError);
    expect(appErrorCode(error)).toBeUndefined();
    expect(errorHttpStatus(error)).toBeNull();
    expect(shouldRetryQuery(0, error)).toBe(true);
    expect(problemOf(error)).toEqual({
      message: UNREACHABLE_MESSAGE,
      serverMessage: null,
      code: undefined,
      retryAt: null,
      details: undefined,
      fields: {},
    });
  });
});

describe('sessions against the server', () => {
  it('completeSignIn shows the new user at once, then the session cookie answers auth.me', async () => {
    const b = browser();
    const watched = await watchSession(b);
    expect(watched.session()).toEqual({ user: null, isLoading: false, isSignedIn: false, error: null });

    const signedIn = await signIn(b);
    expect(b.jar.has('fareway_session')).toBe(true);
    const done = completeSignIn(b, signedIn);
    expect(watched.session()).toMatchObject({ isSignedIn: true, user: { id: signedIn.user.id } });
    await done;

    expect(b.calls.filter((c) => c.procedures.includes('auth.me'))).toHaveLength(2);
    expect(watched.session()).toMatchObject({ isSignedIn: true, error: null, user: { id: signedIn.user.id, phone: signedIn.user.phone } });
    watched.unsubscribe();
  });

  it('signOut ends the session on the server, forgets private data, keeps system.status', async () => {
    const b = browser();
    const signedIn = await signIn(b);
    const watched = await watchSession(b);
    await b.queryClient.prefetchQuery(b.trpc.system.status.queryOptions());
    b.queryClient.setQueryData(['bookings', 'mine'], ['booking-1']);
    expect(watched.session()).toMatchObject({ isSignedIn: true, user: { id: signedIn.user.id } });

    await signOut(b);

    expect(b.calls).toContainEqual(expect.objectContaining({ method: 'POST', procedures: ['auth.logout'] }));
    expect(b.calls.at(-1)).toMatchObject({ method: 'GET', procedures: ['auth.me'] });
    expect(watched.session()).toEqual({ user: null, isLoading: false, isSignedIn: false, error: null });
    expect(b.queryClient.getQueryData(['bookings', 'mine'])).toBeUndefined();
    expect(b.queryClient.getQueryData(b.trpc.system.status.queryKey())).toEqual({ status: 'up' });
    // A 401 is never retried: exactly one auth.me after the logout.
    expect(b.calls.filter((c) => c.procedures.includes('auth.me'))).toHaveLength(2);
    // The server really ended it: the same token is refused on its own.
    const [row] = await deps.database.sql<
      Array<{ n: number }>
    >`select count(*)::int as n from sessions where user_id = ${signedIn.user.id}`;
    expect(row?.n).toBe(0);
    watched.unsubscribe();
  });

  it('signOut succeeds when the session had already ended elsewhere (logout-all on another device)', async () => {
    const b = browser();
    const signedIn = await signIn(b);
    const watched = await watchSession(b);
    const other = browser();
    for (const [name, value] of b.jar) other.jar.set(name, value);
    await other.client.auth.logoutAll.mutate({});

    await expect(signOut(b)).resolves.toBeUndefined();
    expect(watched.session().isSignedIn).toBe(false);
    expect(signedIn.user.id).toBeTruthy();
    watched.unsubscribe();
  });

  it('signOut fails, leaving the session and the cache alone, when the server cannot end it (its database is gone)', async () => {
    // A second server process whose pool is closed under it: a real 500, not a written one.
    const pool = connectDatabase(deps.database.url, { max: 2 });
    const broken = await buildServer(createDeps({ db: pool.db, config: deps.config, clock: deps.clock, log: deps.log, jobs: deps.jobs }), {
      serveApps: false,
    });
    await broken.listen({ port: 0, host: '127.0.0.1' });
    try {
      const b = browser(`http://127.0.0.1:${portOf(broken)}`);
      const signedIn = await signIn(b);
      const watched = await watchSession(b);
      expect(watched.session()).toMatchObject({ isSignedIn: true, user: { id: signedIn.user.id } });
      b.queryClient.setQueryData(['bookings', 'mine'], ['booking-1']);
      await pool.close();

      const error = await failure(signOut(b));
      expect(appErrorCode(error)).toBe('INTERNAL_ERROR');
      expect(errorHttpStatus(error)).toBe(500);
      expect(watched.session()).toMatchObject({ isSignedIn: true, user: { id: signedIn.user.id } });
      expect(b.queryClient.getQueryData(['bookings', 'mine'])).toEqual(['booking-1']);
      // The session is still there for the next try.
      const [row] = await deps.database.sql<
        Array<{ n: number }>
      >`select count(*)::int as n from sessions where user_id = ${signedIn.user.id}`;
      expect(row?.n).toBe(1);
      watched.unsubscribe();
    } finally {
      await broken.close();
    }
  });
});
