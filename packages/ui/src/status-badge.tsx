import type { ReactNode } from 'react';

export type StatusVariant = 'ok' | 'warn' | 'down' | 'neutral';

export interface StatusBadgeProps {
  variant: StatusVariant;
  /** The visible label; colour alone never carries the meaning. */
  children: ReactNode;
}

export function StatusBadge({ variant, children }: StatusBadgeProps) {
  return <span className={`fw-badge fw-badge--${variant}`}>{children}</span>;
}
