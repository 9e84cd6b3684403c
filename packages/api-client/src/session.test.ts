import { describe, expect, it } from 'vitest';
import { type SessionUser, sessionFromQuery } from './session';

// completeSignIn and signOut against the real server: test/client-server.test.ts.
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
