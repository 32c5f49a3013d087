import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { MessageKey } from '../i18n.js';
import { useI18n } from '../i18n.js';

/** A change sent to the server: busy while on its way, the server's refusal kept to show beside the form. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clear: () => setError(null) };
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: MessageKey | undefined;
  hint?: string | undefined;
  type?: 'text' | 'password';
  autoComplete?: string;
  placeholder?: string;
  required?: boolean;
  /** Long texts (an indicator's name) get a whole line. */
  wide?: boolean;
}

/** A labelled input whose hint and check message are read out with it (aria-describedby). */
export function TextField(props: TextFieldProps) {
  const { t } = useI18n();
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean);
  return (
    <div class={props.wide ? 'field wide' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete ?? 'off'}
        placeholder={props.placeholder}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described.length > 0 ? described.join(' ') : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.hint && (
        <small id={`${props.id}-hint`} class="muted">
          {props.hint}
        </small>
      )}
      {props.error && (
        <span id={`${props.id}-error`} class="field-error">
          {t(props.error)}
        </span>
      )}
    </div>
  );
}

/** What the last change did, announced politely to screen readers. */
export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}
