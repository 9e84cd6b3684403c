#!/usr/bin/env node
// `pnpm start:api` / `pnpm start:worker`: one built API or worker process against the
// PostgreSQL at DATABASE_URL (production, or a cluster on one machine). Run as many of
// each as you need; `pnpm build` first, `pnpm db:migrate` once per release.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const roles = { api: 'apps/server/dist/main.js', worker: 'apps/worker/dist/main.js' };
const role = process.argv[2];
const entry = roles[role];
if (!entry) {
  process.stderr.write(`usage: node scripts/start-role.mjs ${Object.keys(roles).join('|')}\n`);
  process.exit(1);
}
if (!process.env.DATABASE_URL) {
  process.stderr.write(
    `start:${role}: DATABASE_URL is not set. start:${role} runs against an existing PostgreSQL (see README, "Production"); \`pnpm start\` runs everything with an embedded one.\n`,
  );
  process.exit(1);
}
if (!existsSync(join(root, entry))) {
  process.stderr.write(`start:${role}: ${entry} is missing; run \`pnpm build\` first.\n`);
  process.exit(1);
}
process.env.TZ = 'UTC';
await import(pathToFileURL(join(root, entry)).href);
