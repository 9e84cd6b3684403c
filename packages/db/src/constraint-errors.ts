import { AppError, type ErrorCode } from '@fareway/domain';

interface ConstraintRule {
  code: ErrorCode;
  message: string;
}

/**
 * Constraint name → the error a client sees. Features register their own
 * (`rental_bookings_no_overlap` → BOOKING_CONFLICT, ...), so the database's
 * verdict reaches the client with a stable code, never as a 500.
 */
const rules = new Map<string, ConstraintRule>();

export function registerConstraintError(constraint: string, code: ErrorCode, message: string): void {
  rules.set(constraint, { code, message });
}

interface PostgresErrorShape {
  code?: string;
  constraint_name?: string;
}

function findPostgresError(error: unknown): PostgresErrorShape | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    const candidate = current as PostgresErrorShape & { name?: string; cause?: unknown };
    if (candidate.name === 'PostgresError' || typeof candidate.constraint_name === 'string') return candidate;
    current = candidate.cause;
  }
  return undefined;
}

export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const pgError = findPostgresError(error);
  const rule = pgError?.constraint_name ? rules.get(pgError.constraint_name) : undefined;
  if (!rule) return error;
  return new AppError(rule.code, rule.message, { cause: error });
}

/** SQLSTATE of a postgres error anywhere in the cause chain. */
export function postgresErrorCode(error: unknown): string | undefined {
  return findPostgresError(error)?.code;
}
