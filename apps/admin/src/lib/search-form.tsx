import { Button, TextField } from '@fareway/ui';
import { type FormEvent, useState } from 'react';

/**
 * A list's search box. It starts from the URL's term; submitting hands the
 * trimmed term (or undefined) to `onSearch`, which puts it in the URL — the URL
 * is the state, so a search is a link.
 */
export function SearchForm({
  label,
  field,
  term,
  busy,
  onSearch,
}: {
  /** The form's accessible name, e.g. "Search users". */
  label: string;
  /** The field's label: what may be typed, e.g. "Phone, email or name". */
  field: string;
  term: string;
  busy: boolean;
  onSearch: (term: string | undefined) => void;
}) {
  const [draft, setDraft] = useState(term);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(draft.trim() || undefined);
  }
  return (
    <form className="admin-search" onSubmit={onSubmit} aria-label={label}>
      <TextField label={field} name="q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <Button type="submit" variant="secondary" busy={busy} busyLabel="Searching…">
        Search
      </Button>
    </form>
  );
}
