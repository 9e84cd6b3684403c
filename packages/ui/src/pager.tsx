import { Button } from './button';

export interface PagerProps {
  page: number;
  limit: number;
  total: number;
  onPage: (page: number) => void;
  /** The list is being fetched (buttons wait). */
  busy?: boolean;
}

/** "Page 2 of 5 · 93 in all" with Previous / Next; nothing when everything fits on one page. */
export function Pager({ page, limit, total, onPage, busy = false }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / Math.max(1, limit)));
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav className="fw-pager" aria-label="Pages">
      <Button variant="secondary" disabled={page <= 1 || busy} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <span className="fw-pager__where" aria-live="polite">
        Page {page} of {pages} · {total} in all
      </span>
      <Button variant="secondary" disabled={page >= pages || busy} onClick={() => onPage(page + 1)}>
        Next
      </Button>
    </nav>
  );
}
