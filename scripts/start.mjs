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
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
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

// The launcher gets the signals itself: it drains, stops the worker, then the database.
const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'apps/server/dist/start.js')], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, TZ: 'UTC' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
