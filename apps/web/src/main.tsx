import { ApiProvider } from '@fareway/api-client';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/i18n';
import { createAppRouter } from './router';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing <div id="root">');

const router = createAppRouter();

// The first paint is in the visitor's language: its strings (a small chunk for si/ta) load first.
void initI18n().then(() => {
  createRoot(container).render(
    <StrictMode>
      <ApiProvider>
        <RouterProvider router={router} />
      </ApiProvider>
    </StrictMode>,
  );
});
