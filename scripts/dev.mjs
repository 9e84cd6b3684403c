#!/usr/bin/env node
// `pnpm dev`: the launcher under tsx watch (restarts on change) plus the two Vite
// dev servers with HMR, which proxy /trpc and /api to it.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, TZ: 'UTC' };
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'apps/server/src/start.ts'], { cwd: root, stdio: 'inherit', env }),
  spawn('npx', ['vite', '--port', '5173', '--strictPort'], { cwd: join(root, 'apps/web'), stdio: 'inherit', env }),
  spawn('npx', ['vite', '--port', '5174', '--strictPort'], { cwd: join(root, 'apps/admin'), stdio: 'inherit', env }),
];
console.log('fareway dev: customer app http://localhost:5173/  admin http://localhost:5174/admin/  API http://localhost:3000/api/docs');
let exiting = false;
const stop = (signal) => {
  if (exiting) return;
  exiting = true;
  for (const child of children) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
let open = children.length;
for (const child of children) {
  child.on('exit', (code) => {
    open -= 1;
    if (!exiting) stop('SIGTERM');
    if (open === 0) process.exit(code ?? 0);
  });
}
