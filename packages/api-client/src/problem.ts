import { useMemo } from 'react';
import { type AppErrorCode, appErrorCode, retryAfterSeconds } from './errors';
import { errorMessage, fieldErrors, type Language, messageLanguage, unreachableMessage } from './messages';

/** A failed request as the SPAs show it (structurally the `Problem` of `@fareway/ui`). */
export interface RequestProblem {
  /** What to tell a person, in the current language: the code's sentence (errorMessage), or a plain one when the server was not reached. */
  message: string;
  /** The server's own message, for logs and support (not for the screen). */
  serverMessage: string | null;
  /** The server's stable code; undefined for network failures. */
  code: AppErrorCode | undefined;
  /** When it may be tried again (epoch ms), from a 429's Retry-After; null when at once. */
  retryAt: number | null;
  /** The server's `details` (validation paths, taken seats), as sent. */
  details: unknown;
  /** A VALIDATION_ERROR's messages by field path, to show beside each field. */
  fields: Record<string, string>;
}

/** The English "could not reach" sentence (unreachableMessage() gives it in the current language). */
export const UNREACHABLE_MESSAGE = unreachableMessage('en');

function detailsOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data = (error as { data: unknown }).data;
  return typeof data === 'object' && data !== null ? (data as { details?: unknown }).details : undefined;
}

/**
 * Turns any error from the client into what a screen shows: the code's human
 * sentence (one table, ERROR_MESSAGES), the field errors of a validation
 * error, its code, and the moment a retry is allowed. `now` is when the error arrived.
 */
export function problemOf(error: unknown, now = Date.now(), language: Language = messageLanguage()): RequestProblem | null {
  if (error === null || error === undefined) return null;
  const code = appErrorCode(error);
  const details = detailsOf(error);
  const wait = retryAfterSeconds(error);
  const serverMessage = code === undefined ? null : error instanceof Error ? error.message : String(error);
  const fields = code === 'VALIDATION_ERROR' ? fieldErrors(details) : {};
  // A code this build does not know yet (a newer server) still gets the server's own words.
  const unreachable = unreachableMessage(language);
  let message = code === undefined ? unreachable : (errorMessage(code, language) ?? serverMessage ?? unreachable);
  // Forms show each field's message beside it; anywhere else the alert says what was wrong.
  const fieldMessages = Object.values(fields);
  if (fieldMessages.length > 0) message = `${message.replace(/\.$/, '')}: ${fieldMessages.join('; ')}`;
  return {
    message,
    serverMessage,
    code,
    retryAt: wait === undefined ? null : now + wait * 1000,
    details,
    fields,
  };
}

/**
 * `problemOf(error)`, computed once per error (and language) so a Retry-After
 * countdown keeps its deadline across renders; a page re-rendered by a
 * language change gets the sentence in the new language.
 */
export function useProblem(error: unknown): RequestProblem | null {
  const language = messageLanguage();
  return useMemo(() => problemOf(error, Date.now(), language), [error, language]);
}
