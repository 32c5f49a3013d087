import {
  checkDisplayName,
  checkNewUser,
  checkPassword,
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
import {
  AddForm,
  AdminTable,
  EditButton,
  EditorRow,
  LoadStatus,
  Notice,
  RowEditForm,
  TextField,
  useAction,
  useAdminList,
  useRowEditor,
} from './admin-form.js';
import { ErrorMessage } from './status.js';

const EMPTY_USER: NewUserForm = { username: '', displayName: '', password: '', role: 'editor', unitCode: '' };

function AddUserForm({ units, onAdded }: { units: Unit[]; onAdded: (user: User) => void }) {
  const { t } = useI18n();
  return (
    <AddForm
      id="add-user"
      title={t('addUser')}
      initial={EMPTY_USER}
      check={checkNewUser}
      path="/users"
      body={newUserRequest}
      onAdded={onAdded}
    >
      {({ form, set, field }) => (
        <>
          <TextField id="new-username" label={t('username')} {...field('username')} />
          <TextField id="new-display-name" label={t('displayName')} {...field('displayName')} />
          <TextField
            id="new-password"
            type="password"
            autoComplete="new-password"
            label={t('password')}
            hint={t('passwordRule')}
            {...field('password')}
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
        </>
      )}
    </AddForm>
  );
}

interface RowFormProps {
  user: User;
  onDone: () => void;
  onCancel: () => void;
}

function RenameForm({ user, onDone, onCancel }: RowFormProps) {
  const { t } = useI18n();
  return (
    <RowEditForm
      initial={{ displayName: user.displayName }}
      check={(form) => {
        const error = checkDisplayName(form.displayName);
        return error ? { displayName: error } : {};
      }}
      path={`/users/${user.id}`}
      changes={(form) => ({ displayName: form.displayName.trim() })}
      onDone={onDone}
      onCancel={onCancel}
    >
      {({ field }) => (
        <TextField id={`rename-${user.id}`} label={t('displayName')} {...field('displayName')} />
      )}
    </RowEditForm>
  );
}

function PasswordForm({ user, onDone, onCancel }: RowFormProps) {
  const { t } = useI18n();
  return (
    <RowEditForm
      initial={{ password: '' }}
      check={(form) => {
        const error = checkPassword(form.password);
        return error ? { password: error } : {};
      }}
      path={`/users/${user.id}`}
      changes={(form) => ({ password: form.password })}
      submitLabel={t('resetPassword')}
      onDone={onDone}
      onCancel={onCancel}
    >
      {({ field }) => (
        <TextField
          id={`password-${user.id}`}
          type="password"
          autoComplete="new-password"
          label={t('newPassword')}
          hint={t('passwordResetRule')}
          {...field('password')}
        />
      )}
    </RowEditForm>
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
  const editor = useRowEditor<'rename' | 'password'>(onChanged);
  const toggle = useAction();
  const username = user.username;
  const setActive = () =>
    toggle.run(async () => {
      await api('PATCH', orgPath(orgId, `/users/${user.id}`), { active: !user.active });
      onChanged(t(user.active ? 'userLocked' : 'userUnlocked', { username }));
    });
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
          <EditButton
            label={t('renameUserLabel', { username })}
            expanded={editor.open === 'rename'}
            onClick={() => editor.toggle('rename')}
          >
            {t('rename')}
          </EditButton>
          <EditButton
            label={t('resetPasswordLabel', { username })}
            expanded={editor.open === 'password'}
            onClick={() => editor.toggle('password')}
          >
            {t('resetPassword')}
          </EditButton>
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
      {(editor.open || toggle.error) && (
        <EditorRow columns={5}>
          {editor.open === 'rename' && (
            <RenameForm
              user={user}
              onDone={editor.done(t('userRenamed', { username }))}
              onCancel={editor.close}
            />
          )}
          {editor.open === 'password' && (
            <PasswordForm
              user={user}
              onDone={editor.done(t('passwordReset', { username }))}
              onCancel={editor.close}
            />
          )}
          {toggle.error && <ErrorMessage error={toggle.error} />}
        </EditorRow>
      )}
    </>
  );
}

export function UsersTab() {
  const { orgId, session } = useApp();
  const { t } = useI18n();
  const { records: users, notice, changed } = useAdminList<User>('/users', 'users');
  const units = useAsync(
    async () => listOf<Unit>(await api('GET', orgPath(orgId, '/units')), 'units'),
    [orgId],
  );
  const unitName = (code: string) => units.data?.find((u) => u.code === code)?.name ?? code;
  return (
    <div class="admin-tab">
      {notice && <Notice>{notice}</Notice>}
      <LoadStatus state={users} />
      {users.data && (
        <AdminTable
          class="users-table"
          headings={[t('username'), t('displayName'), t('roles'), t('accountState'), t('actions')]}
        >
          {users.data.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              self={user.id === session.user.id}
              unitName={unitName}
              onChanged={changed}
            />
          ))}
        </AdminTable>
      )}
      <AddUserForm
        units={units.data ?? []}
        onAdded={(user) => changed(t('userAdded', { username: user.username }))}
      />
    </div>
  );
}
