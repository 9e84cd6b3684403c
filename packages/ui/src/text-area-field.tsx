import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';

export interface TextAreaFieldProps extends Omit<ComponentPropsWithRef<'textarea'>, 'children' | 'aria-invalid' | 'aria-describedby'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
}

/** A labelled `<textarea>` (descriptions, reasons), with hint and error tied to it like TextField. */
export function TextAreaField({ label, hint, error, id, className, rows = 3, ...areaProps }: TextAreaFieldProps) {
  const generatedId = useId();
  const areaId = id ?? generatedId;
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const hasHint = hint !== undefined && hint !== null && hint !== false && hint !== '';
  const describedBy = [hasHint ? `${areaId}-hint` : null, hasError ? `${areaId}-error` : null].filter((p) => p !== null).join(' ');
  return (
    <div className={['fw-field', hasError ? 'fw-field--invalid' : null, className ?? null].filter((p) => p !== null).join(' ')}>
      <label className="fw-field__label" htmlFor={areaId}>
        {label}
      </label>
      <textarea
        {...areaProps}
        id={areaId}
        rows={rows}
        className="fw-field__input fw-field__textarea"
        aria-invalid={hasError ? true : undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
      />
      {hasHint ? (
        <p id={`${areaId}-hint`} className="fw-field__hint">
          {hint}
        </p>
      ) : null}
      {hasError ? (
        <p id={`${areaId}-error`} className="fw-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
