#!/usr/bin/env node
// The JavaScript a first visit loads, gzipped, per built SPA: the entry script and the
// modules index.html preloads (the lazy page chunks come later). Run after `pnpm build`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const app of ['web', 'admin']) {
  const dist = join(root, 'apps', app, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="[^"]*?\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const sizes = files.map((file) => ({ file, gzip: gzipSync(readFileSync(join(dist, file))).length }));
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  console.log(
    `${app}: ${(total / 1024).toFixed(1)} kB gzip initial JS (${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} kB`).join(', ')})`,
  );
}
