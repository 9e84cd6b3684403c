import { isAppError } from '@fareway/domain';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signTimestamped, singleHeader, verifyTimestamped } from './timestamped-signature';

const secret = 'whsec_test_secret';
const body = Buffer.from('{"id":"evt_1","object":"event"}');
const t = 1_767_225_600; // 2026-01-01T00:00:00Z
const at = (seconds: number) => new Date(seconds * 1000);

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error) && error.code === 'WEBHOOK_SIGNATURE_INVALID') return error.message;
    throw error;
  }
  throw new Error('expected WEBHOOK_SIGNATURE_INVALID');
}

describe('timestamped HMAC signatures (Stripe scheme)', () => {
  it('matches a vector computed with openssl', () => {
    // printf '%s' '1767225600.<body>' | openssl dgst -sha256 -hmac sandbox-secret
    const raw = '{"id":"evt_1","type":"payment.succeeded","data":{"intentId":"pi_1","amountMinor":125000,"currency":"LKR"}}';
    expect(signTimestamped('sandbox-secret', raw, t)).toBe(
      't=1767225600,v1=d3a552a18f933fb77c90fcc39613aec11bee8a1f705190790895f3ace00e6c61',
    );
  });

  it("verifies headers made by Stripe's own library", () => {
    const stripe = new Stripe('sk_test_x');
    const header = stripe.webhooks.generateTestHeaderString({ payload: body.toString(), secret, timestamp: t });
    expect(verifyTimestamped({ header, secret, rawBody: body, now: at(t + 10) })).toBe(t);
  });

  it("produces headers Stripe's own library accepts", () => {
    const stripe = new Stripe('sk_test_x');
    const header = signTimestamped(secret, body, t);
    const event = stripe.webhooks.constructEvent(body, header, secret, 300, undefined, (t + 10) * 1000);
    expect(event.id).toBe('evt_1');
  });

  it('accepts any one of several v1 signatures (secret rotation) and ignores v0', () => {
    const good = signTimestamped(secret, body, t).split(',')[1];
    expect(verifyTimestamped({ header: `t=${t},v0=abc,v1=${'0'.repeat(64)},${good}`, secret, rawBody: body, now: at(t) })).toBe(t);
  });

  it('refuses a tampered body, a wrong secret, a missing or garbled header', () => {
    const header = signTimestamped(secret, body, t);
    expect(refusal(() => verifyTimestamped({ header, secret, rawBody: Buffer.from(`${body} `), now: at(t) }))).toMatch(/does not match/);
    expect(refusal(() => verifyTimestamped({ header, secret: 'whsec_other', rawBody: body, now: at(t) }))).toMatch(/does not match/);
    expect(refusal(() => verifyTimestamped({ header: undefined, secret, rawBody: body, now: at(t) }))).toMatch(/missing/);
    expect(refusal(() => verifyTimestamped({ header: 'v1=abc', secret, rawBody: body, now: at(t) }))).toMatch(/malformed/);
    expect(refusal(() => verifyTimestamped({ header: `t=${t}`, secret, rawBody: body, now: at(t) }))).toMatch(/malformed/);
    // v0 is Stripe's test scheme: never a substitute for v1.
    const v0 = header.replace('v1=', 'v0=');
    expect(refusal(() => verifyTimestamped({ header: v0, secret, rawBody: body, now: at(t) }))).toMatch(/malformed/);
  });

  it('refuses a second timestamp rather than choosing one', () => {
    const header = signTimestamped(secret, body, t);
    expect(refusal(() => verifyTimestamped({ header: `t=${t + 1000},${header}`, secret, rawBody: body, now: at(t) }))).toMatch(
      /timestamp malformed/,
    );
  });

  it('accepts 300 s either way and refuses beyond, both ways', () => {
    const header = signTimestamped(secret, body, t);
    expect(verifyTimestamped({ header, secret, rawBody: body, now: at(t + 300) })).toBe(t);
    expect(verifyTimestamped({ header, secret, rawBody: body, now: at(t - 300) })).toBe(t);
    expect(refusal(() => verifyTimestamped({ header, secret, rawBody: body, now: at(t + 301) }))).toMatch(/tolerance/);
    expect(refusal(() => verifyTimestamped({ header, secret, rawBody: body, now: at(t + 600) }))).toMatch(/tolerance/);
    expect(refusal(() => verifyTimestamped({ header, secret, rawBody: body, now: at(t - 600) }))).toMatch(/tolerance/);
  });
});

describe('singleHeader', () => {
  it('finds a header whatever its case, and refuses one sent twice', () => {
    expect(singleHeader({ 'Stripe-Signature': 'x' }, 'stripe-signature')).toBe('x');
    expect(singleHeader({ 'stripe-signature': ['x'] }, 'Stripe-Signature')).toBe('x');
    expect(singleHeader({ other: 'x' }, 'Stripe-Signature')).toBeUndefined();
    expect(() => singleHeader({ 'stripe-signature': ['x', 'y'] }, 'Stripe-Signature')).toThrow(/more than once/);
    expect(() => singleHeader({ 'stripe-signature': 'x', 'Stripe-Signature': 'y' }, 'Stripe-Signature')).toThrow(/more than once/);
  });
});
