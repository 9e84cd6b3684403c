import { Button, TextAreaField } from '@fareway/ui';
import { type FormEvent, useState } from 'react';

/**
 * An action that needs a reason the other side will read (reject, suspend):
 * a button that opens a short form. The server wants 3–500 characters.
 */
export function ReasonAction({
  label,
  confirmLabel,
  busy,
  disabled,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  busy: boolean;
  disabled?: boolean;
  onConfirm: (reason: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < 3) {
      setProblem('Say why in a few words; the owner reads this');
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
    <form className="fw-form admin-reason" onSubmit={onSubmit}>
      <TextAreaField
        label="Reason"
        name="reason"
        required
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
