import type { RouterOutputs } from '@fareway/api';

export type { AppRouter, RouterInputs, RouterOutputs } from '@fareway/api';
export { type ApiClient, type ApiClientOptions, createApiClient } from './client';
export { type AppErrorCode, appErrorCode, errorHttpStatus, isSignedOutError, retryAfterSeconds, SIGNED_OUT_CODES } from './errors';
export {
  ERROR_MESSAGES,
  errorMessage,
  fieldErrors,
  isLanguage,
  LANGUAGES,
  type Language,
  messageLanguage,
  setMessageLanguage,
  unreachableMessage,
} from './messages';
export { PHONE_SIGN_IN_WORDS, PhoneSignIn, type PhoneSignInProps, type PhoneSignInWords } from './phone-sign-in';
export { problemOf, type RequestProblem, UNREACHABLE_MESSAGE, useProblem } from './problem';
export { ApiProvider, type ApiProviderProps } from './provider';
export { createQueryClient, shouldRetryQuery } from './query-client';
export {
  completeSignIn,
  forgetSession,
  type Session,
  type SessionState,
  type SessionUser,
  type SignedIn,
  sessionFromQuery,
  signOut,
  useCompleteSignIn,
  useSession,
  useSignOut,
} from './session';
export { TRPCProvider, useTRPC, useTRPCClient } from './trpc';

/** The payload of `system.fullStatus` (admins), as the admin console receives it. */
export type SystemStatus = RouterOutputs['system']['fullStatus'];
export { QueryState } from './query-state';
