import type { AppRouter, RouterOutputs } from '@fareway/api';
import { matchQuery, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { useCallback } from 'react';
import type { ApiClient } from './client';
import { isSignedOutError } from './errors';
import { useTRPC, useTRPCClient } from './trpc';

/** The signed-in user, as `auth.me` returns it. */
export type SessionUser = RouterOutputs['auth']['me'];
/** What `auth.login` and `auth.verifyOtp` return (the session cookie is already set when it arrives). */
export type SignedIn = RouterOutputs['auth']['login'];

type Trpc = TRPCOptionsProxy<AppRouter>;

export interface SessionState<TError> {
  /** The signed-in user; null while loading, when signed out, or when the check failed. */
  user: SessionUser | null;
  /** The first check is still under way: do not decide yet. */
  isLoading: boolean;
  isSignedIn: boolean;
  /** The check failed for another reason (network, server): we do not know whether anyone is signed in. */
  error: TError | null;
}

export interface Session<TError = unknown> extends SessionState<TError> {
  /** Ask the server again (e.g. a "Try again" button after `error`). */
  refetch: () => Promise<unknown>;
}

/**
 * Reads the `auth.me` query as a session. TOKEN_INVALID / TOKEN_EXPIRED mean
 * "signed out", even when an older answer is still cached: a session that
 * expired or was revoked while the page was open must not look signed in.
 */
export function sessionFromQuery<TError>(query: {
  data: SessionUser | undefined;
  error: TError | null;
  isPending: boolean;
}): SessionState<TError> {
  if (query.error !== null && isSignedOutError(query.error)) return { user: null, isLoading: false, isSignedIn: false, error: null };
  if (query.data !== undefined) return { user: query.data, isLoading: false, isSignedIn: true, error: query.error };
  if (query.error !== null) return { user: null, isLoading: false, isSignedIn: false, error: query.error };
  return { user: null, isLoading: query.isPending, isSignedIn: false, error: null };
}

/** Who is signed in, from `auth.me` (the HttpOnly session cookie goes along; the SPA never sees the token). */
export function useSession() {
  const trpc = useTRPC();
  // 401s are never retried: the default `shouldRetryQuery` skips every 4xx.
  const query = useQuery(trpc.auth.me.queryOptions());
  const session: Session<typeof query.error> = { ...sessionFromQuery(query), refetch: query.refetch };
  return session;
}

/**
 * After a sign-in: put the user in the session query at once (the UI switches
 * without waiting), then refetch `auth.me` so the cache holds the server's view.
 */
export async function completeSignIn({ queryClient, trpc }: { queryClient: QueryClient; trpc: Trpc }, signedIn: SignedIn): Promise<void> {
  queryClient.setQueryData(trpc.auth.me.queryKey(), signedIn.user);
  await queryClient.invalidateQueries(trpc.auth.me.queryFilter());
}

/** `completeSignIn` bound to this app's clients, for a login mutation's `onSuccess`. */
export function useCompleteSignIn(): (signedIn: SignedIn) => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback((signedIn: SignedIn) => completeSignIn({ queryClient, trpc }, signedIn), [queryClient, trpc]);
}

/**
 * Forgets everything the old session fetched, then asks `auth.me` again: its
 * 401 turns every `useSession()` to "signed out". Public data (`system.*`)
 * stays, so the status card does not flash back to "Loading".
 */
export async function forgetSession({ queryClient, trpc }: { queryClient: QueryClient; trpc: Trpc }): Promise<void> {
  const me = trpc.auth.me.queryFilter();
  const publicData = trpc.system.pathFilter();
  await queryClient.cancelQueries();
  queryClient.removeQueries({ predicate: (query) => !matchQuery(me, query) && !matchQuery(publicData, query) });
  await queryClient.invalidateQueries(me, { throwOnError: false });
}

/** Ends this session on the server (which clears the cookie), then forgets it here. */
export async function signOut(deps: { client: ApiClient; queryClient: QueryClient; trpc: Trpc }): Promise<void> {
  try {
    await deps.client.auth.logout.mutate({});
  } catch (error) {
    // Already expired or revoked elsewhere: signed out is where we wanted to be.
    if (!isSignedOutError(error)) throw error;
  }
  await forgetSession(deps);
}

/** A mutation that signs out; `isPending` covers the server call and the refetch that flips the UI. */
export function useSignOut() {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  return useMutation({ mutationKey: ['fareway', 'signOut'], mutationFn: () => signOut({ client, queryClient, trpc }) });
}
