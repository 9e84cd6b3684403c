// `pnpm admin:create <email> [name]`: creates an admin (or makes an existing account
// one and resets its password). The password comes from ADMIN_PASSWORD or a prompt,
// never from the command line, where shell history would keep it.
import { createInterface } from 'node:readline/promises';
import { ensureAdmin, openRuntime, runMain, StartupError } from '@fareway/core';

runMain('admin:create', async () => {
  const [email, ...nameParts] = process.argv.slice(2);
  if (!email) throw new StartupError('usage: pnpm admin:create <email> [name]  (password from ADMIN_PASSWORD or a prompt)');
  let password = process.env.ADMIN_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('Password (12+ characters): ');
    rl.close();
  }
  const { ADMIN_EMAIL: _e, ADMIN_PASSWORD: _p, ...env } = process.env;
  const runtime = await openRuntime('script', { env });
  try {
    const { user, created } = await ensureAdmin(runtime.deps, {
      email,
      password,
      name: nameParts.join(' ') || undefined,
      resetPassword: true,
    });
    process.stdout.write(`${created ? 'created' : 'updated'} admin ${user.email} (${user.id})\n`);
  } finally {
    await runtime.close();
  }
  process.exit(0);
});
