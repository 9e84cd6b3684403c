import type { ComponentPropsWithRef, ReactNode } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'link';

export interface ButtonProps extends Omit<ComponentPropsWithRef<'button'>, 'aria-busy'> {
  /** Primary for the one main action of a form, secondary for the rest, link for minor actions in running text. */
  variant?: ButtonVariant;
  /** Work is under way: the button is disabled, marked `aria-busy`, and shows `busyLabel` if given. */
  busy?: boolean;
  busyLabel?: ReactNode;
}

/** A button that defaults to `type="button"`, so only an explicit `type="submit"` submits a form. */
export function Button({
  variant = 'primary',
  busy = false,
  busyLabel,
  disabled,
  className,
  type = 'button',
  children,
  ...rest
}: ButtonProps) {
  const classes = ['fw-button', `fw-button--${variant}`, busy ? 'fw-button--busy' : null, className ?? null].filter(
    (part) => part !== null,
  );
  return (
    <button {...rest} type={type} className={classes.join(' ')} disabled={disabled || busy} aria-busy={busy ? true : undefined}>
      {busy && busyLabel !== undefined ? busyLabel : children}
    </button>
  );
}
