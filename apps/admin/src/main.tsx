import { ApiProvider } from '@fareway/api-client';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createConsoleRouter } from './router';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing <div id="root">');

const router = createConsoleRouter();

createRoot(container).render(
  <StrictMode>
    <ApiProvider>
      <RouterProvider router={router} />
    </ApiProvider>
  </StrictMode>,
);
