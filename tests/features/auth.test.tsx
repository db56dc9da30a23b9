import { act, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { server, testApi } from '../support/api'
import { MOCK_DEMO_PASSWORD } from '@/config/demo'
import { authPaths, type ProjectList } from '@/contract'
import { currentUrl, renderApp } from '../render'

/** How many projects the API lists for a query string (GET /api/projects). */
const countOf = async (search: string) => (await testApi.get<ProjectList>(`/api/projects?${search}`)).total

async function signIn(user: ReturnType<typeof renderApp>['user'], username: string, password: string) {
  const username_ = screen.getByLabelText('用户名')
  const password_ = screen.getByLabelText('密码')
  await user.clear(username_)
  await user.type(username_, username)
  await user.clear(password_)
  await user.type(password_, password)
  await user.click(screen.getByRole('button', { name: '登录' }))
}

describe('sign-in', () => {
  it('asks an anonymous visitor to sign in, refuses a wrong password, then returns to the page asked for', async () => {
    testApi.signOut()
    const { user, router } = renderApp('/projects?zone=nanping')
    expect(await screen.findByRole('heading', { level: 1, name: '登录' })).toBeInTheDocument()
    expect(currentUrl(router)).toBe(`/login?next=${encodeURIComponent('/projects?zone=nanping')}`)
    // No navigation and no data before sign-in.
    expect(screen.queryByRole('navigation', { name: '主导航' })).not.toBeInTheDocument()

    await signIn(user, 'staff', 'not-the-password')
    expect(await screen.findByRole('alert')).toHaveTextContent('用户名或密码错误')

    await signIn(user, 'staff', MOCK_DEMO_PASSWORD)
    await waitFor(() => expect(currentUrl(router)).toBe('/projects?zone=nanping'))
    expect(await screen.findByText(`共 ${await countOf('zone=nanping')} 个项目`)).toBeInTheDocument()
    expect(screen.getByText('陈立新（演示）')).toBeInTheDocument()
  })

  it('tells a disabled account it is disabled, but only once its password is right', async () => {
    const { version } = (await testApi.get<{ items: { username: string; version: number }[] }>('/api/admin/accounts', 'admin')).items.find((a) => a.username === 'reviewer')!
    expect((await testApi.send('/api/admin/accounts/reviewer', { method: 'PATCH', body: { version, disabled: true } }, 'admin')).status).toBe(200)
    testApi.signOut()
    const { user } = renderApp('/login')
    await screen.findByRole('heading', { level: 1, name: '登录' })
    await signIn(user, 'reviewer', 'a-guess-at-it')
    expect(await screen.findByRole('alert')).toHaveTextContent('用户名或密码错误')
    await signIn(user, 'reviewer', MOCK_DEMO_PASSWORD)
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('该账户已停用，请联系管理员'))
    expect(screen.getByRole('heading', { level: 1, name: '登录' })).toBeInTheDocument()
  })

  it('says what is missing instead of sending an empty form', async () => {
    testApi.signOut()
    const { user } = renderApp('/login')
    await user.click(await screen.findByRole('button', { name: '登录' }))
    expect(screen.getByText('请输入用户名')).toBeInTheDocument()
    expect(screen.getByText('请输入密码')).toBeInTheDocument()
    expect(screen.getByLabelText('用户名')).toHaveAttribute('aria-invalid', 'true')
  })

  it('disables the button while signing in and shows the server’s throttling message as it is', async () => {
    testApi.signOut()
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    server.use(
      http.post(authPaths.login, async () => {
        await gate
        return HttpResponse.json(
          { error: { code: 'too_many_attempts', message: '登录失败次数过多，请 15 分钟后再试' } },
          { status: 429, headers: { 'Retry-After': '900' } },
        )
      }),
    )
    const { user } = renderApp('/login')
    await screen.findByRole('heading', { level: 1, name: '登录' })
    await user.type(screen.getByLabelText('用户名'), 'staff')
    await user.type(screen.getByLabelText('密码'), 'guess-number-six')
    await user.click(screen.getByRole('button', { name: '登录' }))
    expect(await screen.findByRole('button', { name: '正在登录…' })).toBeDisabled()
    await act(async () => release())
    expect(await screen.findByRole('alert')).toHaveTextContent('登录失败次数过多，请 15 分钟后再试')
    expect(screen.getByRole('button', { name: '登录' })).toBeEnabled()
  })

  it('never follows a next= that leaves the site', async () => {
    testApi.signOut()
    const { user, router } = renderApp(`/login?next=${encodeURIComponent('//evil.example/steal')}`)
    await screen.findByRole('heading', { level: 1, name: '登录' })
    await signIn(user, 'leader', MOCK_DEMO_PASSWORD)
    await waitFor(() => expect(currentUrl(router)).toBe('/'))
    expect(await screen.findByTestId('headline')).toBeInTheDocument()
  })

  it('takes an admin to 账户管理 by default', async () => {
    testApi.signOut()
    const { user, router } = renderApp('/login')
    await screen.findByRole('heading', { level: 1, name: '登录' })
    await signIn(user, 'admin', MOCK_DEMO_PASSWORD)
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/accounts'))
    expect(await screen.findByRole('heading', { level: 1, name: '账户管理' })).toBeInTheDocument()
  })
})

describe('sign-out and lost sessions', () => {
  it('signs out to the sign-in page, and the data is gone, also by going back', async () => {
    const { user, router, queryClient } = renderApp('/zones')
    await user.click(await screen.findByRole('link', { name: '项目库' }))
    expect(await screen.findByText('共 132 个项目')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '退出' }))
    expect(await screen.findByRole('heading', { level: 1, name: '登录' })).toBeInTheDocument()
    expect(currentUrl(router)).toBe('/login')
    expect(screen.queryByText('共 132 个项目')).not.toBeInTheDocument()
    // The sign-in page forgets the cache in an effect, which runs just after its heading is on screen.
    await waitFor(() => expect(queryClient.getQueryCache().findAll({ queryKey: ['projects'] })).toHaveLength(0))

    // The old session no longer opens the data: back leads to sign-in again.
    await act(() => router.navigate(-1))
    await waitFor(() => expect(currentUrl(router)).toBe(`/login?next=${encodeURIComponent('/zones')}`))
    expect(screen.queryByRole('list', { name: '片区列表' })).not.toBeInTheDocument()
  })

  it('sends the user to sign-in when a later request finds the session gone', async () => {
    const { user, router } = renderApp('/projects')
    expect(await screen.findByText('共 132 个项目')).toBeInTheDocument()
    // The session expires or is revoked on the server.
    server.use(
      http.get('/api/projects', () =>
        HttpResponse.json({ error: { code: 'unauthenticated', message: '请先登录' } }, { status: 401 }),
      ),
    )
    await user.selectOptions(screen.getByRole('combobox', { name: '片区' }), 'nanping')
    expect(await screen.findByRole('heading', { level: 1, name: '登录' })).toBeInTheDocument()
    expect(currentUrl(router)).toBe(`/login?next=${encodeURIComponent('/projects?zone=nanping')}`)
  })
})

describe('least privilege in the UI', () => {
  it('offers the CSV export to a reviewer but not to a leader', async () => {
    testApi.signInAs('leader')
    const leader = renderApp('/projects')
    expect(await screen.findByText('共 132 个项目')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /导出 CSV/ })).not.toBeInTheDocument()
    expect(screen.getByText('区领导', { selector: 'small' })).toBeInTheDocument()
    leader.unmount()

    testApi.signInAs('reviewer')
    renderApp('/projects')
    expect(await screen.findByRole('button', { name: '导出 CSV（132 个项目）' })).toBeInTheDocument()
    expect(screen.getByText('督查', { selector: 'small' })).toBeInTheDocument()
  })

  it('gives the staff every page in the navigation, by its full name, with short words shown so it fits one line at 1440 px', async () => {
    testApi.signInAs('staff')
    renderApp('/')
    const nav = await screen.findByRole('navigation', { name: '主导航' })
    const links = within(nav).getAllByRole('link')
    // Every page is a link a keyboard reaches and a screen reader names in full.
    for (const name of ['待办', '总览', '片区', '项目库', '滞后项目', '月报', '通报', '口径说明']) expect(within(nav).getByRole('link', { name })).toBeInTheDocument()
    const nameOf = (link: HTMLElement) => link.getAttribute('aria-label') ?? link.textContent ?? ''
    // Below 1680 px the long names show their first word (styles.css hides .nav-full), which begins the link's name.
    const shown = links.map((link) => link.querySelector('.nav-short')?.textContent ?? link.textContent ?? '')
    expect(shown.every((text) => text.length <= 3)).toBe(true)
    for (const link of links) expect(nameOf(link).startsWith(link.querySelector('.nav-short')?.textContent ?? '')).toBe(true)
    expect(within(nav).getByRole('link', { name: '滞后项目' }).querySelector('.nav-short')).toHaveTextContent('滞后')
  })

  it('lands an admin on 账户管理, with no data navigation and no as-of selector', async () => {
    testApi.signInAs('admin')
    const { router } = renderApp('/')
    expect(await screen.findByRole('heading', { level: 1, name: '账户管理' })).toBeInTheDocument()
    expect(currentUrl(router)).toBe('/admin/accounts')
    const nav = screen.getByRole('navigation', { name: '主导航' })
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(['账户管理'])
    expect(screen.queryByRole('combobox', { name: '截至月份' })).not.toBeInTheDocument()
  })

  it('tells an admin who opens a data page that admins do not see project data', async () => {
    testApi.signInAs('admin')
    const { user, router } = renderApp('/projects?zone=nanping')
    const message = await screen.findByRole('alert')
    expect(message).toHaveTextContent('管理员账户只管理账户，不查看项目数据')
    await user.click(within(message).getByRole('link', { name: '前往账户管理' }))
    await waitFor(() => expect(currentUrl(router)).toBe('/admin/accounts'))
  })

  it('keeps other roles out of 账户管理', async () => {
    testApi.signInAs('leader')
    renderApp('/admin/accounts')
    expect(await screen.findByRole('alert')).toHaveTextContent('当前账户无权访问此页面')
    expect(screen.queryByRole('link', { name: '账户管理' })).not.toBeInTheDocument()
  })
})
