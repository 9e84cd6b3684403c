import type { z } from 'zod';
import { GatewayError } from '../gateway-error';
import type { GatewayName } from '../payment-gateway';

export interface JsonRequest {
  gateway: GatewayName;
  /** Names the call in errors: "refund", "fetch status". */
  operation: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  timeoutMs: number;
  /** Non-2xx statuses that are answers rather than failures (e.g. 404 for "no such payment"). */
  answerStatuses?: readonly number[];
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

const SNIPPET = 300;

/**
 * One outbound call with a deadline. Every failure becomes a GatewayError that says
 * which gateway and call failed and why; a non-2xx status is never mistaken for an answer.
 */
export async function requestJson(request: JsonRequest): Promise<JsonResponse> {
  const { gateway, operation } = request;
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }

  let response: Response;
  try {
    response = await fetch(request.url, { method: request.method, headers, body, signal: AbortSignal.timeout(request.timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw timedOut
      ? new GatewayError(gateway, operation, 'timeout', `no answer within ${request.timeoutMs} ms`, { cause: error })
      : new GatewayError(gateway, operation, 'network', `request failed (${describe(error)})`, { cause: error });
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new GatewayError(gateway, operation, 'network', `reading the answer failed (${describe(error)})`, { cause: error });
  }

  const answered = response.ok || (request.answerStatuses ?? []).includes(response.status);
  if (!answered) {
    throw new GatewayError(
      gateway,
      operation,
      'http',
      `HTTP ${response.status} from ${request.method} ${pathOf(request.url)}: ${snippet(text)}`,
      {
        httpStatus: response.status,
        retryable: response.status === 429 || response.status >= 500,
      },
    );
  }
  try {
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  } catch (error) {
    throw new GatewayError(gateway, operation, 'invalid_response', `HTTP ${response.status} answer is not JSON: ${snippet(text)}`, {
      httpStatus: response.status,
      cause: error,
    });
  }
}

/** Reads a gateway answer with a schema; an unexpected shape is an error, not a guess. */
export function parseAnswer<S extends z.ZodType>(schema: S, body: unknown, gateway: GatewayName, operation: string): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    throw new GatewayError(gateway, operation, 'invalid_response', `unexpected answer (${where})`);
  }
  return result.data;
}

function pathOf(url: string): string {
  // The query may carry references; the path is enough to say which call failed.
  try {
    return new URL(url).pathname;
  } catch {
    return '(invalid url)';
  }
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET ? `${flat.slice(0, SNIPPET)}…` : flat || '(empty body)';
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
