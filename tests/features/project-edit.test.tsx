import { screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import type { ProjectDetail } from '@/contract'
import { money } from '@/lib/format'
import { renderApp } from '../render'

describe('项目信息维护: staff correct the project list', () => {
  it('changes the annual plan only with a reason (中期调整), keeps the original beside it, and says rates use the adjusted plan', async () => {
    const project = (await testApi.seededProjects()).find((r) => r.id === 'P030')!
    const { user } = renderApp('/projects/P030')
    await user.click(await screen.findByRole('button', { name: '修改项目信息' }))
    const form = await screen.findByRole('form', { name: '修改项目信息' })
    const plan = within(form).getByLabelText('年度计划投资（万元）')
    await user.clear(plan)
    await user.type(plan, String(project.annualPlanWan + 5000))
    await user.click(within(form).getByRole('button', { name: '保存' }))
    const reason = await within(form).findByLabelText('调整原因（中期调整必填）')
    await waitFor(() => expect(reason).toHaveAccessibleDescription('调整年度计划投资（中期调整）须说明原因'))
    await user.type(reason, '区政府年中调整计划')
    await user.click(within(form).getByRole('button', { name: '保存' }))
    expect(await screen.findByRole('status')).toHaveTextContent('项目信息已保存')

    const kpi = await screen.findByText('年度计划投资（调整后）')
    const card = kpi.closest('.kpi')!
    // The adjusted and the original plan in one unit, whichever the page chose.
    const unit = card.textContent!.includes('亿元') ? 'yi' : 'wan'
    await waitFor(() => expect(card).toHaveTextContent(money(project.annualPlanWan + 5000, unit)))
    expect(card).toHaveTextContent(`中期调整：原计划${money(project.annualPlanWan, unit)}，区政府年中调整计划；完成率按调整后计划计算`)
    expect(await testApi.get<ProjectDetail>('/api/projects/P030')).toMatchObject({ annualPlanWan: project.annualPlanWan + 5000, version: 2 })
  })

  it('reads money as typed — full-width digits and grouping commas — and refuses 1e3 (decision 65)', async () => {
    const project = (await testApi.seededProjects()).find((r) => r.id === 'P030')!
    const { user } = renderApp('/projects/P030')
    await user.click(await screen.findByRole('button', { name: '修改项目信息' }))
    const form = await screen.findByRole('form', { name: '修改项目信息' })
    const total = within(form).getByLabelText('总投资（万元）')
    await user.clear(total)
    await user.type(total, '1e6')
    await user.click(within(form).getByRole('button', { name: '保存' }))
    await waitFor(() => expect(total).toHaveAccessibleDescription(/总投资请填写整数，不要用科学计数法/))
    expect((await testApi.get<ProjectDetail>('/api/projects/P030')).version).toBe(project.version)
    await user.clear(total)
    await user.type(total, ' １，２３４,５６７ ')
    await user.click(within(form).getByRole('button', { name: '保存' }))
    expect(await screen.findByRole('status')).toHaveTextContent('项目信息已保存')
    expect(await testApi.get<ProjectDetail>('/api/projects/P030')).toMatchObject({ totalInvestmentWan: 1_234_567, version: project.version + 1 })
  })

  it('retires a project with a reason: it leaves every list and figure, its page says why', async () => {
    const { user } = renderApp('/projects/P031')
    await user.click(await screen.findByRole('button', { name: '退出重点项目' }))
    const form = await screen.findByRole('form', { name: '退出重点项目' })
    await user.click(within(form).getByRole('button', { name: '确认退出' }))
    expect(within(form).getByLabelText('退出原因')).toHaveAccessibleDescription('请填写退出原因')
    await user.type(within(form).getByLabelText('退出原因'), '区政府发文调出清单')
    await user.click(within(form).getByRole('button', { name: '确认退出' }))
    expect(await screen.findByText(/已退出重点项目清单/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '修改项目信息' })).not.toBeInTheDocument()

    await user.click(within(screen.getByRole('navigation', { name: '主导航' })).getByRole('link', { name: '项目库' }))
    const seeded = (await testApi.seededProjects()).length
    expect(await screen.findByText(`共 ${seeded - 1} 个项目`)).toBeInTheDocument()
  })

  it('offers a leader nothing to edit', async () => {
    testApi.signInAs('leader')
    renderApp('/projects/P030')
    await screen.findByRole('table', { name: '各月月报' })
    expect(screen.queryByRole('button', { name: '修改项目信息' })).not.toBeInTheDocument()
  })
})

describe('新增项目', () => {
  it('checks every field in Chinese, then adds the project with the next 项目编号 and opens its page', async () => {
    const { user, router } = renderApp('/projects')
    await user.click(await screen.findByRole('button', { name: '新增项目' }))
    const form = await screen.findByRole('form', { name: '新增项目' })
    await user.click(within(form).getByRole('button', { name: '新增' }))
    expect(within(form).getByLabelText('所属片区')).toHaveAccessibleDescription('请选择所属片区')
    expect(within(form).getByLabelText('项目名称')).toHaveAccessibleDescription('请填写项目名称')
    expect(within(form).getByLabelText('总投资（万元）')).toHaveAccessibleDescription(/总投资应为数字/)
    await user.type(within(form).getByLabelText('项目名称'), '南岸区新增测试学校')
    await user.selectOptions(within(form).getByLabelText('所属片区'), 'nanshan')
    await user.selectOptions(within(form).getByLabelText('四个聚焦'), 'livelihood')
    await user.selectOptions(within(form).getByLabelText('投资类别'), 'government')
    await user.selectOptions(within(form).getByLabelText('建设性质'), 'new-start')
    await user.type(within(form).getByLabelText('业主单位'), '区教委')
    await user.type(within(form).getByLabelText('责任单位'), '区教委')
    await user.type(within(form).getByLabelText('总投资（万元）'), '30,000')
    await user.type(within(form).getByLabelText('年度计划投资（万元）'), '6000')
    await user.type(within(form).getByLabelText('计划开工日期'), '2024-11-01')
    await user.type(within(form).getByLabelText('计划竣工日期'), '2026-08-31')
    await user.click(within(form).getByRole('button', { name: '新增' }))
    expect(await screen.findByRole('heading', { level: 1, name: /南岸区新增测试学校/ })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/projects/P133')
    expect(await testApi.get<ProjectDetail>('/api/projects/P133')).toMatchObject({ totalInvestmentWan: 30000, annualPlanWan: 6000, simulated: false })
  })
})
