import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '@fareway/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The newcomer's path, as a process: the built launcher on an embedded Postgres.
const root = resolve(import.meta.dirname, '../../..');
const launcher = join(root, 'apps/server/dist/start.js');
let dataDir: string;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string>): Run {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [launcher], {
    cwd: root,
    env: { ...inherited, TZ: 'UTC', LOG_LEVEL: 'info', FAREWAY_DATA_DIR: dataDir, FAREWAY_DB_FSYNC: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => text, exited };
}

/** Resolves when the launcher prints its banner (it does so once it listens), or rejects when it exits first. */
async function ready(run: Run): Promise<void> {
  await new Promise<void>((done, fail) => {
    const check = () => {
      if (run.output().includes('is ready in')) done();
    };
    run.child.stdout?.on('data', check);
    run.exited.then((code) => fail(new Error(`launcher exited with ${code}:\n${run.output()}`)));
    check();
  });
}

beforeAll(async () => {
  if (!existsSync(launcher)) {
    const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    expect(built.status).toBe(0);
  }
  dataDir = await mkdtemp(join(tmpdir(), 'fareway-start-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('pnpm start (the built launcher)', () => {
  it('starts everything, serves the apps and the API, and stops cleanly on Ctrl-C', async () => {
    const port = await findFreePort();
    const run = launch({ PORT: String(port) });
    await ready(run);
    const base = `http://127.0.0.1:${port}`;
    for (const path of ['/healthz', '/readyz', '/', '/admin/', '/api/v1/openapi.json', '/api/docs']) {
      const res = await fetch(base + path, { headers: { accept: path.endsWith('/') ? 'text/html' : '*/*' } });
      expect(res.status, path).toBe(200);
    }
    expect(await (await fetch(`${base}/admin/`)).text()).toContain('<div id="root">');
    // The bundle signs the demo admin in: argon2's native addon and the database work from dist/.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.fareway', password: 'fareway-demo-admin' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { data: { user: { roles: string[] } } }).data.user.roles).toContain('admin');
    expect(run.output()).toContain('Demo admin sign-in: admin@demo.fareway');
    expect(run.output()).toContain(`${base}/admin/`);
    expect(run.output()).toContain('initialising a new PostgreSQL cluster');

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    // Postgres removes its pid file when it has really stopped: nothing is left running.
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('reuses the data on the second start, and refuses a second Fareway on the same data', async () => {
    const run = launch({ PORT: String(await findFreePort()) });
    await ready(run);
    expect(run.output()).not.toContain('initialising a new PostgreSQL cluster');

    const twin = launch({ PORT: String(await findFreePort()) });
    expect(await twin.exited).toBe(1);
    expect(twin.output()).toContain('is in use by another PostgreSQL: is another Fareway still running?');
    // The first one is untouched by the refused twin.
    expect((await fetch(`http://127.0.0.1:${run.output().match(/127\.0\.0\.1:(\d+)\/admin/)?.[1]}/readyz`)).status).toBe(200);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('says a busy port in one sentence, exits 1, and leaves no database running', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((done) =>
      blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)),
    );
    try {
      const run = launch({ PORT: String(port) });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(
        `fareway: port ${port} on 127.0.0.1 is already in use by another program; stop it or set PORT to a free port.`,
      );
      expect(run.output()).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('refuses a bad setting by name and exits 1', async () => {
    const run = launch({ PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT="eighty": expected a port number');
  });
});
