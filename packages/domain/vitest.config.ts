import { defineConfig } from 'vitest/config';

// Only for mutation testing (stryker.config.mjs): the workspace's vitest.config.ts
// runs these same tests as its `domain` project.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node', env: { TZ: 'UTC' } },
});
