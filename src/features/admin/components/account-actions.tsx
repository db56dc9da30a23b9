import { useId, useState, type FormEvent } from 'react'
import { AccountSchema, type Account } from '@/contract/accounts'
import { ApiRequestError } from '@/lib/api-client'
import { useResetPassword, useUpdateAccount } from '../api/accounts'
import { AccountFields, ownerUnitOf, unitOf, type AccountDraft } from './account-fields'
import { ConflictNotice } from './account-values'
import { ErrorSummary } from '@/components/error-summary'
import { FormField } from '@/components/form-field'
import { ActionPanel } from '@/components/action-panel'

export type AccountAction = 'edit' | 'toggle' | 'password'

/** What a failed write means for the form: a conflict to show, field messages, or one message. */
type Failure = { conflict: Account | null; fields: Record<string, string>; message: string | null }
const NO_FAILURE: Failure = { conflict: null, fields: {}, message: null }

function failureOf(error: unknown): Failure {
  if (!(error instanceof ApiRequestError)) return { ...NO_FAILURE, message: '保存失败，请重试' }
  const current = error.code === 'conflict' ? AccountSchema.safeParse(error.current) : null
  if (current?.success) return { conflict: current.data, fields: {}, message: error.message }
  if (error.fields) return { conflict: null, fields: error.fields, message: '请按提示修改后重新提交' }
  return { ...NO_FAILURE, message: error.message }
}

type ActionProps = { account: Account; onDone: (message: string) => void; onCancel: () => void }

/** Edit 姓名 / 角色 / 业主单位 or 所在单位. The version the form was opened on goes with the change. */
export function EditAccount({ account, self, onDone, onCancel }: ActionProps & { self: boolean }) {
  const id = useId()
  const update = useUpdateAccount()
  const [draft, setDraft] = useState<AccountDraft>({
    displayName: account.displayName,
    role: account.role,
    ownerUnit: account.ownerUnit ?? '',
    unit: account.unit ?? '',
  })
  const [failure, setFailure] = useState<Failure>(NO_FAILURE)

  const save = (version: number) => {
    if (!draft.role) return setFailure({ ...NO_FAILURE, fields: { role: '请选择角色' } })
    setFailure(NO_FAILURE)
    update.mutate(
      { username: account.username, version, displayName: draft.displayName, role: draft.role, ownerUnit: ownerUnitOf(draft), unit: unitOf(draft) },
      { onSuccess: (saved) => onDone(`已保存账户 ${saved.username} 的修改`), onError: (error) => setFailure(failureOf(error)) },
    )
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save(account.version)
  }

  return (
    <ActionPanel title={`编辑账户 ${account.username}`}>
      <form className="stack-sm" onSubmit={submit} noValidate aria-label={`编辑账户 ${account.username}`}>
        {failure.conflict ? (
          <ConflictNotice
            message={failure.message ?? ''}
            current={failure.conflict}
            mine={{ displayName: draft.displayName, role: draft.role || failure.conflict.role, ownerUnit: ownerUnitOf(draft), unit: unitOf(draft), disabled: failure.conflict.disabled }}
            reapplyLabel="以我的修改覆盖当前内容"
            pending={update.isPending}
            onReapply={() => save(failure.conflict!.version)}
            onDiscard={onCancel}
          />
        ) : (
          <ErrorSummary attempt={failure === NO_FAILURE ? null : failure} message={failure.message} level={4} />
        )}
        <div className="form-grid">
          <AccountFields idPrefix={`${id}-edit`} draft={draft} onChange={setDraft} fields={failure.fields} roleLocked={self} />
        </div>
        <FormActions submitLabel="保存" pendingLabel="正在保存…" pending={update.isPending} canSubmit={!failure.conflict} onCancel={onCancel} />
      </form>
    </ActionPanel>
  )
}

/** Disable or enable an account, after an explicit confirmation. */
export function ToggleAccount({ account, onDone, onCancel }: ActionProps) {
  const update = useUpdateAccount()
  const [failure, setFailure] = useState<Failure>(NO_FAILURE)
  const disabling = !account.disabled
  const verb = disabling ? '停用' : '启用'

  const apply = (version: number) => {
    setFailure(NO_FAILURE)
    update.mutate(
      { username: account.username, version, disabled: disabling },
      { onSuccess: (saved) => onDone(`已${verb}账户 ${saved.username}`), onError: (error) => setFailure(failureOf(error)) },
    )
  }

  return (
    <ActionPanel title={`${verb}账户 ${account.username}`}>
      <div className="stack-sm">
        <p>
          确定{verb}账户 <strong>{account.username}</strong>（{account.displayName}）吗？
          {disabling ? '停用后该账户立即退出登录，且不能再登录，直到重新启用。' : '启用后该账户可以重新登录。'}
        </p>
        {failure.conflict ? (
          <ConflictNotice
            message={failure.message ?? ''}
            current={failure.conflict}
            reapplyLabel={`仍要${verb}`}
            pending={update.isPending}
            onReapply={() => apply(failure.conflict!.version)}
            onDiscard={onCancel}
          />
        ) : (
          <>
            {failure.message && (
              <p className="form-alert" role="alert">
                {failure.message}
              </p>
            )}
            <div className="form-actions">
              <button type="button" className="button button-primary" disabled={update.isPending} onClick={() => apply(account.version)}>
                确认{verb}
              </button>
              <button type="button" className="button" onClick={onCancel}>
                取消
              </button>
            </div>
          </>
        )}
      </div>
    </ActionPanel>
  )
}

/** Set a new password; the account's sessions end, so its user signs in again with it. */
export function ResetPassword({ account, onDone, onCancel }: ActionProps) {
  const id = useId()
  const reset = useResetPassword()
  const [password, setPassword] = useState('')
  const [failure, setFailure] = useState<Failure>(NO_FAILURE)

  const apply = (version: number) => {
    setFailure(NO_FAILURE)
    reset.mutate(
      { username: account.username, version, password },
      {
        onSuccess: (saved) => onDone(`已重置账户 ${saved.username} 的密码，该账户需用新密码重新登录`),
        onError: (error) => setFailure(failureOf(error)),
      },
    )
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    apply(account.version)
  }

  return (
    <ActionPanel title={`重置账户 ${account.username} 的密码`}>
      <form className="stack-sm" onSubmit={submit} noValidate aria-label={`重置账户 ${account.username} 的密码`}>
        {failure.conflict ? (
          <ConflictNotice
            message={failure.message ?? ''}
            current={failure.conflict}
            reapplyLabel="仍要重置密码"
            pending={reset.isPending}
            onReapply={() => apply(failure.conflict!.version)}
            onDiscard={onCancel}
          />
        ) : (
          <ErrorSummary attempt={failure === NO_FAILURE ? null : failure} message={failure.message} level={4} />
        )}
        <FormField id={`${id}-password`} label="新密码" error={failure.fields.password} hint="至少 10 个字符；重置后该账户立即退出登录">
          {(props) => <input {...props} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </FormField>
        <FormActions submitLabel="确认重置" pendingLabel="正在重置…" pending={reset.isPending} canSubmit={!failure.conflict} onCancel={onCancel} />
      </form>
    </ActionPanel>
  )
}

/** Submit and cancel; no submit while a conflict waits for the user's choice. */
function FormActions(props: { submitLabel: string; pendingLabel: string; pending: boolean; canSubmit: boolean; onCancel: () => void }) {
  return (
    <div className="form-actions">
      {props.canSubmit && (
        <button type="submit" className="button button-primary" disabled={props.pending}>
          {props.pending ? props.pendingLabel : props.submitLabel}
        </button>
      )}
      <button type="button" className="button" onClick={props.onCancel}>
        取消
      </button>
    </div>
  )
}
