import { ApiProvider } from '@fareway/api-client';
import { RouterProvider } from '@fareway/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing <div id="root">');

createRoot(container).render(
  <StrictMode>
    <ApiProvider>
      <RouterProvider base={import.meta.env.BASE_URL}>
        <App />
      </RouterProvider>
    </ApiProvider>
  </StrictMode>,
);
