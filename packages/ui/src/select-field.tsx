import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';

export interface SelectOption {
  value: string;
  label: ReactNode;
  disabled?: boolean;
}

export interface SelectFieldProps extends Omit<ComponentPropsWithRef<'select'>, 'children' | 'aria-invalid' | 'aria-describedby'> {
  label: ReactNode;
  options: readonly SelectOption[];
  hint?: ReactNode;
  error?: ReactNode;
}

/** A labelled `<select>`, with hint and error tied to it the way TextField does. */
export function SelectField({ label, options, hint, error, id, className, ...selectProps }: SelectFieldProps) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const hasHint = hint !== undefined && hint !== null && hint !== false && hint !== '';
  const describedBy = [hasHint ? `${selectId}-hint` : null, hasError ? `${selectId}-error` : null].filter((p) => p !== null).join(' ');
  return (
    <div className={['fw-field', hasError ? 'fw-field--invalid' : null, className ?? null].filter((p) => p !== null).join(' ')}>
      <label className="fw-field__label" htmlFor={selectId}>
        {label}
      </label>
      <select
        {...selectProps}
        id={selectId}
        className="fw-field__input fw-field__select"
        aria-invalid={hasError ? true : undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
      {hasHint ? (
        <p id={`${selectId}-hint`} className="fw-field__hint">
          {hint}
        </p>
      ) : null}
      {hasError ? (
        <p id={`${selectId}-error`} className="fw-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
