import { screen, waitFor } from '@testing-library/react'
import { testApi } from '../support/api'
import { MOCK_DEMO_PASSWORD } from '@/config/demo'
import { currentUrl, renderApp } from '../render'

/** Whether a password signs the leader in (through the API, as the reviewer's browser: not the page's session). */
async function leaderSignsInWith(password: string) {
  const { status, body } = await testApi.send('/api/auth/login', { method: 'POST', body: { username: 'leader', password } }, 'reviewer')
  if (status !== 200 && status !== 401) throw new Error(`signing in: ${status} ${JSON.stringify(body)}`)
  return status === 200
}

async function openForm() {
  testApi.signInAs('leader')
  const rendered = renderApp('/account/password')
  await screen.findByRole('form', { name: '修改密码' })
  return rendered
}

async function fill(user: ReturnType<typeof renderApp>['user'], current: string, next: string, again: string) {
  if (current) await user.type(screen.getByLabelText('当前密码'), current)
  if (next) await user.type(screen.getByLabelText('新密码'), next)
  if (again) await user.type(screen.getByLabelText('再次输入新密码'), again)
  await user.click(screen.getByRole('button', { name: '修改密码' }))
}

describe('修改密码 (changing one’s own password)', () => {
  it('is reached from the user box in the header', async () => {
    testApi.signInAs('leader')
    const { user, router } = renderApp('/help')
    await user.click(await screen.findByRole('link', { name: '修改密码' }))
    await waitFor(() => expect(currentUrl(router)).toBe('/account/password'))
    expect(await screen.findByRole('heading', { level: 1, name: '修改密码' })).toBeInTheDocument()
  })

  it('checks that the new password was typed the same twice, and long enough, before sending anything', async () => {
    const { user } = await openForm()
    await fill(user, MOCK_DEMO_PASSWORD, 'new-password-2025', 'new-password-2026')
    expect(screen.getByLabelText('再次输入新密码')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('再次输入新密码')).toHaveAccessibleDescription('两次输入的新密码不一致')
    expect(screen.getByRole('alert')).toHaveTextContent('请按提示修改后重新提交')

    await user.clear(screen.getByLabelText('新密码'))
    await user.type(screen.getByLabelText('新密码'), 'short')
    await user.clear(screen.getByLabelText('再次输入新密码'))
    await user.type(screen.getByLabelText('再次输入新密码'), 'short')
    await user.click(screen.getByRole('button', { name: '修改密码' }))
    expect(screen.getByLabelText('新密码')).toHaveAccessibleDescription(expect.stringContaining('密码至少 10 个字符'))
    expect(await leaderSignsInWith(MOCK_DEMO_PASSWORD), 'nothing was changed').toBe(true)
  })

  it('shows a wrong current password beside its field, and keeps what was typed', async () => {
    const { user } = await openForm()
    await fill(user, 'not-my-password', 'new-password-2025', 'new-password-2025')
    expect(await screen.findByText('当前密码不正确', { selector: '.field-error' })).toBeInTheDocument()
    expect(screen.getByLabelText('当前密码')).toHaveAccessibleDescription('当前密码不正确')
    expect(screen.getByLabelText('新密码')).toHaveValue('new-password-2025')
    expect(await leaderSignsInWith('new-password-2025')).toBe(false)
  })

  it('changes the password: the page says so, the fields are emptied, and the new password signs in', async () => {
    const { user } = await openForm()
    await fill(user, MOCK_DEMO_PASSWORD, 'new-password-2025', 'new-password-2025')
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^密码已修改/))
    expect(screen.getByLabelText('当前密码')).toHaveValue('')
    expect(await leaderSignsInWith('new-password-2025')).toBe(true)
    expect(await leaderSignsInWith(MOCK_DEMO_PASSWORD)).toBe(false)
  })
})
