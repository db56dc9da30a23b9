import { useId, useState, type FormEvent } from 'react'
import { ROLES } from '@/contract'
import { type Account } from '@/contract/accounts'
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/domain/access'
import { ApiRequestError } from '@/lib/api-client'
import { useCreateAccount } from '../api/accounts'
import { AccountFields, ownerUnitOf, unitOf, type AccountDraft } from './account-fields'
import { ErrorSummary } from '@/components/error-summary'
import { FormField } from '@/components/form-field'

const EMPTY: AccountDraft = { displayName: '', role: '', ownerUnit: '', unit: '' }

/**
 * New account: the server validates; its field messages appear next to the fields, nothing typed is lost.
 * `onSubmitted`: a new attempt has begun, so the page clears the last one's success message (it must not
 * stay beside this attempt's error); this attempt's own error is cleared here.
 */
export function CreateAccountForm({ onCreated, onSubmitted }: { onCreated: (account: Account) => void; onSubmitted: () => void }) {
  const id = useId()
  const create = useCreateAccount()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [draft, setDraft] = useState<AccountDraft>(EMPTY)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  // Each failed attempt, for the error summary to take focus again (decision 73).
  const [attempt, setAttempt] = useState<object | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmitted()
    setFormError(null)
    setAttempt(null)
    if (!draft.role) {
      setFields({ role: '请选择角色' })
      setAttempt({})
      return
    }
    setFields({})
    create.mutate(
      { username: username.trim(), displayName: draft.displayName, role: draft.role, ownerUnit: ownerUnitOf(draft), unit: unitOf(draft), password },
      {
        onSuccess: (account) => {
          setUsername('')
          setPassword('')
          setDraft(EMPTY)
          onCreated(account)
        },
        onError: (error) => {
          setAttempt({})
          if (!(error instanceof ApiRequestError)) return setFormError('创建失败，请重试')
          if (error.code === 'username_taken') return setFields({ username: error.message })
          if (error.fields) setFields(error.fields)
          setFormError(error.fields ? '请按提示修改后重新提交' : error.message)
        },
      },
    )
  }

  return (
    <form className="stack-sm" onSubmit={submit} noValidate aria-label="新建账户">
      <ErrorSummary attempt={attempt} message={formError} level={3} />
      <div className="form-grid">
        <FormField id={`${id}-username`} label="用户名" error={fields.username} hint="字母、数字、点、下划线或连字符，用于登录">
          {(props) => (
            <input {...props} autoComplete="off" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />
          )}
        </FormField>
        <AccountFields idPrefix={`${id}-new`} draft={draft} onChange={setDraft} fields={fields} />
        <FormField id={`${id}-password`} label="初始密码" error={fields.password} hint="至少 10 个字符；请当面或电话告知本人">
          {(props) => <input {...props} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? '正在创建…' : '创建账户'}
        </button>
        {draft.role && <span className="card-note">将创建{ROLE_LABELS[draft.role]}账户</span>}
      </div>
      <details className="details">
        <summary>各角色可以做什么</summary>
        <dl className="values">
          {ROLES.map((role) => (
            <div key={role}>
              <dt>{ROLE_LABELS[role]}</dt>
              <dd>{ROLE_DESCRIPTIONS[role]}</dd>
            </div>
          ))}
        </dl>
      </details>
    </form>
  )
}
