import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import { MOCK_DEMO_PASSWORD } from '@/config/demo'
import type { FilterOptions } from '@/contract'
import type { Account, AccountList } from '@/contract/accounts'
import { DEMO_ACCOUNTS, ROLE_DESCRIPTIONS } from '@/domain/access'
import { SIMULATED_NOTICE } from '@/domain/provenance'
import { makeProject } from '../factories'
import { renderApp } from '../render'

const accountsTable = () => screen.getByRole('table', { name: '账户列表' })
const rowOf = (username: string) => within(accountsTable()).getByRole('rowheader', { name: new RegExp(`^${username}`) }).closest('tr')!
const auditTable = () => screen.getByRole('table', { name: '登录与账户日志' })

/** An account as the API now has it (asked by the admin). */
const accountNow = async (username: string) => (await testApi.get<AccountList>('/api/admin/accounts', 'admin')).items.find((a) => a.username === username)!

/** Change an account behind the page's back, as another admin would: through the API, on its current version. */
async function touchAccount(username: string, change: Partial<Pick<Account, 'displayName' | 'role' | 'ownerUnit' | 'unit' | 'disabled'>>) {
  const { version } = await accountNow(username)
  const answer = await testApi.send(`/api/admin/accounts/${username}`, { method: 'PATCH', body: { version, ...change } }, 'admin')
  if (answer.status !== 200) throw new Error(`changing ${username}: ${answer.status} ${JSON.stringify(answer.body)}`)
}

/** Whether a password signs this account in (through the API's sign-in). */
async function signsIn(username: string, password: string) {
  // As the leader's browser would (not the page's admin session: a sign-in ends the session it came with).
  const { status, body } = await testApi.send('/api/auth/login', { method: 'POST', body: { username, password } }, 'leader')
  if (status !== 200 && status !== 401) throw new Error(`signing in as ${username}: ${status} ${JSON.stringify(body)}`)
  return status === 200
}

async function openAdmin() {
  testApi.signInAs('admin')
  const rendered = renderApp('/admin/accounts')
  await screen.findByRole('table', { name: '账户列表' })
  return rendered
}

describe('账户管理 (accounts)', () => {
  it('lists every account with role, binding, status in words and last sign-in', async () => {
    await openAdmin()
    const rows = within(accountsTable()).getAllByRole('row').slice(1)
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['admin（当前登录）', 'leader', 'owner', 'reviewer', 'staff'])
    const owner = rowOf('owner')
    expect(owner).toHaveTextContent('业主单位')
    expect(owner).toHaveTextContent((await accountNow('owner')).ownerUnit!)
    expect(owner).toHaveTextContent('启用')
    // Nobody has signed in with a password yet in this test.
    expect(within(owner).getAllByRole('cell')[4]).toHaveTextContent('—')
    // An admin cannot disable itself: no such button on its own row.
    expect(within(rowOf('admin')).queryByRole('button', { name: /停用/ })).not.toBeInTheDocument()
  })

  it('creates an owner account: a unit must be picked, and a short password is refused beside its field', async () => {
    const { user } = await openAdmin()
    const form = screen.getByRole('form', { name: '新建账户' })
    await user.type(within(form).getByLabelText('用户名'), 'cj-owner')
    await user.type(within(form).getByLabelText('姓名'), '城建业主填报员')
    const role = within(form).getByRole('combobox', { name: '角色' })
    await user.selectOptions(role, 'owner')
    // What the chosen role may do is said right under it.
    expect(role).toHaveAccessibleDescription(ROLE_DESCRIPTIONS.owner)
    await user.type(within(form).getByLabelText('初始密码'), 'short')
    await user.click(within(form).getByRole('button', { name: '创建账户' }))

    const password = within(form).getByLabelText('初始密码')
    await waitFor(() => expect(password).toHaveAccessibleDescription(/密码至少 10 个字符/))
    expect(password).toHaveAttribute('aria-invalid', 'true')
    const unit = within(form).getByRole('combobox', { name: '业主单位' })
    expect(unit).toHaveAccessibleDescription(/业主单位账户必须绑定一个业主单位/)
    // Nothing typed is lost.
    expect(within(form).getByLabelText('用户名')).toHaveValue('cj-owner')

    const units = (await testApi.get<FilterOptions>('/api/filter-options')).ownerUnits
    await user.selectOptions(unit, units[1]!)
    await user.clear(password)
    await user.type(password, 'a-long-enough-password')
    await user.click(within(form).getByRole('button', { name: '创建账户' }))

    expect(await screen.findByText('已创建账户 cj-owner（业主单位）')).toBeInTheDocument()
    const row = await waitFor(() => rowOf('cj-owner'))
    expect(row).toHaveTextContent('城建业主填报员')
    expect(row).toHaveTextContent(units[1]!)
    expect(within(form).getByLabelText('用户名')).toHaveValue('')
    await waitFor(() => expect(within(auditTable()).getAllByRole('row')[1]).toHaveTextContent('新建账户'))
    expect(within(auditTable()).getAllByRole('row')[1]).toHaveTextContent(`业主单位：— → ${units[1]}`)
  })

  it('says when a user name is taken', async () => {
    const { user } = await openAdmin()
    const form = screen.getByRole('form', { name: '新建账户' })
    await user.type(within(form).getByLabelText('用户名'), 'leader')
    await user.type(within(form).getByLabelText('姓名'), '第二位区领导')
    await user.selectOptions(within(form).getByRole('combobox', { name: '角色' }), 'leader')
    await user.type(within(form).getByLabelText('初始密码'), 'a-long-enough-password')
    await user.click(within(form).getByRole('button', { name: '创建账户' }))
    await waitFor(() => expect(within(form).getByLabelText('用户名')).toHaveAccessibleDescription(/用户名已存在/))
  })

  it('a new submit clears the last one’s message: 已创建 does not stay beside 用户名已存在', async () => {
    const { user } = await openAdmin()
    const form = screen.getByRole('form', { name: '新建账户' })
    const create = async (username: string) => {
      await user.type(within(form).getByLabelText('用户名'), username)
      await user.type(within(form).getByLabelText('姓名'), '张三')
      await user.selectOptions(within(form).getByRole('combobox', { name: '角色' }), 'leader')
      await user.clear(within(form).getByLabelText('所在单位'))
      await user.type(within(form).getByLabelText('所在单位'), '区政府')
      await user.type(within(form).getByLabelText('初始密码'), 'a-long-enough-password')
      await user.click(within(form).getByRole('button', { name: '创建账户' }))
    }
    await create('zhangsan')
    expect(await screen.findByText('已创建账户 zhangsan（区领导）')).toBeInTheDocument()
    await waitFor(() => expect(rowOf('zhangsan')).toHaveTextContent('区政府'))
    await create('zhangsan')
    await waitFor(() => expect(within(form).getByLabelText('用户名')).toHaveAccessibleDescription(/用户名已存在/))
    expect(screen.queryByText(/已创建账户 zhangsan/)).not.toBeInTheDocument()
    // And the other way: a success after a failure leaves no error behind.
    await user.clear(within(form).getByLabelText('用户名'))
    await user.clear(within(form).getByLabelText('姓名'))
    await user.clear(within(form).getByLabelText('初始密码'))
    await create('lisi')
    expect(await screen.findByText('已创建账户 lisi（区领导）')).toBeInTheDocument()
    expect(within(form).getByLabelText('用户名')).not.toHaveAccessibleDescription(/用户名已存在/)
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument()
  })

  it('disables an account after a confirmation, which ends its sessions at once', async () => {
    // The leader is signed in elsewhere.
    expect((await testApi.get<{ user: { username: string } }>('/api/auth/me', 'leader')).user.username).toBe('leader')
    const { user } = await openAdmin()
    await user.click(within(rowOf('leader')).getByRole('button', { name: /停用/ }))
    const panel = screen.getByRole('region', { name: '停用账户 leader' })
    expect(panel).toHaveTextContent('确定停用账户 leader（李国华（演示））吗？')
    expect(within(panel).getByRole('heading', { name: '停用账户 leader' })).toHaveFocus()
    await user.click(within(panel).getByRole('button', { name: '确认停用' }))

    expect(await screen.findByText('已停用账户 leader')).toBeInTheDocument()
    await waitFor(() => expect(rowOf('leader')).toHaveTextContent('已停用'))
    expect(within(rowOf('leader')).getByRole('button', { name: /启用/ })).toBeInTheDocument()
    await expect(testApi.get('/api/auth/me', 'leader')).rejects.toThrow(/401/)
    await waitFor(() => expect(within(auditTable()).getAllByRole('row')[1]).toHaveTextContent('状态：启用 → 已停用'))
  })

  it('resets a password: the old one no longer works, and the log does not show either', async () => {
    const { user } = await openAdmin()
    await user.click(within(rowOf('reviewer')).getByRole('button', { name: /重置密码/ }))
    const panel = screen.getByRole('region', { name: '重置账户 reviewer 的密码' })
    await user.type(within(panel).getByLabelText('新密码'), 'a-brand-new-secret')
    await user.click(within(panel).getByRole('button', { name: '确认重置' }))
    expect(await screen.findByText('已重置账户 reviewer 的密码，该账户需用新密码重新登录')).toBeInTheDocument()
    await waitFor(() => expect(within(auditTable()).getAllByRole('row')[1]).toHaveTextContent('重置密码'))
    expect(within(auditTable()).getAllByRole('row')[1]).toHaveTextContent('密码：****** → ******')
    expect(auditTable()).not.toHaveTextContent('a-brand-new-secret')
    // Checked after the log is read: each sign-in adds its own entry.
    expect(await signsIn('reviewer', 'a-brand-new-secret')).toBe(true)
    expect(await signsIn('reviewer', MOCK_DEMO_PASSWORD)).toBe(false)
  })

  it('shows a conflicting change beside the user’s edit and re-applies it only when asked', async () => {
    const { user } = await openAdmin()
    await user.click(within(rowOf('leader')).getByRole('button', { name: /编辑/ }))
    const panel = screen.getByRole('region', { name: '编辑账户 leader' })
    // Meanwhile another admin renames the account.
    await touchAccount('leader', { displayName: '另一位管理员改的姓名' })
    const name = within(panel).getByLabelText('姓名')
    await user.clear(name)
    await user.type(name, '张副区长')
    await user.click(within(panel).getByRole('button', { name: '保存' }))

    const conflict = await within(panel).findByRole('alert')
    expect(conflict).toHaveTextContent('该账户已被他人修改，请查看最新内容后重试')
    expect(within(conflict).getByLabelText('当前内容')).toHaveTextContent('另一位管理员改的姓名')
    expect(within(conflict).getByLabelText('您的修改')).toHaveTextContent('张副区长')
    // Nothing was overwritten yet.
    expect((await accountNow('leader')).displayName).toBe('另一位管理员改的姓名')

    await user.click(within(conflict).getByRole('button', { name: '以我的修改覆盖当前内容' }))
    expect(await screen.findByText('已保存账户 leader 的修改')).toBeInTheDocument()
    await waitFor(() => expect(rowOf('leader')).toHaveTextContent('张副区长'))
    expect(await accountNow('leader')).toMatchObject({ displayName: '张副区长', version: 3 })
  })

  it('names the person and unit behind each log entry, the login name beside it, and a renamed person by the new name', async () => {
    // Another admin's change: the newest entry, made by the demo admin.
    await touchAccount('leader', { unit: '区政府办公室' })
    await openAdmin()
    const actorCell = () => within(auditTable()).getAllByRole('row')[1]!.querySelectorAll('td')[1]!
    await waitFor(() => expect(actorCell()).toHaveTextContent(/^刘洋（演示）（区发改委）账户 admin$/))
    await touchAccount('admin', { displayName: '刘洋', unit: '区大数据发展局' })
    cleanup()
    await openAdmin()
    await waitFor(() => expect(actorCell()).toHaveTextContent(/^刘洋（区大数据发展局）账户 admin$/))
  })

  it('filters the log by action, and keeps the filter in the URL', async () => {
    const { user, router } = await openAdmin()
    await waitFor(() => expect(within(auditTable()).getAllByRole('row').length).toBeGreaterThan(1))
    await user.selectOptions(screen.getByRole('combobox', { name: '操作' }), 'auth.logout')
    expect(router.state.location.search).toBe('?action=auth.logout')
    expect(await screen.findByText('没有符合条件的记录。')).toBeInTheDocument()
    await user.selectOptions(screen.getByRole('combobox', { name: '操作' }), 'account.create')
    await waitFor(() => expect(within(auditTable()).getAllByRole('row')).toHaveLength(1 + 5))
    expect(within(auditTable()).getAllByRole('row')[1]).toHaveTextContent('首次启动创建的演示账户')
  })
})

describe('hostile text is shown as text', () => {
  const html = '<img src=x onerror=alert(1)>'

  it('in an account’s name and in the log', async () => {
    // Another admin renames the account: the log records the change with the name typed.
    await touchAccount('leader', { displayName: html })
    const before = DEMO_ACCOUNTS.find((a) => a.username === 'leader')!.displayName
    await openAdmin()
    expect(within(rowOf('leader')).getByText(html)).toBeInTheDocument()
    await waitFor(() => expect(within(auditTable()).getByText(`姓名：${before} → ${html}`)).toBeInTheDocument())
    expect(document.querySelector('img')).toBeNull()
  })

  it('in a project’s name, on the list and the project page', async () => {
    const name = '=HYPERLINK("http://x","点击")<b>粗</b>'
    await testApi.replaceProjects([makeProject({ name })])
    const { user } = renderApp('/projects')
    const link = await screen.findByRole('link', { name })
    expect(link).toHaveTextContent(name)
    expect(document.querySelector('b')).toBeNull()
    await user.click(link)
    expect(await screen.findByRole('heading', { level: 1, name: new RegExp(name.replace(/[()"]/g, '\\$&')) })).toBeInTheDocument()
    expect(document.querySelector('b, img')).toBeNull()
  })

  it('in a problem, and in the CSV a reviewer exports: no markup, no formula', async () => {
    const name = '=HYPERLINK("http://x","点击")'
    const problem = { id: 'P900-Q1', category: '<b>要素保障</b>', description: '+cmd|"/c calc"!A1 <img src=x onerror=alert(1)>', measure: '@SUM(1+1)', status: 'warning' as const, raisedDate: '2024-03-01', dueDate: '2024-04-30', resolvedDate: null, assignedTo: null, resolution: null, version: 1 }
    await testApi.replaceProjects([makeProject({ id: 'P900', name, ownerUnit: '-1+1 单位', problems: [problem] })])
    testApi.signInAs('reviewer')
    const { user } = renderApp('/projects/P900')
    expect((await screen.findAllByText(problem.description, { exact: false })).length).toBeGreaterThan(0)
    expect(document.querySelector('b, img')).toBeNull()

    const blobs: Blob[] = []
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob)
      return 'blob:test'
    })
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    try {
      await user.click((await screen.findAllByRole('link', { name: '项目库' }))[0]!)
      await user.click(await screen.findByRole('button', { name: '导出 CSV（1 个项目）' }))
      await waitFor(() => expect(blobs).toHaveLength(1))
      const csv = await blobs[0]!.text()
      expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点击"")"`)
      expect(csv).toContain("'-1+1 单位")
      expect(csv).not.toMatch(/(^|,)[=+@-][^0-9]/m)
      // The file carries the API's word that the figures are simulated.
      expect(csv.split('\r\n')[0]).toContain(SIMULATED_NOTICE)
    } finally {
      createObjectURL.mockRestore()
      revoke.mockRestore()
      click.mockRestore()
    }
  })
})

describe('登录限制 (the sign-in throttle, decision 69)', () => {
  it('shows a held account in its row and lifts it with 解除限制', async () => {
    for (let i = 0; i < 5; i++) expect(await signsIn('owner', `wrong-${i}`)).toBe(false)
    await expect(signsIn('owner', MOCK_DEMO_PASSWORD)).rejects.toThrow(/429/)
    const { user } = await openAdmin()
    const row = rowOf('owner')
    expect(await within(row).findByText('登录暂停中')).toBeInTheDocument()
    expect(within(rowOf('staff')).queryByText('登录暂停中')).not.toBeInTheDocument()
    expect(screen.getByRole('table', { name: '登录限制' })).toHaveTextContent('owner')

    await user.click(within(rowOf('owner')).getByRole('button', { name: /^解除限制/ }))
    expect(await screen.findByText('已解除账户 owner 的登录限制')).toBeInTheDocument()
    await waitFor(() => expect(within(rowOf('owner')).queryByText('登录暂停中')).not.toBeInTheDocument())
    expect(await signsIn('owner', MOCK_DEMO_PASSWORD)).toBe(true)
  })
})
