import { Button } from '@fareway/ui';
import { type ReactNode, useState } from 'react';

/**
 * An action that asks first: the button opens a short confirmation saying what
 * will happen (e.g. the refund a cancellation gives), with Confirm and Back.
 */
export function ConfirmAction({
  label,
  confirmLabel,
  busyLabel,
  busy,
  disabled,
  children,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  disabled?: boolean;
  /** What confirming does, in words. */
  children: ReactNode;
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="secondary" disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  return (
    <fieldset className="admin-confirm">
      <legend className="fw-visually-hidden">{label}</legend>
      <div>{children}</div>
      <div className="fw-form__actions">
        <Button busy={busy} busyLabel={busyLabel} disabled={disabled} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Back
        </Button>
      </div>
    </fieldset>
  );
}
