import { type AppError, isAppError } from '@fareway/domain';
import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../payment-gateway';
import { sandboxWebhook } from '../testing/sandbox-webhook';
import { createSandboxGateway, signSandboxEvent } from './sandbox-gateway';
import { checkSandboxPayLink, signSandboxPayLink } from './sandbox-link';

const secret = 'sandbox-secret';
const gateway = createSandboxGateway({ publicUrl: 'http://127.0.0.1:3000/', webhookSecret: secret });
const now = new Date('2026-01-01T00:00:00Z');
const event = { secret, intentId: 'pi_1', amountMinor: 125000, currency: 'LKR', now };

async function refusal(request: WebhookRequest, at = now): Promise<AppError> {
  const error = await gateway.verifyWebhook(request, at).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('sandbox gateway', () => {
  it('checks out on the hosted page', async () => {
    const result = await gateway.createCheckout({
      intentId: 'pi 1/2',
      amountMinor: 100,
      currency: 'LKR',
      description: 'x',
      customer: { id: 'u1' },
      returnUrl: 'r',
      cancelUrl: 'c',
      notifyUrl: 'n',
    });
    const url = new URL((result.checkout as { url: string }).url);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:3000/sandbox/pay/pi%201%2F2');
    expect(url.searchParams.get('link')).toMatch(/^\d+\.[0-9a-f]{64}$/);
  });

  it.each([
    ['current, one second before it ends', 'pi_1', (l: string) => l, 1_059, 'valid'],
    ['at its expiry', 'pi_1', (l: string) => l, 1_060, 'expired'],
    ['long after its expiry', 'pi_1', (l: string) => l, 99_999, 'expired'],
    ['for another intent', 'pi_2', (l: string) => l, 1_000, 'invalid'],
    ['with its expiry pushed back', 'pi_1', (l: string) => l.replace('1060.', '9999.'), 1_000, 'invalid'],
    ['with a forged signature', 'pi_1', () => `1060.${'0'.repeat(64)}`, 1_000, 'invalid'],
    ['with a character more', 'pi_1', (l: string) => `${l}0`, 1_000, 'invalid'],
    ['in upper case', 'pi_1', (l: string) => l.toUpperCase(), 1_000, 'invalid'],
    ['not sent', 'pi_1', () => undefined, 1_000, 'absent'],
    ['sent empty', 'pi_1', () => '', 1_000, 'absent'],
    ['sent twice (an array)', 'pi_1', (l: string) => [l, l], 1_000, 'invalid'],
  ] as const)('checks a pay link %s', (_name, intentId, alter, now, expected) => {
    const link = signSandboxPayLink(secret, 'pi_1', 1_000, 60);
    expect(link).toMatch(/^1060\.[0-9a-f]{64}$/);
    expect(checkSandboxPayLink(secret, intentId, alter(link), now)).toBe(expected);
  });

  it('refuses a pay link signed under another secret', () => {
    const link = signSandboxPayLink(`${secret}x`, 'pi_1', 1_000, 60);
    expect(checkSandboxPayLink(secret, 'pi_1', link, 1_000)).toBe('invalid');
  });

  it('signs as documented (vector computed with openssl)', () => {
    const body = '{"id":"evt_1","type":"payment.succeeded","data":{"intentId":"pi_1","amountMinor":125000,"currency":"LKR"}}';
    expect(signSandboxEvent(secret, body, 1_767_225_600)).toBe(
      't=1767225600,v1=d3a552a18f933fb77c90fcc39613aec11bee8a1f705190790895f3ace00e6c61',
    );
  });

  it('parses a valid approval and a decline as authoritative events', async () => {
    await expect(gateway.verifyWebhook(sandboxWebhook({ ...event, eventId: 'evt_1' }), now)).resolves.toEqual({
      eventId: 'evt_1',
      intentId: 'pi_1',
      status: 'succeeded',
      amountMinor: 125000,
      currency: 'LKR',
      providerPaymentId: 'sbx_pi_1',
      needsConfirmation: false,
    });
    const declined = await gateway.verifyWebhook(sandboxWebhook({ ...event, type: 'payment.failed' }), now);
    expect(declined?.status).toBe('failed');
  });

  it('refuses a tampered body', async () => {
    const request = sandboxWebhook(event);
    const tampered = { ...request, rawBody: Buffer.from(request.rawBody.toString().replace('125000', '1')) };
    expect((await refusal(tampered)).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses a wrong secret and a missing header', async () => {
    expect((await refusal(sandboxWebhook({ ...event, secret: 'other' }))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await refusal({ ...sandboxWebhook(event), headers: {} })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses a 10-minute-old event and one from 10 minutes ahead, accepts 4 minutes', async () => {
    const tenMinutes = 10 * 60 * 1000;
    expect((await refusal(sandboxWebhook({ ...event, now: new Date(now.getTime() - tenMinutes) }))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await refusal(sandboxWebhook({ ...event, now: new Date(now.getTime() + tenMinutes) }))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    await expect(gateway.verifyWebhook(sandboxWebhook({ ...event, now: new Date(now.getTime() - 240_000) }), now)).resolves.not.toBeNull();
  });

  it('answers an authentic but malformed body with VALIDATION_ERROR, an unknown type with null', async () => {
    const t = Math.floor(now.getTime() / 1000);
    const bad = '{"id":"evt_2","type":"payment.succeeded","data":{"intentId":"pi_1","amountMinor":1.5,"currency":"LKR"}}';
    expect((await refusal({ rawBody: Buffer.from(bad), headers: { 'fareway-signature': signSandboxEvent(secret, bad, t) } })).code).toBe(
      'VALIDATION_ERROR',
    );
    const other = '{"id":"evt_3","type":"payment.created","data":{"intentId":"pi_1","amountMinor":1,"currency":"LKR"}}';
    await expect(
      gateway.verifyWebhook({ rawBody: Buffer.from(other), headers: { 'Fareway-Signature': signSandboxEvent(secret, other, t) } }, now),
    ).resolves.toBeNull();
  });

  it('has no status API and refunds idempotently by key', async () => {
    await expect(gateway.fetchStatus({ intentId: 'pi_1', amountMinor: 1, currency: 'LKR' })).resolves.toBeNull();
    const refund = { providerPaymentId: 'sbx_pi_1', amountMinor: 500, currency: 'LKR', refundKey: 'rf_1' };
    await expect(gateway.refund(refund)).resolves.toEqual({ refundId: 'sbx_re_rf_1', status: 'succeeded' });
    await expect(gateway.refund(refund)).resolves.toEqual({ refundId: 'sbx_re_rf_1', status: 'succeeded' });
  });
});
