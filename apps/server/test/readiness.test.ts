import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeps } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { connectDatabase, type DatabaseHandle, type EmbeddedPostgresHandle, migrate, startEmbeddedPostgres } from '@fareway/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../src/app';

// This file runs its own PostgreSQL, because it stops and restarts it under a running server.
let folder: string;
let database: EmbeddedPostgresHandle;
let handle: DatabaseHandle;
let base: TestDeps;
let app: FastifyInstance;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'fareway-ready-'));
  process.env.FAREWAY_DB_FSYNC = 'off';
  database = await startEmbeddedPostgres({ dataDir: folder });
  await migrate(database.url);
  handle = connectDatabase(database.url, { max: 2, applicationName: 'readiness-test' });
  base = await createTestDeps();
  app = await buildServer(createDeps({ ...base, db: handle.db }), { serveApps: false });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await handle.close();
  await database.stop();
  await base.cleanup();
  await rm(folder, { recursive: true, force: true });
});

describe('/readyz', () => {
  it('goes 503 while the database is stopped and back to 200 when it returns, without a restart', async () => {
    expect((await app.inject('/readyz')).statusCode).toBe(200);

    await database.stop();
    const down = await app.inject('/readyz');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({
      success: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: 'Not ready: database unreachable' },
    });
    // Liveness is unaffected: the process itself is fine.
    expect((await app.inject('/healthz')).statusCode).toBe(200);

    database = await startEmbeddedPostgres({ dataDir: folder, port: database.port });
    // The pool reconnects on its own; poll the endpoint until it reports ready.
    await vi.waitFor(async () => expect((await app.inject('/readyz')).statusCode).toBe(200), { timeout: 30_000, interval: 200 });
  });

  it('is 503 when the database lacks a migration this build ships', async () => {
    const journal = { entries: [...base.journal.entries, { idx: 999, when: Date.now() + 86_400_000, tag: '9999_from_the_future' }] };
    const ahead = await buildServer(createDeps({ ...base, db: handle.db, journal }), { serveApps: false });
    try {
      const res = await ahead.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toContain('migrations not current');
      expect(res.json().error.message).toContain('9999_from_the_future');
    } finally {
      await ahead.close();
    }
  });
});
