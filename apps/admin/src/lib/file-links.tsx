import { humanize } from '@fareway/ui';

/**
 * Uploaded papers as links ("Licence front"), each opening through the
 * access-checked file route (`url`) in a new tab.
 */
export function FileLinks({ files, none }: { files: ReadonlyArray<{ kind: string; fileId: string; url: string }>; none: string }) {
  if (files.length === 0) return <span className="fw-muted">{none}</span>;
  return (
    <ul className="admin-inline-list">
      {files.map((file) => (
        <li key={file.fileId}>
          <a href={file.url} target="_blank" rel="noreferrer">
            {humanize(file.kind)}
          </a>
        </li>
      ))}
    </ul>
  );
}
