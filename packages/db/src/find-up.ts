import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder holding `marker`, searched upwards from the working directory
 * and then from the calling module, so it works from the source tree, from a bundle
 * in `apps/x/dist`, and in tests.
 */
export function findUp(marker: string, fromModuleUrl: string): string | undefined {
  for (const start of [process.cwd(), dirname(fileURLToPath(fromModuleUrl))]) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      if (existsSync(join(dir, marker))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}
