import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './load-config';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://db/x',
  AUTH_SECRET: 'x'.repeat(40),
  SMTP_URL: 'smtp://mail.internal:587',
};

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.http.host).toBe('127.0.0.1');
    expect(config.http.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toBe('./.data');
    expect(config.seedDemo).toBe(true);
    expect(config.env).toBe('development');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty": expected a port number/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL="mysql:\/\/x": expected a postgres:\/\/ URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud": expected fatal, error/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO="maybe": expected true or false/],
    [{ PUBLIC_URL: 'fareway' }, /PUBLIC_URL="fareway": expected an absolute URL/],
    [{ NODE_ENV: 'production' }, /DATABASE_URL: required when NODE_ENV=production/],
    [{ ADMIN_EMAIL: 'a@b.co' }, /ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('treats blank values as unset and parses lists and booleans', () => {
    const config = loadConfig({ PORT: '', CORS_ORIGINS: 'https://a.example, https://b.example', SEED_DEMO: 'off' });
    expect(config.http.port).toBe(3000);
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.seedDemo).toBe(false);
  });

  it('turns demo data off in production', () => {
    expect(loadConfig({ ...PRODUCTION }).seedDemo).toBe(false);
  });

  it.each([
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }, /AUTH_SECRET: required when NODE_ENV=production/],
    [{ ...PRODUCTION, OTP_TEST_NUMBERS: '+94770000001=123456' }, /OTP_TEST_NUMBERS: refused when NODE_ENV=production/],
    [{ OTP_TEST_NUMBERS: '94770000001:123456' }, /OTP_TEST_NUMBERS=".*": expected \+E164=6digits pairs/],
    [{ SMS_PROVIDER: 'notifylk' }, /NOTIFYLK_USER_ID, NOTIFYLK_API_KEY and NOTIFYLK_SENDER_ID: required/],
    [{ AUTH_SECRET: 'short' }, /AUTH_SECRET=".*": expected at least 32 characters/],
    [{ PHONE_DEFAULT_REGION: 'Sri Lanka' }, /PHONE_DEFAULT_REGION=".*": expected a two-letter country code/],
  ])('refuses identity settings that would be unsafe or wrong: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    [
      { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', AUTH_SECRET: 'x'.repeat(40) },
      /SMTP_URL: required when NODE_ENV=production/,
    ],
    [{ SMTP_URL: 'mail.example.com' }, /SMTP_URL=".*": expected an smtp:\/\/ or smtps:\/\/ URL/],
    [
      { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' },
      /TWILIO_FROM \(or TWILIO_MESSAGING_SERVICE_SID\): required/,
    ],
    [{ REMINDER_HOURS: '24h' }, /REMINDER_HOURS=".*": expected hours before the start/],
    [{ NOTIFICATION_MAX_ATTEMPTS: '0' }, /NOTIFICATION_MAX_ATTEMPTS/],
  ])('refuses notification settings that cannot work: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the notification settings, logging emails when SMTP_URL is unset outside production', () => {
    expect(loadConfig({}).notifications).toEqual({
      smtpUrl: undefined,
      mailFrom: 'Fareway <no-reply@fareway.invalid>',
      maxAttempts: 6,
      retryBaseSeconds: 30,
      leaseSeconds: 120,
      retentionDays: 30,
      reminderHours: [24, 2],
    });
    const config = loadConfig({
      SMTP_URL: 'smtp://u:p@mail.example.com:587',
      REMINDER_HOURS: '2, 48,2',
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_MESSAGING_SERVICE_SID: 'MG1',
    });
    expect(config.notifications).toMatchObject({ smtpUrl: 'smtp://u:p@mail.example.com:587', reminderHours: [48, 2] });
    expect(config.sms).toEqual({
      provider: 'twilio',
      accountSid: 'AC1',
      authToken: 't',
      messagingServiceSid: 'MG1',
      baseUrl: 'https://api.twilio.com',
    });
  });

  it('reads test numbers, and allows them in production only when told to', () => {
    const config = loadConfig({ OTP_TEST_NUMBERS: '+94770000001=123456, +94770000002=654321' });
    expect([...config.auth.testNumbers]).toEqual([
      ['+94770000001', '123456'],
      ['+94770000002', '654321'],
    ]);
    const prod = loadConfig({ ...PRODUCTION, OTP_TEST_NUMBERS: '+94770000001=123456', OTP_TEST_NUMBERS_IN_PRODUCTION: 'true' });
    expect(prod.auth.testNumbers.size).toBe(1);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(new URL('../../../../.env.example', import.meta.url), 'utf8');
    const missing = CONFIG_VARIABLES.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
