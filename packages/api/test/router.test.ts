import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, buildOpenApiDocument, createCaller, createContextFactory } from '../src';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.cleanup();
});

describe('the app router', () => {
  it('answers system.status through the server-side caller: up, and nothing internal', async () => {
    const caller = createCaller(createContextFactory(deps)({ requestId: 'req_t', ip: '127.0.0.1' }));
    expect(await caller.system.status()).toEqual({ status: 'up' });
  });

  it('gives every REST operation an error envelope and a wrapped success', () => {
    const doc = buildOpenApiDocument({ baseUrl: 'http://localhost/api/v1', version: 't' }) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> }>
      >;
    };
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) {
      expect(op.responses['500']?.content['application/json']?.schema).toMatchObject({ required: ['success', 'error'] });
      expect(op.responses['200']?.content['application/json']?.schema).toMatchObject({
        required: expect.arrayContaining(['success', 'data']),
      });
    }
  });

  it('has every REST procedure declare the codes it answers with (`errors`, even empty), so the document lists them', () => {
    const procedures = (
      appRouter as unknown as { _def: { procedures: Record<string, { _def: { meta?: { openapi?: unknown; errors?: unknown } } }> } }
    )._def.procedures;
    const undeclared = Object.entries(procedures)
      .filter(([, procedure]) => procedure._def.meta?.openapi && !Array.isArray(procedure._def.meta.errors))
      .map(([name]) => name);
    expect(undeclared).toEqual([]);
  });
});
