import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** How much of a refused body we read and discard before answering: past this the connection is cut. */
export const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Reads and discards what is left of a request body, up to `maxBytes` or `timeoutMs`;
 * true when the body ended. A client still sending (Node's fetch writes the whole body
 * before it reads) would otherwise see the socket close under it (EPIPE) and never
 * read the answer.
 */
export function drainBody(raw: IncomingMessage, maxBytes = DRAIN_LIMIT_BYTES, timeoutMs = DRAIN_TIMEOUT_MS): Promise<boolean> {
  if (raw.readableEnded || raw.complete) return Promise.resolve(true);
  if (raw.destroyed) return Promise.resolve(false);
  return new Promise((done) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('error', onFail);
      raw.off('close', onFail);
      done(ended);
    };
    const onData = (chunk: Buffer | string) => {
      seen += chunk.length;
      if (seen > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onFail = () => finish(raw.complete);
    const timer = setTimeout(() => finish(false), timeoutMs);
    timer.unref();
    raw.on('data', onData);
    raw.once('end', onEnd);
    raw.once('error', onFail);
    raw.once('close', onFail);
    raw.resume();
  });
}

/**
 * Before answering 413: drain the body (bounded), then close the connection, so the
 * client reads the PAYLOAD_TOO_LARGE envelope instead of a broken pipe.
 */
export async function drainBeforeRefusing(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await drainBody(request.raw);
  reply.header('Connection', 'close');
}
