import { screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import type { MeResponse } from '@/contract'
import type { Report } from '@/contract/reports'
import { renderApp } from '../render'

/** The 业主单位 the demo owner account is bound to, and one of its projects that still reports. */
async function ownProject() {
  const unit = (await testApi.get<MeResponse>('/api/auth/me', 'owner')).user.ownerUnit!
  return (await testApi.seededProjects()).find((r) => r.ownerUnit === unit && r.actualCompletionDate === null && r.annualPlanWan > 1000)!
}

/** The owner submits October for a project and staff return it with a reason, through the API (other users than the page's). */
async function returnedReport(projectId: string, reason: string): Promise<Report> {
  const fields = { actualWan: 200, progressPercent: 100, progressText: '已完工', milestonesReached: [], problems: '', coordination: '', nextMonthPlan: '', progressDropReason: null, confirmOverrun: false, forecastYearWan: 1000, forecastCompletionDate: '2025-06-30', confidence: 'high' }
  const saved = (await testApi.send(`/api/projects/${projectId}/reports/2024-10`, { method: 'PUT', body: fields }, 'owner')).body as Report
  const submitted = (await testApi.send(`/api/projects/${projectId}/reports/2024-10/submit`, { method: 'POST', body: { version: saved.version } }, 'owner')).body as Report
  const returned = await testApi.send(`/api/projects/${projectId}/reports/2024-10/return`, { method: 'POST', body: { version: submitted.version, comment: reason } }, 'staff')
  if (returned.status !== 200) throw new Error(`returning: ${returned.status} ${JSON.stringify(returned.body)}`)
  return returned.body as Report
}

describe('待办 and 通知: everyone sees what they must do, and is told when it changes', () => {
  it('shows an owner its returned report with the reason first on its 待办, with a link to correct it', async () => {
    const project = await ownProject()
    await returnedReport(project.id, '请补充形象进度照片说明')
    testApi.signInAs('owner')
    renderApp('/todo')
    const table = await screen.findByRole('table', { name: '待报送的月报' })
    const first = within(table).getAllByRole('row')[1]!
    expect(within(first).getByRole('rowheader')).toHaveTextContent(project.name)
    expect(first).toHaveTextContent('已退回')
    expect(first).toHaveTextContent('请补充形象进度照片说明')
    // Days are counted from the server's day, in words (not a colour alone): October's deadline has passed.
    expect(first).toHaveTextContent(/2024年11月5日（已逾期\d+天）/)
    expect(within(first).getByRole('link', { name: `修改${project.name}2024年10月月报` })).toHaveAttribute('href', `/projects/${project.id}#reports`)
  })

  it('counts an owner’s unread notices in the header, lists them, and marks them read', async () => {
    const project = await ownProject()
    await returnedReport(project.id, '金额与台账不符')
    testApi.signInAs('owner')
    const { user } = renderApp('/notifications')
    const link = await screen.findByRole('link', { name: '通知（1条未读）' })
    expect(link).toHaveTextContent('1')
    const list = await screen.findByRole('list', { name: '通知列表' })
    const item = within(list).getAllByRole('listitem')[0]!
    expect(item).toHaveTextContent('月报退回')
    expect(item).toHaveTextContent(`「${project.name}」2024年10月月报被退回：金额与台账不符`)
    expect(within(item).getByRole('link', { name: /^查看：/ })).toHaveAttribute('href', `/projects/${project.id}#reports`)
    await user.click(screen.getByRole('button', { name: '全部标为已读' }))
    expect(await screen.findByText('没有未读通知')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('link', { name: '通知' })).toBeInTheDocument())
    // Another account was told nothing of it.
    expect(((await testApi.get<{ unread: number }>('/api/notifications', 'leader')).unread)).toBe(0)
  })

  it('shows staff the month to publish with its counts, and reminds every unit with reports missing in one action', async () => {
    testApi.signInAs('staff')
    const { user } = renderApp('/todo')
    await screen.findByRole('heading', { name: '待发布：2024年10月' })
    expect(screen.getByText(/^应报 \d+ 个：已审核 \d+，待审核 \d+，退回 \d+，草稿 \d+，未填报 \d+。$/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: '去审核与发布2024年10月' })).toHaveAttribute('href', '/reports?month=2024-10')
    await user.click(screen.getByRole('button', { name: '催报2024年10月月报' }))
    const form = screen.getByRole('form', { name: '催报2024年10月月报' })
    await user.type(within(form).getByLabelText('附言（选填，最多 200 字）'), '请于周五前报送')
    await user.click(within(form).getByRole('button', { name: '通知所有未报单位' }))
    expect(await screen.findByText(/^已催报\d+个单位（\d+个项目）。$/)).toBeInTheDocument()
    const owner = await testApi.get<{ items: { kind: string; text: string }[] }>('/api/notifications', 'owner')
    expect(owner.items[0]).toMatchObject({ kind: 'reminder', text: expect.stringMatching(/^发改委催报：2024年10月月报截止日2024年11月5日，本单位还有\d+个项目未提交。请于周五前报送$/) })
  })
})
