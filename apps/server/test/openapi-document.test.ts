import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SDK_FILES, sdkArtifacts } from '../src/sdk-artifacts';

// biome-ignore lint/suspicious/noExplicitAny: reading a JSON document
type Json = Record<string, any>;

const root = fileURLToPath(new URL('../../../', import.meta.url));
const redocly = fileURLToPath(new URL('../node_modules/.bin/redocly', import.meta.url));
const MUTATING = ['post', 'put', 'patch', 'delete'];

function operations(document: Json): Array<{ method: string; path: string; op: Json }> {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({ method, path, op: op as Json })),
  );
}

describe('the OpenAPI document and the SDK', () => {
  it('the committed document and generated types are what the router gives now (run `pnpm sdk:generate`)', async () => {
    const fresh = await sdkArtifacts();
    expect(await readFile(SDK_FILES.document, 'utf8'), 'packages/sdk/openapi.json is stale: run `pnpm sdk:generate`').toBe(fresh.document);
    expect(await readFile(SDK_FILES.types, 'utf8'), 'packages/sdk/src/schema.ts is stale: run `pnpm sdk:generate`').toBe(fresh.types);
  });

  it('passes `redocly lint` (recommended ruleset) with no errors', async () => {
    const run = promisify(execFile);
    const result = await run(
      redocly,
      ['lint', SDK_FILES.document, '--config', `${root}redocly.yaml`, '--format=json', '--max-problems=1000'],
      {
        cwd: root,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
      throw new Error(`redocly lint failed (exit ${error.code}):\n${error.stdout?.slice(0, 4000)}\n${error.stderr?.slice(0, 2000)}`);
    });
    const report = JSON.parse(result.stdout) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; severity: string; message: string }>;
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120_000);

  it('every operation has an id, a summary, tags, security, its error responses and examples', async () => {
    const document = JSON.parse(await readFile(SDK_FILES.document, 'utf8')) as Json;
    const ids = new Set<string>();
    for (const { method, path, op } of operations(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, where).toMatch(/^[A-Za-z][\w-]+$/);
      expect(ids.has(op.operationId), `${where}: duplicate operationId`).toBe(false);
      ids.add(op.operationId);
      expect(op.summary, where).toBeTruthy();
      expect(op.tags?.length, where).toBeGreaterThan(0);
      expect(Array.isArray(op.security), where).toBe(true);
      const header = (op.parameters ?? []).find((p: Json) => p.name === 'Idempotency-Key');
      if (MUTATING.includes(method)) expect(header, where).toMatchObject({ in: 'header', required: false });
      const errors = Object.entries(op.responses as Json).filter(([status]) => /^[45]\d\d$/.test(status));
      expect(errors.length, where).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        const media = (response as Json).content['application/json'];
        expect(media.schema.properties.error.properties.code.enum.length, `${where} ${status}`).toBeGreaterThan(0);
        expect(media.example.error.code, `${where} ${status}`).toBeTruthy();
      }
      const success = Object.entries(op.responses as Json).find(([status]) => status.startsWith('2'));
      const media = (success?.[1] as Json | undefined)?.content?.['application/json'];
      if (media) {
        expect(media.example?.success, where).toBe(true);
        // A list takes page and limit and answers `data: [...]` with a top-level meta.
        const paged = (op.parameters ?? []).some((p: Json) => p.name === 'page' && p.in === 'query');
        if (paged) {
          expect(media.schema.properties.data.type, where).toBe('array');
          expect(media.schema.required, where).toContain('meta');
        }
        if (method === 'get' && media.schema.properties.data.type === 'array')
          expect(paged, `${where} is a list without paging`).toBe(true);
      }
    }
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(
      document.paths['/payments/webhook/{provider}'].post.responses['401'].content['application/json'].schema.properties.error.properties
        .code.enum,
    ).toEqual(['WEBHOOK_SIGNATURE_INVALID']);
    expect(document.paths['/payments/webhook/mintpay'].get.responses['303']).toBeDefined();
    expect(ids.size).toBeGreaterThan(60);
  });
});
