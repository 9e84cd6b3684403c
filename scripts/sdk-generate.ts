// `pnpm sdk:generate`: writes packages/sdk/openapi.json and packages/sdk/src/schema.ts from the router, without a server.
import { writeFile } from 'node:fs/promises';
import { SDK_FILES, sdkArtifacts } from '../apps/server/src/sdk-artifacts';

const { document, types } = await sdkArtifacts();
await writeFile(SDK_FILES.document, document);
await writeFile(SDK_FILES.types, types);
console.log(`wrote ${SDK_FILES.document} and ${SDK_FILES.types}`);
