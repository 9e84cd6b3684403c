import { type AppRouter, buildOpenApiDocument } from '@fareway/api';
import { fileOperations } from './files';
import { webhookOperations } from './payments';

export interface ApiDocumentOptions {
  /** The `servers` URL: `/api/v1`, relative to wherever the document is served (served and committed alike). */
  baseUrl: string;
  version: string;
  maxUploadBytes: number;
  router?: AppRouter;
}

/** The whole `/api/v1` surface: the procedures and the routes served beside them (gateway webhooks, files). */
export function buildApiDocument(options: ApiDocumentOptions): Record<string, unknown> {
  return buildOpenApiDocument({
    baseUrl: options.baseUrl,
    version: options.version,
    router: options.router,
    extraOperations: [...webhookOperations(), ...fileOperations(options.maxUploadBytes)],
  });
}
