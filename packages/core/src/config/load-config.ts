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
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});

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
  };
  database: { url: string | undefined; poolMax: number; dataDir: string; embeddedPort: number | undefined };
  log: { level: string };
  admin: { email: string | undefined; password: string | undefined };
  seedDemo: boolean;
  rateLimit: { perMinute: number };
  worker: { concurrency: number };
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
    },
    database: { url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX, dataDir: e.FAREWAY_DATA_DIR, embeddedPort: e.FAREWAY_DB_PORT },
    log: { level: e.LOG_LEVEL },
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV !== 'production',
    rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE },
    worker: { concurrency: e.WORKER_CONCURRENCY },
  };
}

/** Names and defaults of every variable, for `.env.example` and its test. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
