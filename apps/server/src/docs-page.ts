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

/**
 * Scalar's configuration. The document's own `servers` entry is relative (`/api/v1`), so
 * "try it" calls this same origin. No web fonts from Scalar's CDN, no telemetry, and no
 * AI agent (it would call Scalar's servers): the CSP above refuses all of them anyway.
 */
const CONFIGURATION = {
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: false,
};

// Scalar's HTML integration: the bundle reads this element's attributes when it loads (an empty
// script element executes nothing, so no inline script is needed under the CSP).
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fareway API reference</title></head>
<body>
<script id="api-reference" data-url="/api/v1/openapi.json" data-configuration="${JSON.stringify(CONFIGURATION).replace(/"/g, '&quot;')}"></script>
<script src="/api/docs/scalar.js"></script>
</body></html>`;

/** The API reference page (Scalar) over `/api/v1/openapi.json`. */
export function registerDocsPage(app: FastifyInstance): void {
  let bundle: Promise<Buffer> | undefined;
  app.get('/api/docs', async (_request, reply) =>
    reply.header('Content-Security-Policy', DOCS_CSP).type('text/html; charset=utf-8').send(PAGE),
  );
  app.get('/api/docs/scalar.js', async (_request, reply) => {
    bundle ??= readFile(SCALAR_BUNDLE);
    return reply
      .header('Cache-Control', 'public, max-age=3600')
      .type('text/javascript; charset=utf-8')
      .send(await bundle);
  });
}
