import { screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import type { FilterOptions, ProjectDetail } from '@/contract'
import type { ProblemCategoryList } from '@/contract/problems'
import { daysOverdue } from '@/domain/problems'
import { renderApp } from '../render'

describe('问题督办: problems tracked to closure', () => {
  it('shows a leader the problems overdue at the end of the month in view, most overdue first, not as of the clock', async () => {
    testApi.signInAs('leader')
    renderApp('/')
    const table = await screen.findByRole('table', { name: '逾期未办结的问题' })
    // The overview opens on the latest published month (September in the demo): judged at its last day.
    const today = '2024-09-30'
    expect(screen.getByText(/截至2024年9月30日/)).toBeInTheDocument()
    const overdue = (await testApi.seededProjects()).flatMap((r) => r.problems.filter((p) => daysOverdue(p, today) > 0))
    expect(screen.getByRole('heading', { name: `逾期未办结的问题（${overdue.length}个）` })).toBeInTheDocument()
    const days = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => Number(within(row).getAllByRole('cell')[0]!.textContent))
    expect(days.length).toBe(Math.min(20, overdue.length))
    expect(days).toEqual([...days].sort((a, b) => b - a))
    expect(days[0]).toBe(Math.max(...overdue.map((p) => daysOverdue(p, today))))
    // The figures are simulated, and the section says so.
    expect(screen.getByText(/问题与时限为模拟数据/)).toBeInTheDocument()
  })

  it('lets staff register a problem, assign it with a due date, and settle it', async () => {
    const project = (await testApi.seededProjects()).find((r) => r.problems.length === 0)!
    const { user } = renderApp(`/projects/${project.id}`)
    await screen.findByRole('heading', { name: '问题督办' })
    expect(screen.getByText('本项目没有登记的问题。')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: '登记问题' }))
    const form = await screen.findByRole('form', { name: '登记问题' })
    await user.click(within(form).getByRole('button', { name: '登记' }))
    expect(within(form).getByLabelText('问题描述')).toHaveAccessibleDescription('请填写问题描述')
    await user.selectOptions(within(form).getByRole('combobox', { name: '问题类别' }), '要素保障')
    await user.type(within(form).getByLabelText('问题描述'), '施工用电未接入')
    await user.type(within(form).getByLabelText('拟采取的措施'), '协调供电公司')
    await user.type(within(form).getByLabelText('要求解决日期'), '2099-06-30')
    await user.click(within(form).getByRole('button', { name: '登记' }))
    expect(await screen.findByRole('status')).toHaveTextContent('问题已登记')

    const ledger = await screen.findByRole('table', { name: '问题督办台账' })
    const row = () => within(ledger).getByRole('rowheader', { name: /施工用电未接入/ }).closest('tr')!
    await waitFor(() => expect(row()).toHaveTextContent('预警'))
    expect(row()).toHaveTextContent('未督办')
    const problemId = `${project.id}-Q1`

    await user.click(within(row()).getByRole('button', { name: `督办 ${problemId}` }))
    const assign = await screen.findByRole('form', { name: `督办问题 ${problemId}` })
    await user.selectOptions(within(assign).getByRole('combobox', { name: '督办部门' }), '区经济信息委')
    await user.clear(within(assign).getByLabelText('办结时限'))
    await user.type(within(assign).getByLabelText('办结时限'), '2099-03-31')
    await user.click(within(assign).getByRole('button', { name: '督办' }))
    // The status still says 问题已登记 until the server's answer arrives.
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(`问题 ${problemId} 已交 区经济信息委 督办，时限 2099年3月31日`))
    await waitFor(() => expect(row()).toHaveTextContent('督办中'))
    expect(row()).toHaveTextContent('区经济信息委')

    await user.click(within(row()).getByRole('button', { name: `办结 ${problemId}` }))
    const resolve = await screen.findByRole('form', { name: `办结问题 ${problemId}` })
    await user.click(within(resolve).getByRole('button', { name: '办结' }))
    expect(within(resolve).getByLabelText('办结情况')).toHaveAccessibleDescription('请填写办结情况')
    await user.type(within(resolve).getByLabelText('办结情况'), '已通电')
    await user.click(within(resolve).getByRole('button', { name: '办结' }))
    await waitFor(() => expect(row()).toHaveTextContent('已办结'))
    expect(row()).toHaveTextContent('办结情况：已通电')
    expect(within(row()).queryByRole('button', { name: `督办 ${problemId}` })).not.toBeInTheDocument()
    expect((await testApi.get<ProjectDetail>(`/api/projects/${project.id}`)).problems[0]).toMatchObject({ status: 'resolved', assignedTo: '区经济信息委', resolution: '已通电', version: 3 })
  })

  it('offers 问题类别 from the staff’s list: every category the data uses, and not a retired one', async () => {
    const project = (await testApi.seededProjects()).find((r) => r.problems.length === 0)!
    const used = new Set((await testApi.seededProjects()).flatMap((r) => r.problems.map((p) => p.category)))
    // A category retired by the staff is offered no more.
    const categories = await testApi.get<ProblemCategoryList>('/api/problem-categories')
    const other = categories.items.find((c) => c.name === '其他')!
    expect((await testApi.send(`/api/problem-categories/${other.id}`, { method: 'PATCH', body: { version: other.version, retired: true } })).status).toBe(200)
    const { user } = renderApp(`/projects/${project.id}`)
    await user.click(await screen.findByRole('button', { name: '登记问题' }))
    const form = await screen.findByRole('form', { name: '登记问题' })
    const category = within(form).getByRole('combobox', { name: '问题类别' })
    await waitFor(() => expect(category).toBeEnabled())
    const offered = within(category).getAllByRole('option').map((o) => o.textContent)
    expect(offered[0]).toBe('请选择')
    for (const c of used) expect(offered).toContain(c)
    expect(offered).not.toContain('其他')
  })

  it('lets the staff add, rename and retire 问题类别 in 口径说明; the problem form offers the new list', async () => {
    const { user } = renderApp('/help')
    const section = await screen.findByRole('region', { name: '问题类别' })
    const table = await within(section).findByRole('table', { name: '问题类别' })
    const add = within(section).getByRole('form', { name: '新增问题类别' })
    await user.type(within(add).getByLabelText('新类别名称'), '安全生产')
    await user.click(within(add).getByRole('button', { name: '新增类别' }))
    expect(await within(section).findByText('已新增问题类别“安全生产”')).toBeInTheDocument()
    const row = (name: string) => within(table).getByRole('rowheader', { name }).closest('tr')!
    await waitFor(() => expect(row('安全生产')).toHaveTextContent('启用'))

    // A name already there is refused beside the field, and the success message goes.
    await user.type(within(add).getByLabelText('新类别名称'), '安全生产')
    await user.click(within(add).getByRole('button', { name: '新增类别' }))
    await waitFor(() => expect(within(add).getByLabelText('新类别名称')).toHaveAccessibleDescription(/已有名为“安全生产”的问题类别/))
    expect(within(section).queryByText('已新增问题类别“安全生产”')).not.toBeInTheDocument()

    await user.click(within(row('市场因素')).getByRole('button', { name: '改名 市场因素' }))
    const rename = within(section).getByRole('form', { name: '改名：市场因素' })
    const name = within(rename).getByLabelText('“市场因素”的新名称')
    await user.clear(name)
    await user.type(name, '市场及招商因素')
    await user.click(within(rename).getByRole('button', { name: '保存' }))
    expect(await within(section).findByText('已将问题类别“市场因素”改名为“市场及招商因素”')).toBeInTheDocument()

    await user.click(within(row('要素保障')).getByRole('button', { name: '停用 要素保障' }))
    expect(await within(section).findByText('已停用问题类别“要素保障”')).toBeInTheDocument()
    await waitFor(() => expect(row('要素保障')).toHaveTextContent('已停用'))
    expect(within(row('要素保障')).getByRole('button', { name: '恢复 要素保障' })).toBeInTheDocument()

    const offered = (await testApi.get<ProblemCategoryList>('/api/problem-categories')).items.filter((c) => !c.retired).map((c) => c.name)
    expect(offered).toContain('安全生产')
    expect(offered).toContain('市场及招商因素')
    expect(offered).not.toContain('要素保障')
  })

  it('shows a leader the list of 问题类别, with nothing to change', async () => {
    testApi.signInAs('leader')
    renderApp('/help')
    const section = await screen.findByRole('region', { name: '问题类别' })
    await within(section).findByRole('table', { name: '问题类别' })
    expect(within(section).queryByRole('button')).not.toBeInTheDocument()
    expect(within(section).queryByRole('form')).not.toBeInTheDocument()
  })

  it('chooses 督办部门 from the 责任单位 list, or names another under 其他（请填写）', async () => {
    const project = (await testApi.seededProjects()).find((r) => r.problems.some((p) => p.status === 'warning'))!
    const problem = project.problems.find((p) => p.status === 'warning')!
    const { responsibleUnits } = await testApi.get<FilterOptions>('/api/filter-options')
    const { user } = renderApp(`/projects/${project.id}`)
    await user.click(await screen.findByRole('button', { name: `督办 ${problem.id}` }))
    const assign = await screen.findByRole('form', { name: `督办问题 ${problem.id}` })
    const department = within(assign).getByRole('combobox', { name: '督办部门' })
    await waitFor(() => expect(within(department).getAllByRole('option').map((o) => o.textContent)).toEqual(['请选择', ...responsibleUnits, '其他（请填写）']))
    expect(within(assign).queryByRole('textbox', { name: '其他督办部门名称' })).not.toBeInTheDocument()

    await user.selectOptions(department, '其他（请填写）')
    const other = within(assign).getByRole('textbox', { name: '其他督办部门名称' })
    await user.click(within(assign).getByRole('button', { name: '督办' }))
    expect(other).toHaveAccessibleDescription('请填写督办部门')
    await user.type(other, '区城管局')
    await user.click(within(assign).getByRole('button', { name: '督办' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(`问题 ${problem.id} 已交 区城管局 督办`))
    expect((await testApi.get<ProjectDetail>(`/api/projects/${project.id}`)).problems.find((p) => p.id === problem.id)).toMatchObject({ status: 'supervising', assignedTo: '区城管局' })
  })

  it('offers a leader no problem desk on a project page', async () => {
    testApi.signInAs('leader')
    renderApp('/projects/P001')
    await screen.findByRole('table', { name: '各月月报' })
    expect(screen.queryByRole('heading', { name: '问题督办' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '登记问题' })).not.toBeInTheDocument()
  })
})
