import { useId, useState, type FormEvent } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { LoginRequestSchema, issueFields } from '@/contract'
import { MOCK_DEMO_PASSWORD } from '@/config/demo'
import { env } from '@/config/env'
import { ErrorSummary } from '@/components/error-summary'
import { DEMO_ACCOUNTS, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/domain/access'
import { ApiRequestError } from '@/lib/api-client'
import { useForgetEarlierSession, useLogin } from '../api/auth'
import { afterSignIn } from '../next-path'

/** The sign-in form; on success it goes to `?next=` (a path of this site) or the role's home page. */
export function SignInForm() {
  const id = useId()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const login = useLogin()
  useForgetEarlierSession()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [fields, setFields] = useState<Record<string, string>>({})
  // Each failed attempt, for the error summary to take focus again (decision 73).
  const [attempt, setAttempt] = useState<object | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = LoginRequestSchema.safeParse({ username: username.trim(), password })
    if (!parsed.success) {
      setFields(issueFields(parsed.error.issues))
      setAttempt({})
      return
    }
    setFields({})
    setAttempt(null)
    login.mutate(parsed.data, {
      onSuccess: ({ user }) => void navigate(afterSignIn(params.get('next'), user.role), { replace: true }),
      onError: (error) => {
        if (error instanceof ApiRequestError && error.fields) setFields(error.fields)
        setAttempt({})
      },
    })
  }

  const error = login.error
  const message =
    error instanceof ApiRequestError ? (error.code === 'invalid_body' ? '请检查填写的内容' : error.message) : error ? '登录失败，请重试' : null

  const field = (name: 'username' | 'password', label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {fields[name] && (
        <span id={`${id}-${name}-error`} className="field-error">
          {fields[name]}
        </span>
      )}
    </div>
  )

  return (
    <div className="stack">
      <form className="card form-card stack-sm" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>登录</h1>
        <p className="page-subtitle">请使用分配给您的账户登录。</p>
        <ErrorSummary attempt={attempt} message={message} />
        {field(
          'username',
          '用户名',
          <input
            id={`${id}-username`}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={fields.username ? true : undefined}
            aria-describedby={fields.username ? `${id}-username-error` : undefined}
          />,
        )}
        {field(
          'password',
          '密码',
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={fields.password ? true : undefined}
            aria-describedby={fields.password ? `${id}-password-error` : undefined}
          />,
        )}
        <button type="submit" className="button button-primary" disabled={login.isPending}>
          {login.isPending ? '正在登录…' : '登录'}
        </button>
      </form>
      {env.VITE_API_MODE === 'mock' && (
        <DemoAccounts
          onPick={(name) => {
            setUsername(name)
            setPassword(MOCK_DEMO_PASSWORD)
          }}
        />
      )}
    </div>
  )
}

/** The demo build only: one account per role, all with the demo password. */
function DemoAccounts({ onPick }: { onPick: (username: string) => void }) {
  return (
    <section className="card form-card demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">演示账户</h2>
      <p>
        这是不连接服务器的演示版。以下每个角色各有一个账户，密码均为 <code>{MOCK_DEMO_PASSWORD}</code>。
      </p>
      <ul className="demo-account-list">
        {DEMO_ACCOUNTS.map((account) => (
          <li key={account.username}>
            <div>
              <code>{account.username}</code> · {ROLE_LABELS[account.role]}
              <div className="cell-sub">{ROLE_DESCRIPTIONS[account.role]}</div>
            </div>
            <button type="button" className="button" onClick={() => onPick(account.username)}>
              填入<span className="sr-only">{account.username}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
