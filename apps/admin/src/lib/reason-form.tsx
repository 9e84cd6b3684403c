import { Button, TextAreaField } from '@fareway/ui';
import { type FormEvent, useState } from 'react';

/**
 * An action that carries words the other side will read (reject, suspend:
 * a reason; approve: an optional note): a button that opens a short form.
 * The server wants 3–500 characters when there is any text.
 */
export function ReasonAction({
  label,
  confirmLabel,
  busy,
  disabled,
  optional = false,
  fieldLabel = optional ? 'Note to the owner (optional)' : 'Reason',
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  busy: boolean;
  disabled?: boolean;
  /** The text may be left empty (an approval's note). */
  optional?: boolean;
  fieldLabel?: string;
  /** The trimmed text; '' only when `optional` and left empty. */
  onConfirm: (reason: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < 3 && !(optional && text === '')) {
      setProblem(optional ? 'Write a few words, or leave it empty' : 'Say why in a few words; the owner reads this');
      return;
    }
    setProblem(null);
    onConfirm(text);
  }

  if (!open) {
    return (
      <Button variant="secondary" disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  return (
    <form className="fw-form admin-reason" onSubmit={onSubmit} aria-label={label.replace(/…$/, '')}>
      <TextAreaField
        label={fieldLabel}
        name="reason"
        required={!optional}
        maxLength={500}
        rows={2}
        value={reason}
        error={problem ?? undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="fw-form__actions">
        <Button type="submit" busy={busy} busyLabel="Saving…" disabled={disabled}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Back
        </Button>
      </div>
    </form>
  );
}
