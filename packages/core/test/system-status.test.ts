import { connectDatabase } from '@fareway/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSystemStatus, recordWorkerHeartbeat, WORKER_STALE_AFTER_MS } from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.cleanup();
});

describe('getSystemStatus', () => {
  it('reports the database, the migration level and a worker that was never seen', async () => {
    const status = await getSystemStatus(deps);
    expect(status.database.ok).toBe(true);
    expect(status.database.serverVersion).toMatch(/^\d+/);
    expect(status.migrations.current).toBe(true);
    expect(status.migrations.applied).toBe(deps.journal.entries.at(-1)?.tag);
    expect(status.worker).toEqual({ lastSeenAt: null, alive: false });
    expect(status.time).toBe(deps.clock.now().toISOString());
  });

  it('sees a worker alive after its heartbeat, and down once it goes quiet', async () => {
    await recordWorkerHeartbeat(deps, { workerId: 'w1', hostname: 'h', startedAt: deps.clock.now() });
    expect((await getSystemStatus(deps)).worker).toEqual({ lastSeenAt: deps.clock.now().toISOString(), alive: true });
    deps.clock.advance(WORKER_STALE_AFTER_MS + 1);
    expect((await getSystemStatus(deps)).worker.alive).toBe(false);
  });

  it('says the database is down instead of throwing when it cannot be reached', async () => {
    const broken = connectDatabase('postgres://nobody:wrong@127.0.0.1:1/none', { max: 1 });
    try {
      const status = await getSystemStatus({ ...deps, db: broken.db });
      expect(status.database).toEqual({ ok: false, latencyMs: null, serverVersion: null });
      expect(status.migrations.current).toBe(false);
    } finally {
      await broken.close();
    }
  });
});

describe('seedDemo', () => {
  it('seeds every area once (admin, vehicles, their photos, trips, operator logos), and nothing on a second run', async () => {
    const { DEMO_ADMIN, loginWithPassword, seedDemo } = await import('../src');
    const first = await seedDemo(deps);
    expect(first.map((r) => r.name)).toEqual(['demo-admin', 'demo-vehicles', 'demo-vehicle-photos', 'demo-trips', 'demo-operator-logos']);
    expect(first.every((r) => r.created > 0)).toBe(true);
    const second = await seedDemo(deps);
    expect(second.map((r) => r.created)).toEqual([0, 0, 0, 0, 0]);
    const signedIn = await loginWithPassword(deps, DEMO_ADMIN, { ip: '127.0.0.1', requestId: null });
    expect(signedIn.user.roles).toContain('admin');
  });
});
