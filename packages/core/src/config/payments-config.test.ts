import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://db/x',
  AUTH_SECRET: 'x'.repeat(40),
  SMTP_URL: 'smtp://mail.internal:587',
};

describe('payments configuration', () => {
  it('offers only the sandbox by default, outside production, with documented fee rates', () => {
    const { payments } = loadConfig({ PUBLIC_URL: 'https://fareway.example.com' });
    expect(payments.sandboxEnabled).toBe(true);
    expect(Object.keys(payments.gateways).filter((k) => k !== 'timeoutMs')).toEqual(['sandbox']);
    expect(payments.gateways.sandbox.publicUrl).toBe('https://fareway.example.com');
    expect(payments.feeRates.payhere).toEqual({ basisPoints: 330, fixedMinor: 0 });
    expect(payments.holdExtensionMinutes).toBe(10);
    expect(payments.walletCurrency).toBe('LKR');
  });

  it('turns the sandbox off in production, and needs a real secret to turn it on there', () => {
    expect(loadConfig(PRODUCTION).payments.sandboxEnabled).toBe(false);
    expect(() => loadConfig({ ...PRODUCTION, SANDBOX_GATEWAY_ENABLED: 'true' })).toThrow(/SANDBOX_WEBHOOK_SECRET: required/);
    const on = loadConfig({ ...PRODUCTION, SANDBOX_GATEWAY_ENABLED: 'true', SANDBOX_WEBHOOK_SECRET: 's'.repeat(32) });
    expect(on.payments.sandboxEnabled).toBe(true);
  });

  it('offers a gateway when all its variables are set, and refuses half of them naming what is missing', () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', GATEWAY_FEE_STRIPE_PERCENT: '3.4' });
    expect(config.payments.gateways.stripe).toEqual({ secretKey: 'sk_test_x', webhookSecret: 'whsec_x' });
    expect(config.payments.feeRates.stripe.basisPoints).toBe(340);
    expect(() => loadConfig({ PAYHERE_MERCHANT_ID: '121' })).toThrow(ConfigError);
    expect(() => loadConfig({ PAYHERE_MERCHANT_ID: '121' })).toThrow(
      /PAYHERE_MERCHANT_SECRET, PAYHERE_APP_ID, PAYHERE_APP_SECRET: required to offer PayHere/,
    );
    expect(() => loadConfig({ FLUTTERWAVE_SECRET_KEY: 'FLWSECK-x' })).toThrow(/FLUTTERWAVE_SECRET_HASH: required/);
  });

  it.each([
    [{ GATEWAY_FEE_PAYHERE_PERCENT: '120' }, /GATEWAY_FEE_PAYHERE_PERCENT/],
    [{ PAYMENT_HOLD_EXTENSION_MINUTES: '90' }, /PAYMENT_HOLD_EXTENSION_MINUTES/],
    [{ WALLET_CURRENCY: 'rupees' }, /WALLET_CURRENCY=".*": expected an ISO 4217 code/],
    [{ SANDBOX_WEBHOOK_SECRET: 'short' }, /SANDBOX_WEBHOOK_SECRET=".*": expected at least 16 characters/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
