import type { InputHTMLAttributes } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string;
  readonly hint?: string;
  /** The flag or variable that sets this field for the run (`MCP_PORT`): shown, and the field cannot be edited. */
  readonly pinnedBy?: string | undefined;
}

/** A labelled text input whose error (from the form or the backend) is shown at the field and announced. */
export function Field({ id, label, value, onChange, error, pinnedBy, ...props }: FieldProps) {
  const { hint: ownHint, ...rest } = props;
  const hint = pinnedBy ? pinnedNote(pinnedBy) : ownHint;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
        disabled={pinnedBy !== undefined || rest.disabled}
      />
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Why a field cannot be edited here: a flag or an environment variable sets it for this run. */
export function pinnedNote(pinnedBy: string): string {
  return `Set by ${pinnedBy}; change it there.`;
}

/** A section with a heading that names it (so it is a named region for assistive tech and tests). */
export function Section({ id, title, children, actions }: { id: string; title: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section id={id} className="card" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function ErrorNote({ message }: { message: string | undefined | null }) {
  return message ? (
    <p className="note note--error" role="alert">
      {message}
    </p>
  ) : null;
}
