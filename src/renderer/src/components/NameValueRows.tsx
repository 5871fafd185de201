import type { NameValueRow } from '../forms/server-form.js';

interface NameValueRowsProps {
  /** Field id prefix and error key prefix: `env`, `headers`, `secrets`. */
  readonly id: string;
  readonly legend: string;
  readonly rows: readonly NameValueRow[];
  readonly onChange: (rows: NameValueRow[]) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly nameLabel: string;
  readonly valueLabel: string;
  /** `password` for secret values. */
  readonly valueType?: 'text' | 'password';
  readonly hint?: string;
}

/** Editable name/value rows (environment, headers, secrets), each input labelled and its error shown beside it. */
export function NameValueRows({ id, legend, rows, onChange, errors, nameLabel, valueLabel, valueType = 'text', hint }: NameValueRowsProps) {
  const update = (index: number, change: Partial<NameValueRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset className="rows">
      <legend>{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {rows.map((row, index) => {
        const nameError = errors[`${id}.${index}.name`];
        const valueError = errors[`${id}.${index}.value`];
        return (
          <div key={index} className="rows__row">
            <label className="visually-hidden" htmlFor={`${id}-${index}-name`}>
              {nameLabel} {index + 1}
            </label>
            <input id={`${id}-${index}-name`} type="text" placeholder={nameLabel} value={row.name} aria-invalid={nameError ? true : undefined} onChange={(event) => update(index, { name: event.target.value })} />
            <label className="visually-hidden" htmlFor={`${id}-${index}-value`}>
              {valueLabel} {index + 1}
            </label>
            <input id={`${id}-${index}-value`} type={valueType} autoComplete="off" placeholder={valueLabel} value={row.value} aria-invalid={valueError ? true : undefined} onChange={(event) => update(index, { value: event.target.value })} />
            <button type="button" className="button button--small" aria-label={`Remove ${nameLabel.toLowerCase()} ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              Remove
            </button>
            {(nameError ?? valueError) && (
              <p className="field__error" role="alert">
                {nameError ?? valueError}
              </p>
            )}
          </div>
        );
      })}
      <button type="button" className="button button--small" onClick={() => onChange([...rows, { name: '', value: '' }])}>
        Add {nameLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}
