import { ConfirmAction } from './confirm-action';

/**
 * Suspend or reinstate an account (a user, an operator): one button that asks
 * first and says what happens, shared by the users and operators pages so both
 * behave alike. `active` is the state now; `what` names the account.
 */
export function SuspendToggle({
  active,
  what,
  suspendEffect,
  reinstateLabel = 'Reinstate',
  busy,
  disabled,
  onChange,
}: {
  active: boolean;
  what: string;
  /** What suspending does, in words ("their sessions end at once"). */
  suspendEffect: string;
  /** e.g. "Approve" for an operator that was never approved. */
  reinstateLabel?: string;
  busy: boolean;
  disabled?: boolean;
  onChange: (next: 'suspended' | 'active') => void;
}) {
  return active ? (
    <ConfirmAction
      label="Suspend"
      confirmLabel="Suspend"
      busyLabel="Suspending…"
      busy={busy}
      disabled={disabled}
      onConfirm={() => onChange('suspended')}
    >
      Suspend {what}? {suspendEffect}
    </ConfirmAction>
  ) : (
    <ConfirmAction
      label={reinstateLabel}
      confirmLabel={reinstateLabel}
      busyLabel={`${reinstateLabel}…`}
      busy={busy}
      disabled={disabled}
      onConfirm={() => onChange('active')}
    >
      {reinstateLabel} {what}?
    </ConfirmAction>
  );
}
