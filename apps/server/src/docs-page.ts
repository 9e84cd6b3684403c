import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

/** Scalar's standalone bundle, served from the package itself: no CDN, works offline. */
const SCALAR_BUNDLE = createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');

/**
 * `/api/docs` only: Scalar injects its styles at run time, so this page alone also
 * allows inline styles; scripts stay same-origin files (no inline script, no eval).
 */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fareway API reference</title></head>
<body><div id="api-reference"></div>
<script src="/api/docs/scalar.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;

// "Try it" calls this same origin; fonts come from the page, not Scalar's font CDN.
const INIT = `Scalar.createApiReference('#api-reference', {
  url: '/api/v1/openapi.json',
  servers: [{ url: window.location.origin + '/api/v1', description: 'This server' }],
  withDefaultFonts: false,
  hideClientButton: false,
  telemetry: false,
});
`;

/** The API reference page (Scalar) over `/api/v1/openapi.json`. */
export function registerDocsPage(app: FastifyInstance): void {
  let bundle: Promise<Buffer> | undefined;
  app.get('/api/docs', async (_request, reply) =>
    reply.header('Content-Security-Policy', DOCS_CSP).type('text/html; charset=utf-8').send(PAGE),
  );
  app.get('/api/docs/init.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(INIT));
  app.get('/api/docs/scalar.js', async (_request, reply) => {
    bundle ??= readFile(SCALAR_BUNDLE);
    return reply
      .header('Cache-Control', 'public, max-age=3600')
      .type('text/javascript; charset=utf-8')
      .send(await bundle);
  });
}
