import { useState } from 'preact/hooks';
import {
  checkDisplayName,
  checkNewUser,
  checkPassword,
  type FieldErrors,
  hasErrors,
  type NewUserForm,
  newUserRequest,
  ROLES,
  type RoleName,
} from '../admin.js';
import { api, orgPath } from '../api.js';
import type { Unit, User } from '../api-types.js';
import { useApp } from '../app-context.js';
import { type MessageKey, useI18n } from '../i18n.js';
import { listOf } from '../lists.js';
import { useAsync } from '../use-async.js';
import { Notice, TextField, useAction } from './admin-form.js';
import { ErrorMessage, Loading } from './status.js';

const EMPTY_USER: NewUserForm = { username: '', displayName: '', password: '', role: 'editor', unitCode: '' };

function AddUserForm({ units, onAdded }: { units: Unit[]; onAdded: (user: User) => void }) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [form, setForm] = useState(EMPTY_USER);
  const [errors, setErrors] = useState<FieldErrors<keyof NewUserForm>>({});
  const action = useAction();
  const set = (name: keyof NewUserForm) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const submit = (e: Event) => {
    e.preventDefault();
    const found = checkNewUser(form);
    setErrors(found);
    if (hasErrors(found)) return;
    void action.run(async () => {
      const user = await api<User>('POST', orgPath(orgId, '/users'), newUserRequest(form));
      setForm(EMPTY_USER);
      onAdded(user);
    });
  };
  return (
    <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="add-user-title">
      <h3 id="add-user-title">{t('addUser')}</h3>
      <div class="admin-fields">
        <TextField
          id="new-username"
          label={t('username')}
          value={form.username}
          onInput={set('username')}
          error={errors.username}
        />
        <TextField
          id="new-display-name"
          label={t('displayName')}
          value={form.displayName}
          onInput={set('displayName')}
          error={errors.displayName}
        />
        <TextField
          id="new-password"
          type="password"
          autoComplete="new-password"
          label={t('password')}
          value={form.password}
          onInput={set('password')}
          hint={t('passwordRule')}
          error={errors.password}
        />
        <div class="field">
          <label for="new-role">{t('role')}</label>
          <select
            id="new-role"
            value={form.role}
            onChange={(e) => set('role')(e.currentTarget.value as RoleName)}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role_${role}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="new-unit">{t('roleUnit')}</label>
          <select
            id="new-unit"
            value={form.unitCode}
            aria-describedby={form.role === 'editor' ? 'new-unit-hint' : undefined}
            onChange={(e) => set('unitCode')(e.currentTarget.value)}
          >
            <option value="">{t('wholeOrganisation')}</option>
            {units.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>
          {form.role === 'editor' && (
            <small id="new-unit-hint" class="muted">
              {t('editorUnitHint')}
            </small>
          )}
        </div>
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      <button type="submit" disabled={action.busy}>
        {action.busy ? t('saving') : t('addUser')}
      </button>
    </form>
  );
}

function RenameForm({ user, onDone, onCancel }: { user: User; onDone: () => void; onCancel: () => void }) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [name, setName] = useState(user.displayName);
  const [error, setError] = useState<MessageKey | undefined>(undefined);
  const action = useAction();
  const id = `rename-${user.id}`;
  return (
    <form
      class="row-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = checkDisplayName(name) ?? undefined;
        setError(found);
        if (found) return;
        void action.run(async () => {
          await api('PATCH', orgPath(orgId, `/users/${user.id}`), { displayName: name.trim() });
          onDone();
        });
      }}
    >
      <TextField id={id} label={t('displayName')} value={name} onInput={setName} error={error} />
      <button type="submit" disabled={action.busy}>
        {t('save')}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </form>
  );
}

function PasswordForm({ user, onDone, onCancel }: { user: User; onDone: () => void; onCancel: () => void }) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<MessageKey | undefined>(undefined);
  const action = useAction();
  return (
    <form
      class="row-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = checkPassword(password) ?? undefined;
        setError(found);
        if (found) return;
        void action.run(async () => {
          await api('PATCH', orgPath(orgId, `/users/${user.id}`), { password });
          onDone();
        });
      }}
    >
      <TextField
        id={`password-${user.id}`}
        type="password"
        autoComplete="new-password"
        label={t('newPassword')}
        value={password}
        onInput={setPassword}
        hint={t('passwordResetRule')}
        error={error}
      />
      <button type="submit" disabled={action.busy}>
        {t('resetPassword')}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </form>
  );
}

function UserRow({
  user,
  self,
  unitName,
  onChanged,
}: {
  user: User;
  self: boolean;
  unitName: (code: string) => string;
  onChanged: (message: string) => void;
}) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [mode, setMode] = useState<'rename' | 'password' | null>(null);
  const toggle = useAction();
  const username = user.username;
  const setActive = () =>
    toggle.run(async () => {
      await api('PATCH', orgPath(orgId, `/users/${user.id}`), { active: !user.active });
      onChanged(t(user.active ? 'userLocked' : 'userUnlocked', { username }));
    });
  const done = (key: MessageKey) => () => {
    setMode(null);
    onChanged(t(key, { username }));
  };
  return (
    <>
      <tr data-username={username} class={user.active ? '' : 'inactive'}>
        <th scope="row">{username}</th>
        <td>
          {user.displayName} {self && <span class="muted">{t('you')}</span>}
        </td>
        <td>
          <ul class="plain">
            {user.roles.map((grant) => (
              <li key={`${grant.role}-${grant.unitCode ?? ''}`}>
                {t(`role_${grant.role}` as MessageKey)}
                {' — '}
                {grant.unitCode ? unitName(grant.unitCode) : t('wholeOrganisation')}
              </li>
            ))}
          </ul>
        </td>
        <td>
          <span class={`badge ${user.active ? 'state-active' : 'state-locked'}`}>
            {t(user.active ? 'accountActive' : 'accountLocked')}
          </span>
        </td>
        <td class="row-actions">
          <button
            type="button"
            class="secondary"
            aria-label={t('renameUserLabel', { username })}
            onClick={() => setMode(mode === 'rename' ? null : 'rename')}
          >
            {t('rename')}
          </button>
          <button
            type="button"
            class="secondary"
            aria-label={t('resetPasswordLabel', { username })}
            onClick={() => setMode(mode === 'password' ? null : 'password')}
          >
            {t('resetPassword')}
          </button>
          {/* The server refuses an admin locking their own account; the button says so before asking. */}
          <button
            type="button"
            class={user.active ? 'danger' : 'secondary'}
            aria-label={t(user.active ? 'lockUserLabel' : 'unlockUserLabel', { username })}
            title={user.active ? t('lockRule') : undefined}
            disabled={toggle.busy || (self && user.active)}
            onClick={setActive}
          >
            {t(user.active ? 'lockUser' : 'unlockUser')}
          </button>
        </td>
      </tr>
      {(mode || toggle.error) && (
        <tr class="row-editor">
          <td colSpan={5}>
            {mode === 'rename' && (
              <RenameForm user={user} onDone={done('userRenamed')} onCancel={() => setMode(null)} />
            )}
            {mode === 'password' && (
              <PasswordForm user={user} onDone={done('passwordReset')} onCancel={() => setMode(null)} />
            )}
            {toggle.error && <ErrorMessage error={toggle.error} />}
          </td>
        </tr>
      )}
    </>
  );
}

export function UsersTab() {
  const { orgId, session } = useApp();
  const { t } = useI18n();
  const users = useAsync(
    async () => listOf<User>(await api('GET', orgPath(orgId, '/users')), 'users'),
    [orgId],
  );
  const units = useAsync(
    async () => listOf<Unit>(await api('GET', orgPath(orgId, '/units')), 'units'),
    [orgId],
  );
  const [notice, setNotice] = useState<string | null>(null);
  // The table is reloaded from the server after every change: it shows what was stored, never a guess.
  const changed = (message: string) => {
    setNotice(message);
    users.reload();
  };
  const unitName = (code: string) => units.data?.find((u) => u.code === code)?.name ?? code;
  return (
    <div class="admin-tab">
      {notice && <Notice>{notice}</Notice>}
      {users.loading && !users.data && <Loading />}
      {users.error && <ErrorMessage error={users.error} onRetry={users.reload} />}
      {users.data && (
        <table class="admin-table users-table">
          <thead>
            <tr>
              <th scope="col">{t('username')}</th>
              <th scope="col">{t('displayName')}</th>
              <th scope="col">{t('roles')}</th>
              <th scope="col">{t('accountState')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                self={user.id === session.user.id}
                unitName={unitName}
                onChanged={changed}
              />
            ))}
          </tbody>
        </table>
      )}
      <AddUserForm
        units={units.data ?? []}
        onAdded={(user) => changed(t('userAdded', { username: user.username }))}
      />
    </div>
  );
}
