import { ApiProvider, useTRPC } from '@fareway/api-client';
import { useQueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createConsoleRouter } from './router';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing <div id="root">');

const router = createConsoleRouter();

/** The router, given the API provider's query cache and tRPC options for its guards. */
function Console() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return <RouterProvider router={router} context={{ trpc, queryClient }} />;
}

createRoot(container).render(
  <StrictMode>
    <ApiProvider>
      <Console />
    </ApiProvider>
  </StrictMode>,
);
