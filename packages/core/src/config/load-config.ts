import {
  type CancellationPolicy,
  DEFAULT_GATEWAY_FEE_RATES,
  DEFAULT_WEBHOOK_RETRY_POLICY,
  type GatewayFeeRate,
  type PaymentProvider,
  twoTierPolicy,
  type WebhookRetryPolicy,
} from '@fareway/domain';
import type { GatewaysConfig } from '@fareway/gateways';
import { queues } from '@fareway/jobs';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'expected development, test or production' }).default('development'),
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ message: 'expected an absolute URL such as https://fareway.example.com' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'expected a postgres:// URL' })
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  FAREWAY_DATA_DIR: z.string().min(1).default('./.data'),
  FAREWAY_DB_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  ADMIN_EMAIL: z.email({ message: 'expected an email address' }).optional(),
  ADMIN_PASSWORD: z.string().min(12, { message: 'expected at least 12 characters' }).optional(),
  SEED_DEMO: bool.optional(),
  CORS_ORIGINS: csv.default([]),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_PAYMENTS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  METRICS_TOKEN: z.string().min(16, { message: 'expected at least 16 characters of random text' }).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  JOB_CONCURRENCY: z.string().optional(),
  JOB_BATCH_SIZE: z.string().optional(),
  JOB_SCHEDULES: z.string().optional(),
  JOB_SECRET_KEY: z.string().min(32, { message: 'expected at least 32 characters of random text' }).optional(),
  AUTH_SECRET: z.string().min(32, { message: 'expected at least 32 characters of random text' }).optional(),
  PHONE_DEFAULT_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'expected a two-letter country code such as LK' })
    .default('LK'),
  OTP_TEST_NUMBERS: z
    .string()
    .regex(/^\s*\+\d{7,15}=\d{6}\s*(,\s*\+\d{7,15}=\d{6}\s*)*$/, { message: 'expected +E164=6digits pairs separated by commas' })
    .optional(),
  OTP_TEST_NUMBERS_IN_PRODUCTION: bool.default(false),
  OTP_SENDS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  OTP_SMS_BUDGET_PER_HOUR: z.coerce.number().int().min(1).default(500),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SMS_PROVIDER: z.enum(['console', 'notifylk', 'twilio'], { message: 'expected console, notifylk or twilio' }).default('console'),
  NOTIFYLK_USER_ID: z.string().optional(),
  NOTIFYLK_API_KEY: z.string().optional(),
  NOTIFYLK_SENDER_ID: z.string().optional(),
  NOTIFYLK_BASE_URL: z.url().default('https://app.notify.lk/api/v1'),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().optional(),
  TWILIO_BASE_URL: z.url().default('https://api.twilio.com'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, { message: 'expected an smtp:// or smtps:// URL such as smtp://user:pass@host:587' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Fareway <no-reply@fareway.invalid>'),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  NOTIFICATION_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  NOTIFICATION_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  REMINDER_HOURS: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, { message: 'expected hours before the start, comma-separated, such as 24,2' })
    .default('24,2')
    .transform((v) => [...new Set(v.split(',').map((h) => Number(h.trim())))].filter((h) => h > 0).sort((a, b) => b - a)),
  RENTAL_HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  RENTAL_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RENTAL_MAX_ADVANCE_DAYS: z.coerce.number().int().min(1).max(730).default(365),
  HOLDS_MAX_PER_USER: z.coerce.number().int().min(1).max(100).default(3),
  SEAT_HOLD_DEFAULT_MINUTES: z.coerce.number().int().min(1).max(15).default(15),
  SEATS_MAX_PER_BOOKING: z.coerce.number().int().min(1).max(60).default(10),
  COMMISSION_PERCENT: z.coerce.number().min(0).max(100).default(10),
  CANCELLATION_FULL_REFUND_HOURS: z.coerce.number().min(0).max(8760).default(24),
  CANCELLATION_LATE_REFUND_PERCENT: z.coerce.number().min(0).max(100).default(50),
  STORAGE_DRIVER: z.enum(['local', 's3'], { message: 'expected local or s3' }).default('local'),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(52_428_800).default(5_242_880),
  SANDBOX_GATEWAY_ENABLED: bool.optional(),
  SANDBOX_WEBHOOK_SECRET: z.string().min(16, { message: 'expected at least 16 characters of random text' }).optional(),
  GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  PAYHERE_MERCHANT_ID: z.string().optional(),
  PAYHERE_MERCHANT_SECRET: z.string().optional(),
  PAYHERE_APP_ID: z.string().optional(),
  PAYHERE_APP_SECRET: z.string().optional(),
  PAYHERE_BASE_URL: z.url().optional(),
  MINTPAY_MERCHANT_ID: z.string().optional(),
  MINTPAY_MERCHANT_SECRET: z.string().optional(),
  MINTPAY_BASE_URL: z.url().optional(),
  FLUTTERWAVE_SECRET_KEY: z.string().optional(),
  FLUTTERWAVE_SECRET_HASH: z.string().optional(),
  FLUTTERWAVE_BASE_URL: z.url().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_URL: z.url().optional(),
  GATEWAY_FEE_SANDBOX_PERCENT: z.coerce.number().min(0).max(100).optional(),
  GATEWAY_FEE_PAYHERE_PERCENT: z.coerce.number().min(0).max(100).optional(),
  GATEWAY_FEE_MINTPAY_PERCENT: z.coerce.number().min(0).max(100).optional(),
  GATEWAY_FEE_FLUTTERWAVE_PERCENT: z.coerce.number().min(0).max(100).optional(),
  GATEWAY_FEE_STRIPE_PERCENT: z.coerce.number().min(0).max(100).optional(),
  PAYMENT_HOLD_EXTENSION_MINUTES: z.coerce.number().int().min(0).max(30).default(10),
  PAYMENT_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  WALLET_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 code such as LKR' })
    .default('LKR'),
  WALLET_TOP_UP_MAX_MINOR: z.coerce.number().int().min(1).default(10_000_000),
  PARTNER_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  PARTNER_WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  PARTNER_WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(0).max(10_000).default(20),
});

/** Used only outside production, where a missing SANDBOX_WEBHOOK_SECRET must not stop a newcomer. */
const DEVELOPMENT_SANDBOX_SECRET = 'fareway-development-sandbox-webhook-secret';

/** Used only outside production, where a missing AUTH_SECRET must not stop a newcomer. */
const DEVELOPMENT_AUTH_SECRET = 'fareway-development-secret-never-use-in-production';

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  env: 'development' | 'test' | 'production';
  version: string;
  http: {
    port: number;
    host: string;
    publicUrl: string;
    corsOrigins: string[];
    bodyLimitBytes: number;
    shutdownGraceMs: number;
    /** Bearer token `/metrics` requires; unset, `/metrics` is refused. */
    metricsToken: string | undefined;
  };
  database: { url: string | undefined; poolMax: number; dataDir: string; embeddedPort: number | undefined };
  log: { level: string };
  admin: { email: string | undefined; password: string | undefined };
  seedDemo: boolean;
  /** Requests per client (user when signed in, else IP) per minute on /api/v1 and /trpc, by route group. */
  rateLimit: { perMinute: number; authPerMinute: number; paymentsPerMinute: number; webhooksPerMinute: number };
  worker: {
    /** Per queue name: fetch loops and jobs per fetch (unset: the queue's own default, see @fareway/jobs). */
    queues: Record<string, { concurrency?: number; batchSize?: number }>;
    /** Per queue name: its cron (UTC), or null when its schedule is off. Unnamed queues keep their default. */
    schedules: Record<string, string | null>;
    /** An outside cron may run jobs with `Authorization: Bearer <this>`; unset refuses that scheme. */
    jobSecretKey: string | undefined;
  };
  auth: {
    /** Keys the OTP hashes and seals secrets in the outbox. */
    secret: string;
    defaultRegion: string;
    /** Fixed codes for reviewer/demo numbers (as Firebase Auth does); every limit still applies. */
    testNumbers: Map<string, string>;
    otpSendsPerIpPerHour: number;
    smsBudgetPerHour: number;
    sessionTtlDays: number;
    /** How long an API process answers for a validated session from memory; 0 queries every time. */
    sessionCacheSeconds: number;
  };
  sms:
    | { provider: 'console' }
    | { provider: 'notifylk'; userId: string; apiKey: string; senderId: string; baseUrl: string }
    | { provider: 'twilio'; accountSid: string; authToken: string; from?: string; messagingServiceSid?: string; baseUrl: string };
  notifications: {
    /** SMTP URL; unset → emails are written to the log (refused in production). */
    smtpUrl: string | undefined;
    mailFrom: string;
    /** Tries before a message is dead. */
    maxAttempts: number;
    /** First retry delay; doubles per attempt, at most an hour. */
    retryBaseSeconds: number;
    /** A delivery not finished within this is presumed killed and tried again. */
    leaseSeconds: number;
    /** Delivered messages older than this are deleted by cleanup-notifications. */
    retentionDays: number;
    /** Reminders before pickup or departure, in hours, largest first. */
    reminderHours: number[];
  };
  bookings: {
    rentalHoldMinutes: number;
    rentalMaxDays: number;
    rentalMaxAdvanceDays: number;
    /** Live (unexpired pending) holds one user may have at once, rentals and seats together. */
    maxLiveHoldsPerUser: number;
    seatHoldDefaultMinutes: number;
    maxSeatsPerBooking: number;
    commissionRateBasisPoints: number;
    policy: CancellationPolicy;
  };
  storage:
    | { driver: 'local'; maxUploadBytes: number }
    | {
        driver: 's3';
        maxUploadBytes: number;
        bucket: string;
        region: string;
        endpoint: string | undefined;
        accessKeyId: string | undefined;
        secretAccessKey: string | undefined;
      };
  payments: {
    /** The built-in sandbox gateway and its hosted page: on outside production unless turned off. */
    sandboxEnabled: boolean;
    /** The adapters' settings (a gateway left out is not offered); see packages/gateways/src/index.ts. */
    gateways: GatewaysConfig;
    /** What each gateway keeps of a payment (domain's gatewayFeeMinor). */
    feeRates: Record<PaymentProvider, GatewayFeeRate>;
    /** Starting a payment extends a hold once, to at most this many minutes from then. */
    holdExtensionMinutes: number;
    /** Intents initiated/pending longer than this are looked up at the gateway by the reconciliation job. */
    reconcileAfterMinutes: number;
    walletCurrency: string;
    topUpMaxMinor: number;
  };
  partnerWebhooks: {
    timeoutMs: number;
    retry: WebhookRetryPolicy;
    /** Failed attempts in a row after which an endpoint is disabled (0: never). */
    disableAfterFailures: number;
    /** Outside production, http and loopback/private receivers are allowed so a local receiver can be tested. */
    allowInsecureTargets: boolean;
    /** How long the previous secret keeps signing after a rotation. */
    rotationOverlapSeconds: number;
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the environment once and validates it. A bad value fails with a message
 * naming the variable and what it expects, so the process can exit 1 with it.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, version = '0.1.0'): Config {
  // Empty strings mean "unset" (a blank line in .env), not "invalid".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL: required when NODE_ENV=production (the embedded database is for development)');
  }
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither');
  }
  const production = e.NODE_ENV === 'production';
  if (production && !e.AUTH_SECRET) throw new ConfigError('AUTH_SECRET: required when NODE_ENV=production (32+ random characters)');
  const testNumbers = new Map<string, string>();
  for (const pair of (e.OTP_TEST_NUMBERS ?? '').split(',').filter((p) => p.trim())) {
    const [phone, code] = pair.trim().split('=');
    if (phone && code) testNumbers.set(phone, code);
  }
  // Security: fixed codes in production would let anyone sign in as those numbers.
  if (production && testNumbers.size > 0 && !e.OTP_TEST_NUMBERS_IN_PRODUCTION) {
    throw new ConfigError(
      'OTP_TEST_NUMBERS: refused when NODE_ENV=production (set OTP_TEST_NUMBERS_IN_PRODUCTION=true if you really mean it)',
    );
  }
  if (e.SMS_PROVIDER === 'notifylk' && !(e.NOTIFYLK_USER_ID && e.NOTIFYLK_API_KEY && e.NOTIFYLK_SENDER_ID)) {
    throw new ConfigError('NOTIFYLK_USER_ID, NOTIFYLK_API_KEY and NOTIFYLK_SENDER_ID: required when SMS_PROVIDER=notifylk');
  }
  if (e.SMS_PROVIDER === 'twilio' && !(e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && (e.TWILIO_FROM || e.TWILIO_MESSAGING_SERVICE_SID))) {
    throw new ConfigError(
      'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM (or TWILIO_MESSAGING_SERVICE_SID): required when SMS_PROVIDER=twilio',
    );
  }
  // Emails to people must leave the building in production; the log fallback is for development.
  if (production && !e.SMTP_URL) throw new ConfigError('SMTP_URL: required when NODE_ENV=production (e.g. smtp://user:pass@host:587)');
  if (e.STORAGE_DRIVER === 's3' && !e.S3_BUCKET) throw new ConfigError('S3_BUCKET: required when STORAGE_DRIVER=s3');
  const payments = paymentsConfig(e, production);
  return {
    env: e.NODE_ENV,
    version,
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
      corsOrigins: e.CORS_ORIGINS,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      metricsToken: e.METRICS_TOKEN,
    },
    database: { url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX, dataDir: e.FAREWAY_DATA_DIR, embeddedPort: e.FAREWAY_DB_PORT },
    log: { level: e.LOG_LEVEL },
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV !== 'production',
    rateLimit: {
      perMinute: e.RATE_LIMIT_PER_MINUTE,
      authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE,
      paymentsPerMinute: e.RATE_LIMIT_PAYMENTS_PER_MINUTE,
      webhooksPerMinute: e.RATE_LIMIT_WEBHOOKS_PER_MINUTE,
    },
    worker: workerConfig(e),
    auth: {
      secret: e.AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET,
      defaultRegion: e.PHONE_DEFAULT_REGION,
      testNumbers,
      otpSendsPerIpPerHour: e.OTP_SENDS_PER_IP_PER_HOUR,
      smsBudgetPerHour: e.OTP_SMS_BUDGET_PER_HOUR,
      sessionTtlDays: e.SESSION_TTL_DAYS,
      sessionCacheSeconds: e.SESSION_CACHE_SECONDS,
    },
    sms:
      e.SMS_PROVIDER === 'notifylk'
        ? {
            provider: 'notifylk',
            userId: e.NOTIFYLK_USER_ID ?? '',
            apiKey: e.NOTIFYLK_API_KEY ?? '',
            senderId: e.NOTIFYLK_SENDER_ID ?? '',
            baseUrl: e.NOTIFYLK_BASE_URL,
          }
        : e.SMS_PROVIDER === 'twilio'
          ? {
              provider: 'twilio',
              accountSid: e.TWILIO_ACCOUNT_SID ?? '',
              authToken: e.TWILIO_AUTH_TOKEN ?? '',
              ...(e.TWILIO_FROM ? { from: e.TWILIO_FROM } : {}),
              ...(e.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID } : {}),
              baseUrl: e.TWILIO_BASE_URL,
            }
          : { provider: 'console' },
    notifications: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      maxAttempts: e.NOTIFICATION_MAX_ATTEMPTS,
      retryBaseSeconds: e.NOTIFICATION_RETRY_BASE_SECONDS,
      leaseSeconds: e.NOTIFICATION_LEASE_SECONDS,
      retentionDays: e.NOTIFICATION_RETENTION_DAYS,
      reminderHours: e.REMINDER_HOURS,
    },
    bookings: {
      rentalHoldMinutes: e.RENTAL_HOLD_MINUTES,
      rentalMaxDays: e.RENTAL_MAX_DAYS,
      rentalMaxAdvanceDays: e.RENTAL_MAX_ADVANCE_DAYS,
      maxLiveHoldsPerUser: e.HOLDS_MAX_PER_USER,
      seatHoldDefaultMinutes: e.SEAT_HOLD_DEFAULT_MINUTES,
      maxSeatsPerBooking: e.SEATS_MAX_PER_BOOKING,
      commissionRateBasisPoints: Math.round(e.COMMISSION_PERCENT * 100),
      policy: twoTierPolicy(e.CANCELLATION_FULL_REFUND_HOURS, e.CANCELLATION_LATE_REFUND_PERCENT),
    },
    storage:
      e.STORAGE_DRIVER === 's3'
        ? {
            driver: 's3',
            maxUploadBytes: e.UPLOAD_MAX_BYTES,
            bucket: e.S3_BUCKET ?? '',
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          }
        : { driver: 'local', maxUploadBytes: e.UPLOAD_MAX_BYTES },
    payments,
    partnerWebhooks: {
      timeoutMs: e.PARTNER_WEBHOOK_TIMEOUT_MS,
      retry: { ...DEFAULT_WEBHOOK_RETRY_POLICY, baseDelaySeconds: e.PARTNER_WEBHOOK_RETRY_BASE_SECONDS },
      disableAfterFailures: e.PARTNER_WEBHOOK_DISABLE_AFTER_FAILURES,
      // Security: in production a receiver must be https on a public address (no SSRF into our network).
      allowInsecureTargets: !production,
      rotationOverlapSeconds: 24 * 3600,
    },
  };
}

function publicUrlOf(e: z.infer<typeof EnvSchema>): string {
  return (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/$/, '');
}

/** A gateway is configured by all of its variables or none: half a configuration is refused, naming what is missing. */
function gatewayGroup<K extends string>(e: Record<string, unknown>, gateway: string, names: readonly K[]): Record<K, string> | undefined {
  const missing = names.filter((n) => !e[n]);
  if (missing.length === names.length) return undefined;
  if (missing.length > 0)
    throw new ConfigError(`${missing.join(', ')}: required to offer ${gateway} (set all of ${names.join(', ')}, or none)`);
  return Object.fromEntries(names.map((n) => [n, String(e[n])])) as Record<K, string>;
}

function paymentsConfig(e: z.infer<typeof EnvSchema>, production: boolean): Config['payments'] {
  const sandboxEnabled = e.SANDBOX_GATEWAY_ENABLED ?? !production;
  // Security: with the sandbox on in production, a known secret would let anyone sign "payment succeeded".
  if (production && sandboxEnabled && !e.SANDBOX_WEBHOOK_SECRET) {
    throw new ConfigError('SANDBOX_WEBHOOK_SECRET: required when the sandbox gateway is enabled with NODE_ENV=production');
  }
  const timeoutMs = e.GATEWAY_TIMEOUT_MS;
  const gateways: GatewaysConfig = {
    timeoutMs,
    sandbox: { publicUrl: publicUrlOf(e), webhookSecret: e.SANDBOX_WEBHOOK_SECRET ?? DEVELOPMENT_SANDBOX_SECRET },
  };
  const payhere = gatewayGroup(e, 'PayHere', [
    'PAYHERE_MERCHANT_ID',
    'PAYHERE_MERCHANT_SECRET',
    'PAYHERE_APP_ID',
    'PAYHERE_APP_SECRET',
  ] as const);
  if (payhere) {
    gateways.payhere = {
      merchantId: payhere.PAYHERE_MERCHANT_ID,
      merchantSecret: payhere.PAYHERE_MERCHANT_SECRET,
      appId: payhere.PAYHERE_APP_ID,
      appSecret: payhere.PAYHERE_APP_SECRET,
      ...(e.PAYHERE_BASE_URL ? { baseUrl: e.PAYHERE_BASE_URL } : {}),
    };
  }
  const mintpay = gatewayGroup(e, 'MintPay', ['MINTPAY_MERCHANT_ID', 'MINTPAY_MERCHANT_SECRET'] as const);
  if (mintpay) {
    gateways.mintpay = {
      merchantId: mintpay.MINTPAY_MERCHANT_ID,
      merchantSecret: mintpay.MINTPAY_MERCHANT_SECRET,
      ...(e.MINTPAY_BASE_URL ? { baseUrl: e.MINTPAY_BASE_URL } : {}),
    };
  }
  const flutterwave = gatewayGroup(e, 'Flutterwave', ['FLUTTERWAVE_SECRET_KEY', 'FLUTTERWAVE_SECRET_HASH'] as const);
  if (flutterwave) {
    gateways.flutterwave = {
      secretKey: flutterwave.FLUTTERWAVE_SECRET_KEY,
      secretHash: flutterwave.FLUTTERWAVE_SECRET_HASH,
      ...(e.FLUTTERWAVE_BASE_URL ? { baseUrl: e.FLUTTERWAVE_BASE_URL } : {}),
    };
  }
  const stripe = gatewayGroup(e, 'Stripe', ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const);
  if (stripe) {
    gateways.stripe = {
      secretKey: stripe.STRIPE_SECRET_KEY,
      webhookSecret: stripe.STRIPE_WEBHOOK_SECRET,
      ...(e.STRIPE_API_URL ? { apiUrl: e.STRIPE_API_URL } : {}),
    };
  }
  const rate = (provider: PaymentProvider, percent: number | undefined): GatewayFeeRate =>
    percent === undefined ? DEFAULT_GATEWAY_FEE_RATES[provider] : { basisPoints: Math.round(percent * 100), fixedMinor: 0 };
  return {
    sandboxEnabled,
    gateways,
    feeRates: {
      sandbox: rate('sandbox', e.GATEWAY_FEE_SANDBOX_PERCENT),
      payhere: rate('payhere', e.GATEWAY_FEE_PAYHERE_PERCENT),
      mintpay: rate('mintpay', e.GATEWAY_FEE_MINTPAY_PERCENT),
      flutterwave: rate('flutterwave', e.GATEWAY_FEE_FLUTTERWAVE_PERCENT),
      stripe: rate('stripe', e.GATEWAY_FEE_STRIPE_PERCENT),
      wallet: DEFAULT_GATEWAY_FEE_RATES.wallet,
    },
    holdExtensionMinutes: e.PAYMENT_HOLD_EXTENSION_MINUTES,
    reconcileAfterMinutes: e.PAYMENT_RECONCILE_AFTER_MINUTES,
    walletCurrency: e.WALLET_CURRENCY,
    topUpMaxMinor: e.WALLET_TOP_UP_MAX_MINOR,
  };
}

/** `name=value;name=value` (`;` because a cron may hold commas), every name a queue of the registry. */
function queueMap(variable: string, text: string | undefined): Map<string, string> {
  const known = new Set(Object.values(queues).map((q) => q.name));
  const map = new Map<string, string>();
  for (const pair of (text ?? '').split(';').filter((p) => p.trim())) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (at < 1 || !value) throw new ConfigError(`${variable}: expected name=value pairs separated by ';', got ${JSON.stringify(pair)}`);
    if (!known.has(name)) throw new ConfigError(`${variable}: no queue named ${JSON.stringify(name)} (known: ${[...known].join(', ')})`);
    map.set(name, value);
  }
  return map;
}

function queueCount(variable: string, name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError(`${variable}: ${name}=${value}: expected a whole number from 1 to 64`);
  return n;
}

function workerConfig(e: z.infer<typeof EnvSchema>): Config['worker'] {
  const concurrency = queueMap('JOB_CONCURRENCY', e.JOB_CONCURRENCY);
  const batchSize = queueMap('JOB_BATCH_SIZE', e.JOB_BATCH_SIZE);
  const perQueue: Config['worker']['queues'] = {};
  for (const { name } of Object.values(queues)) {
    const loops = concurrency.get(name);
    const batch = batchSize.get(name);
    perQueue[name] = {
      ...(loops !== undefined
        ? { concurrency: queueCount('JOB_CONCURRENCY', name, loops) }
        : e.WORKER_CONCURRENCY !== undefined
          ? { concurrency: e.WORKER_CONCURRENCY }
          : {}),
      ...(batch !== undefined ? { batchSize: queueCount('JOB_BATCH_SIZE', name, batch) } : {}),
    };
  }
  const schedules: Config['worker']['schedules'] = {};
  for (const [name, cron] of queueMap('JOB_SCHEDULES', e.JOB_SCHEDULES)) {
    // Five or six fields (pg-boss's cron-parser checks the rest when the worker schedules it); `off` stops the schedule.
    if (cron !== 'off' && !/^\S+(\s+\S+){4,5}$/.test(cron)) {
      throw new ConfigError(`JOB_SCHEDULES: ${name}=${cron}: expected a cron expression such as "*/5 * * * *", or off`);
    }
    schedules[name] = cron === 'off' ? null : cron;
  }
  return { queues: perQueue, schedules, jobSecretKey: e.JOB_SECRET_KEY };
}

/** Names and defaults of every variable, for `.env.example` and its test. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
