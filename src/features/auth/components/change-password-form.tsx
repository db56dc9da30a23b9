import { useId, useState, type FormEvent } from 'react'
import { issueFields } from '@/contract'
import { ChangePasswordSchema } from '@/contract/accounts'
import { ErrorSummary } from '@/components/error-summary'
import { FormField } from '@/components/form-field'
import { ApiRequestError } from '@/lib/api-client'
import { useChangePassword } from '../api/password'

type Fields = Partial<Record<'currentPassword' | 'newPassword' | 'confirmPassword', string>>

/**
 * 修改密码: the current password, then the new one twice. The two must match and the new one follows the
 * contract's rule before anything is sent; the server's refusals (a wrong current password) are shown
 * beside their fields. What was typed stays after a refusal.
 */
export function ChangePasswordForm() {
  const id = useId()
  const change = useChangePassword()
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirmPassword, setConfirmPassword] = useState('')
  const [fields, setFields] = useState<Fields>({})
  const [message, setMessage] = useState<string | null>(null)
  // Each failed attempt, for the error summary to take focus again (decision 73).
  const [attempt, setAttempt] = useState<object | null>(null)
  const [done, setDone] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setDone(false)
    setMessage(null)
    setAttempt(null)
    const parsed = ChangePasswordSchema.safeParse({ currentPassword, newPassword })
    const found: Fields = parsed.success ? {} : issueFields(parsed.error.issues)
    if (confirmPassword === '') found.confirmPassword = '请再次输入新密码'
    else if (confirmPassword !== newPassword) found.confirmPassword = '两次输入的新密码不一致'
    setFields(found)
    if (!parsed.success || Object.keys(found).length > 0) {
      setMessage('请按提示修改后重新提交')
      setAttempt({})
      return
    }
    change.mutate(parsed.data, {
      onSuccess: () => {
        setCurrentPassword('')
        setNewPassword('')
        setConfirmPassword('')
        setDone(true)
      },
      onError: (error) => {
        if (error instanceof ApiRequestError) {
          setFields(error.fields ?? {})
          setMessage(error.message)
        } else setMessage('修改失败，请重试')
        setAttempt({})
      },
    })
  }

  return (
    <form className="card form-card stack-sm" onSubmit={submit} noValidate aria-label="修改密码">
      <p className="form-success" role="status">
        {done ? '密码已修改。此前在其他设备或浏览器上的登录已全部退出，本次登录继续有效。' : ''}
      </p>
      <ErrorSummary attempt={attempt} message={message} />
      <FormField id={`${id}-current`} label="当前密码" error={fields.currentPassword}>
        {(props) => <input {...props} type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-new`} label="新密码" error={fields.newPassword} hint="至少 10 个字符">
        {(props) => <input {...props} type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-confirm`} label="再次输入新密码" error={fields.confirmPassword}>
        {(props) => <input {...props} type="password" autoComplete="new-password" value={confirmPassword} onChange={(e) => setConfirmPassword(e.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {change.isPending ? '正在修改…' : '修改密码'}
        </button>
      </div>
    </form>
  )
}
