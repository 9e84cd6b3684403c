import { findAppError } from '@fareway/domain';

/** How a use case call ended: 'ok', or the code of the AppError it threw ('UNKNOWN' for anything else). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return findAppError(error)?.code ?? 'UNKNOWN';
  }
}
