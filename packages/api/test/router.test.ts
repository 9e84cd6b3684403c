import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, createCaller, createContextFactory } from '../src';

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
});
