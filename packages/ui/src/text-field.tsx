import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';

export interface TextFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'children' | 'aria-invalid' | 'aria-describedby'> {
  /** The visible label; always rendered, never replaced by a placeholder. */
  label: ReactNode;
  /** Help shown under the input (format, examples). */
  hint?: ReactNode;
  /** What is wrong with the value; marks the input invalid and is announced with it. */
  error?: ReactNode;
}

/**
 * A labelled input with optional hint and error text. The hint and error are
 * tied to the input with `aria-describedby`, and an error sets `aria-invalid`,
 * so a screen reader reads them when the field gets focus.
 */
export function TextField({ label, hint, error, id, className, type = 'text', ...inputProps }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const hasHint = hint !== undefined && hint !== null && hint !== false && hint !== '';
  const describedBy = [hasHint ? hintId : null, hasError ? errorId : null].filter((part) => part !== null).join(' ');

  return (
    <div className={['fw-field', hasError ? 'fw-field--invalid' : null, className ?? null].filter((part) => part !== null).join(' ')}>
      <label className="fw-field__label" htmlFor={inputId}>
        {label}
      </label>
      <input
        {...inputProps}
        id={inputId}
        type={type}
        className="fw-field__input"
        aria-invalid={hasError ? true : undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
      />
      {hasHint ? (
        <p id={hintId} className="fw-field__hint">
          {hint}
        </p>
      ) : null}
      {hasError ? (
        <p id={errorId} className="fw-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
