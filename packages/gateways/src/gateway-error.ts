import type { GatewayName } from './payment-gateway';

/**
 * - `http`: the gateway answered with a non-2xx status.
 * - `network`: no answer (connection refused, reset, DNS).
 * - `timeout`: no answer within the configured time.
 * - `invalid_response`: an answer we cannot read (not JSON, missing fields).
 * - `declined`: the gateway answered clearly and refused (a refund it will not do).
 * - `unsupported`: the gateway has no API for this (MintPay refunds).
 */
export type GatewayErrorKind = 'http' | 'network' | 'timeout' | 'invalid_response' | 'declined' | 'unsupported';

/**
 * A gateway call that did not do what was asked. Internal: the message names the
 * gateway, the operation and the status, never a secret, and is not meant for clients
 * (the core maps it to PAYMENT_FAILED or SERVICE_UNAVAILABLE). `retryable` says whether
 * the same call may succeed later (network trouble, timeouts, 429 and 5xx).
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly gateway: GatewayName;
  readonly operation: string;
  readonly kind: GatewayErrorKind;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;

  constructor(
    gateway: GatewayName,
    operation: string,
    kind: GatewayErrorKind,
    message: string,
    options: { httpStatus?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(`${gateway} ${operation}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.gateway = gateway;
    this.operation = operation;
    this.kind = kind;
    this.httpStatus = options.httpStatus;
    this.retryable = options.retryable ?? (kind === 'network' || kind === 'timeout');
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
