import {
  checkDisplayName,
  checkNewUser,
  checkPassword,
  type NewUserForm,
  newUserRequest,
  ROLES,
  type RoleForm,
  type RoleName,
  roleChange,
  roleFormOf,
} from '../admin.js';
import { api, orgPath } from '../api.js';
import type { Unit, User } from '../api-types.js';
import { useApp } from '../app-context.js';
import { type MessageKey, useI18n } from '../i18n.js';
import { listOf } from '../lists.js';
import { useAction } from '../use-action.js';
import { useAsync } from '../use-async.js';
import {
  AddForm,
  AdminTable,
  EditButton,
  EditorRow,
  type FormFields,
  LoadStatus,
  Notice,
  RowEditForm,
  TextField,
  useAdminList,
  useRowEditor,
} from './admin-form.js';
import { ErrorMessage } from './status.js';

/**
 * A role and the unit it applies to, for a new user and for a role change. `id` prefixes the fields' ids
 * ("new" → new-role, new-unit).
 */
function RoleFields({
  id,
  units,
  form,
  set,
  roleHint,
}: {
  id: string;
  units: Unit[];
  form: RoleForm;
  set: FormFields<RoleForm>['set'];
  roleHint?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      <div class="field">
        <label for={`${id}-role`}>{t('role')}</label>
        <select
          id={`${id}-role`}
          value={form.role}
          aria-describedby={roleHint ? `${id}-role-hint` : undefined}
          onChange={(e) => set('role')(e.currentTarget.value as RoleName)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role_${role}` as MessageKey)}
            </option>
          ))}
        </select>
        {roleHint && (
          <small id={`${id}-role-hint`} class="muted">
            {roleHint}
          </small>
        )}
      </div>
      <div class="field">
        <label for={`${id}-unit`}>{t('roleUnit')}</label>
        <select
          id={`${id}-unit`}
          value={form.unitCode}
          aria-describedby={form.role === 'editor' ? `${id}-unit-hint` : undefined}
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
          <small id={`${id}-unit-hint`} class="muted">
            {t('editorUnitHint')}
          </small>
        )}
      </div>
    </>
  );
}

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
          <RoleFields id="new" units={units} form={form} set={set} />
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

/** The user's one role and its unit; the server refuses (and the form shows why) taking the last admin's. */
function ChangeRoleForm({
  user,
  self,
  units,
  onDone,
  onCancel,
}: RowFormProps & { self: boolean; units: Unit[] }) {
  const { t } = useI18n();
  return (
    <RowEditForm
      initial={roleFormOf(user)}
      path={`/users/${user.id}`}
      changes={(form) => roleChange(user, form)}
      onDone={onDone}
      onCancel={onCancel}
    >
      {({ form, set }) => (
        <RoleFields
          id={`user-${user.id}`}
          units={units}
          form={form}
          set={set}
          roleHint={t(self && form.role !== 'admin' ? 'roleSelfRule' : 'roleChangeRule')}
        />
      )}
    </RowEditForm>
  );
}

function UserRow({
  user,
  self,
  units,
  unitName,
  onChanged,
}: {
  user: User;
  self: boolean;
  units: Unit[];
  unitName: (code: string) => string;
  onChanged: (message: string) => void;
}) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const editor = useRowEditor<'rename' | 'role' | 'password'>(onChanged);
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
            label={t('changeRoleLabel', { username })}
            expanded={editor.open === 'role'}
            onClick={() => editor.toggle('role')}
          >
            {t('changeRole')}
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
          {editor.open === 'role' && (
            <ChangeRoleForm
              user={user}
              self={self}
              units={units}
              onDone={editor.done(t('roleChanged', { username }))}
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
              units={units.data ?? []}
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
