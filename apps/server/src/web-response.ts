import type { FastifyInstance, FastifyReply } from 'fastify';

export function isWebResponse(payload: unknown): payload is Response {
  return typeof payload === 'object' && payload !== null && Object.prototype.toString.call(payload) === '[object Response]';
}

/**
 * The tRPC adapter sends a fetch Response: read it whole, apply its status and
 * headers as Fastify would, and hand on the bytes (a JSON answer is small and finite).
 */
export async function readWebResponse(reply: FastifyReply, payload: Response): Promise<Buffer> {
  const bytes = Buffer.from(await payload.arrayBuffer());
  reply.code(payload.status);
  for (const [name, value] of payload.headers) reply.header(name, value);
  return bytes;
}

/**
 * Turns tRPC's JSON answers into bytes before compression (register before
 * @fastify/compress): compress cannot measure a stream, so it gzipped every
 * tRPC reply, however tiny; with bytes its size threshold applies as on REST.
 * Streamed tRPC answers (JSON lines, server-sent events) stay streams.
 */
export function registerTrpcBuffering(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isWebResponse(payload) || !request.url.startsWith('/trpc/')) return payload;
    const type = payload.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json')) return payload;
    return readWebResponse(reply, payload);
  });
}
