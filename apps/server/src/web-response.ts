import type { FastifyReply } from 'fastify';

export function isWebResponse(payload: unknown): payload is Response {
  return typeof payload === 'object' && payload !== null && Object.prototype.toString.call(payload) === '[object Response]';
}

/**
 * A fetch Response read whole: its status and headers applied as Fastify would, its bytes
 * returned to send (a JSON answer is small and finite).
 */
export async function readWebResponse(reply: FastifyReply, payload: Response): Promise<Buffer> {
  const bytes = Buffer.from(await payload.arrayBuffer());
  reply.code(payload.status);
  for (const [name, value] of payload.headers) reply.header(name, value);
  return bytes;
}
