import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findUp } from '@fareway/db';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The workspace root, found from the working directory or from this file (source or bundle). */
export function findWorkspaceRoot(): string {
  return findUp('pnpm-workspace.yaml', import.meta.url) ?? process.cwd();
}

interface SpaSite {
  prefix: string;
  root: string;
  index: string | null;
}

/**
 * Serves the built customer app under `/` and the admin console under `/admin/`.
 * Unknown page paths get the app's index.html so client-side routes survive a reload.
 */
export async function registerStaticApps(
  app: FastifyInstance,
  rootDir = findWorkspaceRoot(),
): Promise<{ fallback: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean> }> {
  const sites: SpaSite[] = [];
  for (const [prefix, folder] of [
    ['/admin/', join(rootDir, 'apps', 'admin', 'dist')],
    ['/', join(rootDir, 'apps', 'web', 'dist')],
  ] as const) {
    const indexFile = join(folder, 'index.html');
    const index = existsSync(indexFile) ? await readFile(indexFile, 'utf8') : null;
    if (index !== null) {
      await app.register(fastifyStatic, {
        root: folder,
        prefix,
        decorateReply: false,
        wildcard: false,
        index: false,
        // Hashed assets never change; index.html must always be revalidated.
        setHeaders(reply, path) {
          reply.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    }
    sites.push({ prefix, root: folder, index });
  }
  app.get('/admin', (_request, reply) => reply.redirect('/admin/', 301));

  const fallback = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api') || path.startsWith('/trpc') || /\.[a-z0-9]+$/i.test(path)) return false;
    if (!(request.headers.accept ?? '*/*').match(/text\/html|\*\/\*/)) return false;
    const site = sites.find((s) => path === s.prefix || path.startsWith(s.prefix));
    if (!site) return false;
    reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8');
    if (site.index === null) {
      reply
        .code(503)
        .send(
          `<!doctype html><title>Fareway</title><p>This app is not built yet. Run <code>pnpm build</code> (or <code>pnpm start</code>, which builds first).</p>`,
        );
    } else {
      reply.send(site.index);
    }
    return true;
  };
  return { fallback };
}
