/**
 * A failed delivery, told apart for the outbox: retryable (network error, 5xx,
 * 429, a 4xx SMTP reply) is tried again with backoff; anything else (bad number,
 * unknown mailbox, bad credentials) is final.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly retryable: boolean;
  readonly provider: string;

  constructor(provider: string, message: string, retryable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.provider = provider;
    this.retryable = retryable;
  }
}

/** An error's message with its cause's, for a log line or the outbox's last_error. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** True for fetch's AbortSignal.timeout rejections. */
export function isTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'TimeoutError' || (error.name === 'AbortError' && error.cause instanceof Error && error.cause.name === 'TimeoutError'))
  );
}

/** A provider's JSON answer as an object, or undefined when it is not one (an HTML error page, a bare string). */
export function parseJsonObject<T extends object>(text: string): Partial<T> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POSTs a form to an SMS provider: never following a redirect (it would replay
 * the POST as a bodiless GET), bounded by `timeoutMs`. Network trouble and
 * timeouts become a retryable DeliveryError (`redact` cleans its message).
 */
export async function postForm(
  fetchFn: typeof globalThis.fetch,
  url: string,
  form: URLSearchParams,
  options: { provider: string; label: string; timeoutMs: number; headers?: Record<string, string>; redact?: (text: string) => string },
): Promise<{ status: number; text: string }> {
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...options.headers },
      body: form.toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const reason = isTimeout(error) ? `timed out after ${options.timeoutMs} ms` : `network error: ${describeError(error)}`;
    const message = `${options.label} request failed: ${reason}`;
    throw new DeliveryError(options.provider, options.redact ? options.redact(message) : message, true, { cause: error });
  }
}
