import { describe, expect, it } from 'vitest';
import { rateLimitGroupOf } from '../src/rate-limit';

describe('which rate budget a request spends', () => {
  it.each([
    ['/api/v1/auth/register', 'auth'],
    ['/trpc/journey.register', 'auth'],
    ['/trpc/journey.ticket,journey.register', 'auth'],
    ['/api/v1/auth/login', 'auth'],
    ['/trpc/journey.walletMoves?input=%7B%7D', 'general'],
    ['/api/v1/bookings/01900000-0000-7000-8000-000000000001/ticket', 'general'],
    ['/api/v1/wallet/top-up', 'payments'],
  ])('%s spends the %s budget', (url, group) => {
    expect(rateLimitGroupOf(url)).toBe(group);
  });
});
