import { type ReactNode, useId } from 'react';

export interface CardProps {
  title: ReactNode;
  /** Heading level of the title; pick what fits the page outline. */
  level?: 2 | 3;
  /** Rendered at the end of the title row (badges, small buttons). */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function Card({ title, level = 2, actions, className, children }: CardProps) {
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={className ? `fw-card ${className}` : 'fw-card'} aria-labelledby={headingId}>
      <div className="fw-card__head">
        <Heading id={headingId} className="fw-card__title">
          {title}
        </Heading>
        {actions ? <div className="fw-card__actions">{actions}</div> : null}
      </div>
      <div className="fw-card__body">{children}</div>
    </section>
  );
}
