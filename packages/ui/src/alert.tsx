import type { ReactNode } from 'react';

export type AlertVariant = 'error' | 'info';

export interface AlertProps {
  variant?: AlertVariant;
  /** Optional bold first line. */
  title?: ReactNode;
  children: ReactNode;
  className?: string;
}

/**
 * A message box. Errors use `role="alert"` (announced at once); information
 * uses `role="status"` (announced politely, without interrupting).
 */
export function Alert({ variant = 'error', title, children, className }: AlertProps) {
  return (
    <div
      role={variant === 'error' ? 'alert' : 'status'}
      className={['fw-alert', `fw-alert--${variant}`, className ?? null].filter((p) => p !== null).join(' ')}
    >
      {title ? <p className="fw-alert__title">{title}</p> : null}
      <div className="fw-alert__body">{children}</div>
    </div>
  );
}
