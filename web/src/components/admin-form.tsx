import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type FieldErrors, hasErrors } from '../admin.js';
import { api, orgPath } from '../api.js';
import { useApp } from '../app-context.js';
import type { MessageKey } from '../i18n.js';
import { useI18n } from '../i18n.js';
import { listOf } from '../lists.js';
import { useAction } from '../use-action.js';
import { type AsyncState, useAsync } from '../use-async.js';
import { ErrorMessage, Loading } from './status.js';

type TextKeys<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

/** What a form's fields are drawn from: the values, their setters and the browser's check messages. */
export interface FormFields<F> {
  form: F;
  set: <K extends keyof F>(name: K) => (value: F[K]) => void;
  errors: FieldErrors<keyof F & string>;
  /** A text field's value, setter and message, to spread on a TextField. */
  field: (name: TextKeys<F>) => {
    value: string;
    onInput: (value: string) => void;
    error: MessageKey | undefined;
  };
}

type Check<F> = (form: F) => FieldErrors<keyof F & string>;

/**
 * A form checked in the browser before it is sent (the check's messages shown beside the fields; nothing is
 * sent while one is wrong), then sent as one action.
 */
function useCheckedForm<F>(initial: F, check: Check<F>) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<keyof F & string>>({});
  const action = useAction();
  const set =
    <K extends keyof F>(name: K) =>
    (value: F[K]) =>
      setForm((f) => ({ ...f, [name]: value }));
  const fields: FormFields<F> = {
    form,
    set,
    errors,
    field: (name) => ({
      value: form[name] as string,
      onInput: set(name) as (value: string) => void,
      error: errors[name],
    }),
  };
  /** Checks the form; when it passes, `send` runs unless it answers that there is nothing to send. */
  const submit = (send: (form: F) => (() => Promise<void>) | null) => (e: Event) => {
    e.preventDefault();
    const found = check(form);
    setErrors(found);
    if (hasErrors(found)) return;
    const work = send(form);
    if (work) void action.run(work);
  };
  return { fields, action, submit, reset: () => setForm(initial) };
}

interface AddFormProps<F, R> {
  /** The heading's id is `${id}-title`; the form is labelled by it. */
  id: string;
  /** The heading and the submit button. */
  title: string;
  initial: F;
  check: Check<F>;
  /** Where the new record is POSTed, under the organisation. */
  path: string;
  body: (form: F) => unknown;
  /** After the server stored it; the form is emptied for the next one. */
  onAdded: (created: R) => void;
  children: (fields: FormFields<F>) => ComponentChildren;
}

/** A form below a table that adds one record to it. */
export function AddForm<F, R>(props: AddFormProps<F, R>) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const { fields, action, submit, reset } = useCheckedForm(props.initial, props.check);
  const onSubmit = submit((form) => async () => {
    const created = await api<R>('POST', orgPath(orgId, props.path), props.body(form));
    reset();
    props.onAdded(created);
  });
  return (
    <form class="admin-form" onSubmit={onSubmit} noValidate aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <div class="admin-fields">{props.children(fields)}</div>
      {action.error && <ErrorMessage error={action.error} />}
      <button type="submit" disabled={action.busy}>
        {action.busy ? t('saving') : props.title}
      </button>
    </form>
  );
}

interface RowEditFormProps<F> {
  initial: F;
  /** None for a form whose fields cannot hold a wrong value (choices only). */
  check?: Check<F>;
  /** Where the changes are PATCHed, under the organisation. */
  path: string;
  /** The PATCH body: only what changed. Empty, nothing is sent and the editor closes. */
  changes: (form: F) => Record<string, unknown>;
  /** The submit button; "Lưu" unless told. */
  submitLabel?: string;
  onDone: () => void;
  onCancel: () => void;
  children: (fields: FormFields<F>) => ComponentChildren;
}

/** The form in a table row's editor that changes that row's record. */
export function RowEditForm<F>(props: RowEditFormProps<F>) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const { fields, action, submit } = useCheckedForm(props.initial, props.check ?? (() => ({})));
  const onSubmit = submit((form) => {
    const changes = props.changes(form);
    if (Object.keys(changes).length === 0) {
      props.onCancel();
      return null;
    }
    return async () => {
      await api('PATCH', orgPath(orgId, props.path), changes);
      props.onDone();
    };
  });
  return (
    <form class="row-form" noValidate onSubmit={onSubmit}>
      {props.children(fields)}
      <button type="submit" disabled={action.busy}>
        {props.submitLabel ?? t('save')}
      </button>
      <button type="button" class="secondary" onClick={props.onCancel}>
        {t('cancel')}
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </form>
  );
}

/** Which of a table row's editors is open; `done(message)` closes it and announces the change. */
export function useRowEditor<M extends string>(onChanged: (message: string) => void) {
  const [open, setOpen] = useState<M | null>(null);
  return {
    open,
    toggle: (mode: M) => setOpen((current) => (current === mode ? null : mode)),
    close: () => setOpen(null),
    done: (message: string) => () => {
      setOpen(null);
      onChanged(message);
    },
  };
}

/** The button that opens or closes one of a row's editors; `label` names the record for screen readers. */
export function EditButton(props: {
  label: string;
  expanded: boolean;
  onClick: () => void;
  children: string;
}) {
  return (
    <button
      type="button"
      class="secondary"
      aria-label={props.label}
      aria-expanded={props.expanded}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/** The row below a record that holds its open editor, across the table's columns. */
export function EditorRow({ columns, children }: { columns: number; children: ComponentChildren }) {
  return (
    <tr class="row-editor">
      <td colSpan={columns}>{children}</td>
    </tr>
  );
}

/** A table of records, headed by the column names, one <tbody> of rows (each with its editor row). */
export function AdminTable(props: { class: string; headings: string[]; children: ComponentChildren }) {
  return (
    <table class={`admin-table ${props.class}`}>
      <thead>
        <tr>
          {props.headings.map((heading) => (
            <th key={heading} scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

interface EditableRowProps {
  /** The row's attributes: the data-* naming its record (tests and styles find it by them), its class. */
  row: Record<`data-${string}`, string> & { class?: string };
  /** The record's cells, before the actions cell. */
  children: ComponentChildren;
  columns: number;
  /** The edit button's accessible name, naming the record. */
  editLabel: string;
  /** Announced once the editor saved. */
  savedMessage: string;
  onChanged: (message: string) => void;
  editor: (close: { onDone: () => void; onCancel: () => void }) => ComponentChildren;
}

/** A record's row with a single "Sửa" button, which opens its editor in the row below. */
export function EditableRow(props: EditableRowProps) {
  const { t } = useI18n();
  const editor = useRowEditor<'edit'>(props.onChanged);
  return (
    <>
      <tr {...props.row}>
        {props.children}
        <td class="row-actions">
          <EditButton
            label={props.editLabel}
            expanded={editor.open === 'edit'}
            onClick={() => editor.toggle('edit')}
          >
            {t('edit')}
          </EditButton>
        </td>
      </tr>
      {editor.open === 'edit' && (
        <EditorRow columns={props.columns}>
          {props.editor({ onDone: editor.done(props.savedMessage), onCancel: editor.close })}
        </EditorRow>
      )}
    </>
  );
}

/**
 * A tab's records, GET from `path` under the organisation (`key` names the list if the answer wraps it),
 * the last change announced, and the records reloaded from the server after every change, so the table
 * shows what was stored, never a guess.
 */
export function useAdminList<T>(path: string, key: string) {
  const { orgId } = useApp();
  const records = useAsync(async () => listOf<T>(await api('GET', orgPath(orgId, path)), key), [orgId, path]);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (message: string) => {
    setNotice(message);
    records.reload();
  };
  return { records, notice, changed };
}

/** "Loading" before the first answer, and a failed load with its retry. */
export function LoadStatus({
  state,
}: {
  state: Pick<AsyncState<unknown>, 'data' | 'error' | 'loading' | 'reload'>;
}) {
  return (
    <>
      {state.loading && !state.data && <Loading />}
      {state.error && <ErrorMessage error={state.error} onRetry={state.reload} />}
    </>
  );
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
