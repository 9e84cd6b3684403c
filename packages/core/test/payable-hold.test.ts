import { createGateways } from '@fareway/gateways';
import { describe, expect, it } from 'vitest';
import type { BookingRow } from '../src/bookings/public-booking';
import { loadConfig } from '../src/config/load-config';
import { assertPayableHold } from '../src/payments/assert-payable-hold';
import { gatewayFor } from '../src/payments/gateway-for';

// Which bookings can still be paid, and through which gateways (issue 17: the mutation run found only
// `confirmed` and a lapsed hold tried, and the sandbox switch never tried against another gateway).
// Pure: no database.

const now = new Date('2026-03-01T12:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const booking = (status: BookingRow['status'], expiresAt: Date | null) => ({ status, expiresAt }) as BookingRow;

function outcome(status: BookingRow['status'], expiresAt: Date | null): string {
  try {
    assertPayableHold(booking(status, expiresAt), now);
    return 'payable';
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return `${code}: ${message}`;
  }
}

const paid = 'PAYMENT_ALREADY_PROCESSED: This booking is already paid';
const lapsed = 'HOLD_EXPIRED: The hold lapsed before it was paid; book again';

describe('assertPayableHold', () => {
  it.each([
    ['pending', at(1), 'payable'],
    ['pending', at(0), lapsed],
    ['pending', at(-1), lapsed],
    ['pending', null, lapsed],
    ['confirmed', at(60_000), paid],
    ['active', at(60_000), paid],
    ['completed', at(60_000), paid],
    ['confirmed', null, paid],
    ['cancelled', at(60_000), lapsed],
    ['expired', at(60_000), lapsed],
  ] as const)('a %s booking whose hold ends at %s: %s', (status, expiresAt, expected) => {
    expect(outcome(status, expiresAt)).toBe(expected);
  });
});

describe('gatewayFor', () => {
  const config = loadConfig({ NODE_ENV: 'test', SANDBOX_GATEWAY_ENABLED: 'false' });
  // Stripe's adapter, built (never called) against an address nothing listens on.
  const stripe = { secretKey: 'sk_test_gateway_for', webhookSecret: 'whsec_gateway_for', apiUrl: 'http://127.0.0.1:9' };
  const deps = { config, gateways: createGateways({ ...config.payments.gateways, stripe }) };

  it('refuses only the sandbox where it is turned off: the other gateways are still offered', () => {
    expect(() => gatewayFor(deps, 'sandbox')).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(gatewayFor(deps, 'stripe').name).toBe('stripe');
    const on = { ...deps, config: { ...config, payments: { ...config.payments, sandboxEnabled: true } } };
    expect(gatewayFor(on, 'sandbox').name).toBe('sandbox');
  });
});
