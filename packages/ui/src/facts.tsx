import type { ReactNode } from 'react';

/** A list of labelled facts (`<dl>`), laid out as the status card's key/value rows. */
export function Facts({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={className ? `fw-kv ${className}` : 'fw-kv'}>{children}</dl>;
}

/** One row of `Facts`. */
export function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="fw-kv__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
