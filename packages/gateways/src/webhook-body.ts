import { AppError } from '@fareway/domain';
import type { z } from 'zod';

/**
 * Reads an authentic webhook body. Only called after the signature check passed,
 * so a body we cannot read is a protocol change or a bug on the sender's side:
 * VALIDATION_ERROR (400), which the gateway will retry, rather than a signature failure.
 */
export function readJsonBody<S extends z.ZodType>(schema: S, rawBody: Buffer, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw malformed(what);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw malformed(what);
  return parsed.data;
}

export function malformed(what: string): AppError {
  return new AppError('VALIDATION_ERROR', `${what} is malformed`);
}
