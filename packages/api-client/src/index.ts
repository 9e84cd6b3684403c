import type { RouterOutputs } from '@fareway/api';

export type { AppRouter, RouterInputs, RouterOutputs } from '@fareway/api';
export { type ApiClient, type ApiClientOptions, createApiClient } from './client';
export { ApiProvider, type ApiProviderProps } from './provider';
export { createQueryClient, errorHttpStatus, shouldRetryQuery } from './query-client';
export { TRPCProvider, useTRPC, useTRPCClient } from './trpc';

/** The payload of `system.status`, as the SPAs receive it. */
export type SystemStatus = RouterOutputs['system']['status'];
