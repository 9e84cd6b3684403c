#!/usr/bin/env node
// `pnpm start`: builds what is missing or older than its sources, then runs the
// all-in-one launcher (embedded Postgres, migrations, demo data, server, worker).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Tests are not part of the build: editing one must not trigger a rebuild.
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'test' || entry.name.includes('.test.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(join(root, 'packages')), newest(join(root, 'apps')), newest(join(root, 'drizzle')));
const outputs = ['apps/server/dist/start.js', 'apps/worker/dist/main.js', 'apps/web/dist/index.html', 'apps/admin/dist/index.html'].map(
  (f) => join(root, f),
);
const stale = outputs.some((f) => !existsSync(f) || statSync(f).mtimeMs < sources);
if (stale) {
  console.log('fareway: building (the first start takes a little longer)…');
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Signals are counted here, once. The server runs in its own process group, so a
// terminal's Ctrl-C (sent to the whole group) reaches only this launcher, which passes
// it on. pnpm and npx forward the same Ctrl-C to us again a few milliseconds later (and
// pnpm adds a SIGTERM): signals within ECHO_MS of the one passed on are that same
// keypress. A later one is a second press: passed on, the server stops fast. If this
// launcher is killed (even by SIGKILL), the server sees its IPC channel close and
// stops by itself, the database included.
const ECHO_MS = 1000;
const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'apps/server/dist/start.js')], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  detached: true,
  cwd: root,
  env: { ...process.env, TZ: 'UTC' },
});
let lastPassedOn = 0;
const passOn = (signal) => {
  const now = Date.now();
  if (now - lastPassedOn < ECHO_MS) return;
  lastPassedOn = now;
  // A closed terminal (SIGHUP) is a stop like any other.
  child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => passOn(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
