import type { AppRouter } from '@fareway/api';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** React bindings for the Fareway tRPC router: wrap the app in `<ApiProvider>` (or `TRPCProvider`), then call `useTRPC()`. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
