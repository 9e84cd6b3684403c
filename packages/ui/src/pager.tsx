import { Button } from './button';
import { useUiLabels } from './ui-labels';

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
  const labels = useUiLabels();
  const pages = Math.max(1, Math.ceil(total / Math.max(1, limit)));
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav className="fw-pager" aria-label={labels.pages}>
      <Button variant="secondary" disabled={page <= 1 || busy} onClick={() => onPage(page - 1)}>
        {labels.previous}
      </Button>
      <span className="fw-pager__where" aria-live="polite">
        {labels.pageOf(page, pages, total)}
      </span>
      <Button variant="secondary" disabled={page >= pages || busy} onClick={() => onPage(page + 1)}>
        {labels.next}
      </Button>
    </nav>
  );
}
