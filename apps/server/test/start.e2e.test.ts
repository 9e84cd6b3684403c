import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { findFreePort } from '@fareway/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// The newcomer's path, as processes: `pnpm start` (scripts/start.mjs, which runs the
// built all-in-one apps/server/dist/start.js) on an embedded Postgres. Each run is its own
// process group, signalled as a terminal does: to the whole group.
const root = resolve(import.meta.dirname, '../../..');
const launcher = join(root, 'scripts/start.mjs');
const allInOne = join(root, 'apps/server/dist/start.js');
let dataDir: string;
const runs: Run[] = [];

interface Run {
  child: ChildProcess;
  pid: number;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string>, command: string[] = [launcher]): Run {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { ...inherited, TZ: 'UTC', LOG_LEVEL: 'info', FAREWAY_DATA_DIR: dataDir, FAREWAY_DB_FSYNC: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, like a command typed at a terminal
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const run = { child, pid: child.pid ?? 0, output: () => text, exited };
  runs.push(run);
  return run;
}

/** Resolves when `text` appears in the run's output (past offset `from`), or rejects when it exits first. */
async function printed(run: Run, text: string | RegExp, from = 0): Promise<void> {
  const seen = () => {
    const output = run.output().slice(from);
    return typeof text === 'string' ? output.includes(text) : text.test(output);
  };
  await new Promise<void>((done, fail) => {
    const check = () => {
      if (seen()) done();
    };
    run.child.stdout?.on('data', check);
    run.child.stderr?.on('data', check);
    run.exited.then(() => (seen() ? done() : fail(new Error(`exited before printing ${text}:\n${run.output()}`))));
    check();
  });
}

const ready = (run: Run) => printed(run, 'is ready in');
const baseOf = (run: Run) => `http://127.0.0.1:${run.output().match(/127\.0\.0\.1:(\d+)\/admin/)?.[1]}`;
/** The all-in-one server's pid, from its JSON log lines. */
const serverPid = (run: Run) => Number(run.output().match(/"role":"all","pid":(\d+)/)?.[1]);

function postgresPid(): number | undefined {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A killed parent's child is reparented to PID 1, which in some sandboxes never reaps it: a zombie has exited.
    const state = /\) (\S) /.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
    return state !== 'Z';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls (bounded) until `pid` has exited. */
async function gone(pid: number, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await wait(100);
  }
  return true;
}

/** Nothing left: the server process and the PostgreSQL it started have exited, and Postgres removed its pid file. */
async function expectNothingLeft(pids: number[]) {
  for (const pid of pids) expect(await gone(pid, 5_000), `pid ${pid} still running`).toBe(true);
  expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
}

const signalGroup = (run: Run, signal: NodeJS.Signals) => process.kill(-run.pid, signal);

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.fareway', password: 'fareway-demo-admin' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { token: string } }).data.token;
}

/**
 * A sign-in whose body arrives in two halves: the request is in flight (headers read,
 * body pending) until `finish()` sends the rest. Resolves with the status, or rejects
 * when the connection is cut.
 */
function slowSignIn(base: string): { finish: () => void; answer: Promise<number> } {
  const body = JSON.stringify({ email: 'admin@demo.fareway', password: 'fareway-demo-admin' });
  const half = Math.floor(body.length / 2);
  const req = request(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
  });
  const answer = new Promise<number>((done, fail) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', fail);
  });
  req.flushHeaders();
  req.write(body.slice(0, half));
  return { finish: () => req.end(body.slice(half)), answer };
}

beforeAll(async () => {
  const stale = [allInOne, join(root, 'apps/worker/dist/main.js'), join(root, 'apps/web/dist/index.html')].some((f) => !existsSync(f));
  if (stale) {
    const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    expect(built.status).toBe(0);
  }
  dataDir = await mkdtemp(join(tmpdir(), 'fareway-start-'));
});

const shown = new Set<Run>();
afterEach((context) => {
  // A failure shows what the processes said.
  if (context.task.result?.state === 'fail') {
    for (const run of runs.filter((r) => !shown.has(r))) console.error(`--- pid ${run.pid} output:\n${run.output().slice(-4_000)}`);
  }
  for (const run of runs) shown.add(run);
});

afterAll(async () => {
  // A failed test leaves nothing running: every group we started, then (Linux) any process
  // still running on our data, a PostgreSQL a server was starting included, until none is left.
  for (const run of runs) {
    try {
      process.kill(-run.pid, 'SIGKILL');
    } catch {}
    const server = serverPid(run);
    if (server && alive(server)) process.kill(server, 'SIGKILL');
  }
  const onOurData = () =>
    existsSync('/proc')
      ? readdirSync('/proc')
          .filter((name) => /^\d+$/.test(name))
          .filter((pid) => {
            try {
              return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
            } catch {
              return false;
            }
          })
          .map(Number)
      : [postgresPid()].filter((pid): pid is number => pid !== undefined && alive(pid));
  const deadline = Date.now() + 30_000;
  for (let left = onOurData(); left.length > 0 && Date.now() < deadline; left = onOurData()) {
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGINT'); // PostgreSQL's fast shutdown; a server's graceful stop
      } catch {}
    }
    await wait(200);
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('pnpm start (the launcher, signalled like a terminal does)', () => {
  it('starts everything; Ctrl-C to the group drains a request in flight, stops Postgres and exits 0', async () => {
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
    await signIn(base);
    expect(run.output()).toContain('Demo admin sign-in: admin@demo.fareway');
    expect(run.output()).toContain(`${base}/admin/`);
    expect(run.output()).toContain('initialising a new PostgreSQL cluster');

    const pids = [serverPid(run), postgresPid() ?? 0];
    expect(pids.every((pid) => pid > 0 && alive(pid))).toBe(true);
    const before = run.output().length;
    const slow = slowSignIn(base);
    await printed(run, '"url":"/api/v1/auth/login"', before);
    signalGroup(run, 'SIGINT');
    await printed(run, 'stopping: draining requests');
    // Still in flight when the stop began: it completes, on a database that is still up.
    slow.finish();
    expect(await slow.answer).toBe(200);
    expect(await run.exited).toBe(0);
    expect(run.output().match(/SIGINT: stopping/g)).toHaveLength(1); // one Ctrl-C, counted once
    await expectNothingLeft(pids);
  }, 120_000);

  it('reuses the data and refuses a second Fareway on it; SIGTERM to the launcher alone drains, a second one cuts the drain short', async () => {
    // A long grace: only the fast mode can end this stop within the test's time.
    const run = launch({ PORT: String(await findFreePort()), SHUTDOWN_GRACE_MS: '300000' });
    await ready(run);
    expect(run.output()).not.toContain('initialising a new PostgreSQL cluster');

    const twin = launch({ PORT: String(await findFreePort()) }, [allInOne]);
    expect(await twin.exited).toBe(1);
    expect(twin.output()).toContain('is in use by another PostgreSQL');
    expect(twin.output()).toContain('is another Fareway still running?');
    // The first one is untouched by the refused twin.
    expect((await fetch(`${baseOf(run)}/readyz`)).status).toBe(200);

    const pids = [serverPid(run), postgresPid() ?? 0];
    const before = run.output().length;
    const slow = slowSignIn(baseOf(run));
    await printed(run, '"url":"/api/v1/auth/login"', before);
    run.child.kill('SIGTERM'); // the launcher's pid only, as a process manager does
    await printed(run, 'stopping: draining requests');
    // A second signal comes later than the echoes pnpm and npx add to the first (1 s), as a person's would.
    await wait(1_500);
    run.child.kill('SIGTERM');
    await expect(slow.answer).rejects.toThrow(); // the open request is cut
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('SIGTERM again: stopping fast');
    await expectNothingLeft(pids);
  }, 120_000);

  it('a killed launcher takes the server and Postgres with it; a killed server leaves a Postgres the next start stops', async () => {
    const first = launch({ PORT: String(await findFreePort()) });
    await ready(first);
    const pids = [serverPid(first), postgresPid() ?? 0];
    process.kill(first.pid, 'SIGKILL');
    expect(await first.exited).toBe(null);
    // The server sees the launcher's IPC channel close and stops by itself.
    await expectNothingLeft(pids);

    // Now the process that owns Postgres dies without a word: Postgres (its own session) stays up.
    const killed = launch({ PORT: String(await findFreePort()) }, [allInOne]);
    await ready(killed);
    const token = await signIn(baseOf(killed));
    const leftover = postgresPid() ?? 0;
    process.kill(-killed.pid, 'SIGKILL');
    await killed.exited;
    expect(alive(leftover)).toBe(true);

    const next = launch({ PORT: String(await findFreePort()) });
    await ready(next);
    expect(next.output()).toContain(`found the PostgreSQL (pid ${leftover}) that an earlier Fareway (pid ${killed.pid}) left running`);
    expect(alive(leftover)).toBe(false);
    // Nothing committed before the kill is lost: the session signed in then still works.
    const me = await fetch(`${baseOf(next)}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const pidsNext = [serverPid(next), postgresPid() ?? 0];
    signalGroup(next, 'SIGINT');
    expect(await next.exited).toBe(0);
    await expectNothingLeft(pidsNext);
  }, 300_000);

  it('says a busy port in one sentence, exits 1, and leaves no database running', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((done) =>
      blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)),
    );
    try {
      const run = launch({ PORT: String(port) }, [allInOne]);
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

  it('start:api and start:worker refuse to run without DATABASE_URL, in one sentence', async () => {
    for (const role of ['api', 'worker']) {
      const run = launch({}, [join(root, 'scripts/start-role.mjs'), role]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`start:${role}: DATABASE_URL is not set.`);
    }
  });

  it('refuses a bad setting by name and exits 1', async () => {
    const run = launch({ PORT: 'eighty' }, [allInOne]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT="eighty": expected a port number');
  });

  // `pnpm start` itself: pnpm forwards the terminal's Ctrl-C to the launcher (twice, with a
  // SIGTERM), on top of the one the launcher gets from the group.
  const pnpm = process.env.npm_execpath && basename(process.env.npm_execpath).includes('pnpm') ? process.env.npm_execpath : undefined;
  it.runIf(pnpm || process.env.CI === 'true')(
    'through pnpm: one Ctrl-C to the group is one graceful stop',
    async () => {
      expect(pnpm, 'run the tests through pnpm (npm_execpath)').toBeDefined();
      const run = launch({ PORT: String(await findFreePort()) }, [pnpm as string, 'start']);
      await ready(run);
      const pids = [serverPid(run), postgresPid() ?? 0];
      signalGroup(run, 'SIGINT');
      await run.exited;
      await expectNothingLeft(pids);
      expect(run.output().match(/stopping: draining requests/g)).toHaveLength(1);
      expect(run.output()).not.toContain('stopping fast');
    },
    120_000,
  );
});
