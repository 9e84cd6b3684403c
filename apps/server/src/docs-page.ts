type Json = Record<string, unknown>;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * `/api/docs`: a readable index of the OpenAPI document, rendered on the server
 * (no scripts, no CDN: it works offline and under the strict CSP).
 */
export function renderDocsPage(document: Json): string {
  const info = (document.info ?? {}) as Json;
  const rows: string[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item) as Array<[string, Json]>) {
      const tags = ((op.tags as string[] | undefined) ?? []).join(', ');
      rows.push(
        `<tr><td><code class="m-${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</code></td><td><code>/api/v1${escapeHtml(path)}</code></td><td>${escapeHtml(String(op.summary ?? ''))}</td><td>${escapeHtml(tags)}</td></tr>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(String(info.title ?? 'API'))} — REST reference</title>
<link rel="stylesheet" href="/api/docs.css"></head>
<body><main>
<h1>${escapeHtml(String(info.title ?? 'API'))} <small>v${escapeHtml(String(info.version ?? ''))}</small></h1>
<p>${escapeHtml(String(info.description ?? ''))}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Auth: <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Tags</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></main></body></html>`;
}

export const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
main{max-width:1000px;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #e3e6eb}code{font:13px ui-monospace,monospace}
.m-get{color:#0a7d3b}.m-post{color:#1456c2}.m-put,.m-patch{color:#8a5a00}.m-delete{color:#b3261e}small{color:#667}`;
