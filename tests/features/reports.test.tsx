import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import type { MeResponse, ProjectDetail } from '@/contract'
import type { Report, ReportList } from '@/contract/reports'
import { renderApp } from '../render'
import { previousProgressPercent } from '@/domain/monthly-report'

/** The 业主单位 the demo owner account is bound to. */
const ownerUnit = async () => (await testApi.get<MeResponse>('/api/auth/me', 'owner')).user.ownerUnit!

/** The demo owner's projects that still report (not completed). */
async function ownProjects() {
  const unit = await ownerUnit()
  return (await testApi.seededProjects()).filter((r) => r.ownerUnit === unit && r.actualCompletionDate === null && r.annualPlanWan > 1000)
}

/** A project as the API now has it. */
const projectNow = (id: string) => testApi.get<ProjectDetail>(`/api/projects/${id}`)
/** A project's report of a month as the API now has it (null: none). */
const reportNow = async (projectId: string, month: string) =>
  (await testApi.get<ReportList>(`/api/projects/${projectId}/reports`)).items.find((r) => r.month === month) ?? null

const reportsTable = () => screen.getByRole('table', { name: '各月月报' })
const rowOfMonth = (m: number) => within(reportsTable()).getByRole('rowheader', { name: `${m}月` }).closest('tr')!

/** Put a report in a state through the API, as the demo owner (another user than the page's) would have. */
async function putReport(projectId: string, month: string, status: 'draft' | 'submitted', actualWan = 200, rise = 0): Promise<Report> {
  // 形象进度 as before (plus `rise` points): a rise of more than 30 is 需核实 (decision 74).
  const record = (await testApi.seededProjects()).find((r) => r.id === projectId)!
  const progressPercent = Math.min(100, (previousProgressPercent(record, Number(month.slice(5))) ?? 50) + rise)
  const fields = {
    actualWan,
    progressPercent,
    progressText: '主体施工',
    milestonesReached: [],
    problems: '',
    coordination: '',
    nextMonthPlan: '',
    progressDropReason: null,
    confirmOverrun: false,
    forecastYearWan: 5000,
    forecastCompletionDate: '2025-06-30',
    confidence: 'fairly-high',
  }
  const before = await reportNow(projectId, month)
  const saved = await testApi.send(`/api/projects/${projectId}/reports/${month}`, { method: 'PUT', body: { ...fields, ...(before ? { version: before.version } : {}) } }, 'owner')
  if (saved.status !== 200 && saved.status !== 201) throw new Error(`saving ${projectId} ${month}: ${saved.status} ${JSON.stringify(saved.body)}`)
  let report = saved.body as Report
  if (status === 'submitted') {
    const submitted = await testApi.send(`/api/projects/${projectId}/reports/${month}/submit`, { method: 'POST', body: { version: report.version } }, 'owner')
    if (submitted.status !== 200) throw new Error(`submitting ${projectId} ${month}: ${submitted.status} ${JSON.stringify(submitted.body)}`)
    report = submitted.body as Report
  }
  return report
}

describe('月报: an owner unit reports a month', () => {
  it('fills in October, is told in Chinese what is missing, submits, and sees it awaiting review', async () => {
    testApi.signInAs('owner')
    const project = (await ownProjects())[0]!
    const { user } = renderApp(`/projects/${project.id}`)
    await screen.findByRole('table', { name: '各月月报' })
    // September's simulated figures are there, approved; October is not.
    expect(rowOfMonth(9)).toHaveTextContent('已通过')
    expect(within(reportsTable()).queryByRole('rowheader', { name: '10月' })).not.toBeInTheDocument()

    await user.selectOptions(screen.getByRole('combobox', { name: '填报月份' }), '2024-10')
    await user.click(screen.getByRole('button', { name: '填报10月月报' }))
    const form = await screen.findByRole('form', { name: '2024年10月月报' })
    // September is published: the form says where a late September amount goes.
    expect(within(form).getByText('9月已发布，不能再报送；9月未按时报送的完成投资请计入本月（10月）的当月完成投资。')).toBeInTheDocument()
    await user.click(within(form).getByRole('button', { name: '提交审核' }))
    const amount = within(form).getByLabelText('当月完成投资（万元）')
    await waitFor(() => expect(amount).toHaveAccessibleDescription(/请填写当月完成投资/))
    expect(within(form).getByLabelText('形象进度描述')).toHaveAccessibleDescription(/请填写形象进度描述/)
    // From 6月 the forecast is part of the report: the summary lists it with the rest.
    expect(within(form).getByLabelText('全年预计完成投资（万元）')).toHaveAccessibleDescription(/请填写全年预计完成投资/)
    expect(within(form).getByLabelText('完成信心')).toHaveAccessibleDescription(/请选择完成信心/)
    expect(within(form).getByRole('link', { name: /完成信心：请选择完成信心/ })).toBeInTheDocument()

    await user.type(within(form).getByLabelText('全年预计完成投资（万元）'), '9,000')
    await user.selectOptions(within(form).getByLabelText('完成信心'), '较低')
    // The level in words beside the select, with its colour as a swatch.
    expect(within(form).getByText('较低', { selector: '.confidence-tag' }).querySelector('.confidence-amber-red')).not.toBeNull()
    const completion = within(form).queryByLabelText('预计完工日期')
    if (completion) await user.type(completion, '2025-06-30')
    await user.click(within(form).getByRole('button', { name: '提交审核' }))
    // 较低 needs its reason.
    await waitFor(() => expect(within(form).getByLabelText('信心说明')).toHaveAccessibleDescription(/完成信心为“较低”时，请用一句话说明原因/))
    await user.type(within(form).getByLabelText('信心说明'), '征地拆迁尚有 2 户未签约')

    await user.type(amount, '1,250')
    await user.type(within(form).getByLabelText('形象进度（%）'), String(previousProgressPercent(project, 10) ?? 50))
    await user.type(within(form).getByLabelText('形象进度描述'), '主体完工，进入验收')
    await user.click(within(form).getByRole('button', { name: '添加节点' }))
    await user.type(within(form).getByLabelText('节点 1 名称'), '主体完工')
    await user.type(within(form).getByLabelText('节点 1 完成日期'), '2024-10-18')
    await user.type(within(form).getByLabelText('存在问题'), '附属工程用地手续未办结')
    await user.click(within(form).getByRole('button', { name: '提交审核' }))

    expect(await screen.findByRole('status')).toHaveTextContent('2024年10月月报已提交，等待发改委审核')
    await waitFor(() => expect(rowOfMonth(10)).toHaveTextContent('待审核'))
    expect(rowOfMonth(10)).toHaveTextContent('1,250')
    // The owner cannot change what awaits review, and the dashboard still ends at September.
    expect(within(rowOfMonth(10)).queryByRole('button', { name: '修改10月' })).not.toBeInTheDocument()
    expect(await reportNow(project.id, '2024-10')).toMatchObject({
      status: 'submitted',
      actualWan: 1250,
      milestonesReached: [{ name: '主体完工', date: '2024-10-18' }],
      forecastYearWan: 9000,
      confidence: 'fairly-low',
      confidenceReason: '征地拆迁尚有 2 户未签约',
    })
    expect(rowOfMonth(10)).toHaveTextContent('9,000')
    expect(rowOfMonth(10)).toHaveTextContent('较低')
    expect((await projectNow(project.id)).monthlyActualWan[9]).toBeNull()

    // In the lists October is not counted yet, but the project is not shown as simply missing either
    // (October is not published: the staff's view of it; the owner reads published months only).
    cleanup()
    testApi.signInAs('staff')
    renderApp(`/projects?asOf=2024-10&q=${project.id}`)
    const row = (await screen.findByRole('rowheader', { name: new RegExp(project.name) })).closest('tr')!
    expect(row).toHaveTextContent('未报送')
    expect(row).toHaveTextContent('月报待审核')
  })

  it('saves a half-filled draft (保存草稿); 提交审核 then names what is missing; 1e3 is refused, not read as 1000 (decision 65)', async () => {
    testApi.signInAs('owner')
    const project = (await ownProjects())[1]!
    const { user } = renderApp(`/projects/${project.id}`)
    await screen.findByRole('table', { name: '各月月报' })
    await user.selectOptions(screen.getByRole('combobox', { name: '填报月份' }), '2024-10')
    await user.click(screen.getByRole('button', { name: '填报10月月报' }))
    let form = await screen.findByRole('form', { name: '2024年10月月报' })

    // An exponent is not a number the form takes, even in a draft: nothing is saved.
    const amount = within(form).getByLabelText('当月完成投资（万元）')
    await user.type(amount, '1e3')
    await user.click(within(form).getByRole('button', { name: '保存草稿' }))
    await waitFor(() => expect(amount).toHaveAccessibleDescription(/当月完成投资请填写整数，不要用科学计数法/))
    expect(await reportNow(project.id, '2024-10')).toBeNull()

    // Half filled in (the amount, full-width, and a problem): the draft saves.
    await user.clear(amount)
    await user.type(amount, '８５０')
    await user.type(within(form).getByLabelText('存在问题'), '设计变更待批复')
    await user.click(within(form).getByRole('button', { name: '保存草稿' }))
    expect(await screen.findByRole('status')).toHaveTextContent('2024年10月月报已保存为草稿（第 1 版）')
    await waitFor(() => expect(rowOfMonth(10)).toHaveTextContent('草稿'))
    expect(rowOfMonth(10)).toHaveTextContent('850')
    expect(await reportNow(project.id, '2024-10')).toMatchObject({ status: 'draft', actualWan: 850, progressPercent: null, progressText: '', problems: '设计变更待批复' })

    // Opened again and submitted as it is: the missing fields are named beside them, and it stays a draft.
    await user.click(within(rowOfMonth(10)).getByRole('button', { name: '修改10月' }))
    form = await screen.findByRole('form', { name: '2024年10月月报' })
    expect(within(form).getByLabelText('当月完成投资（万元）')).toHaveValue('850')
    await user.click(within(form).getByRole('button', { name: '提交审核' }))
    expect(await within(form).findByRole('alert')).toHaveTextContent('月报尚未填写完整，不能提交：请填写形象进度（%）、形象进度描述')
    expect(within(form).getByLabelText('形象进度（%）')).toHaveAccessibleDescription(/请填写形象进度（%）/)
    expect(within(form).getByLabelText('形象进度描述')).toHaveAccessibleDescription(/请填写形象进度描述/)
    expect(await reportNow(project.id, '2024-10')).toMatchObject({ status: 'draft', version: 1 })
  })

  it('shows what changed when someone else saved first, and re-applies on request', async () => {
    testApi.signInAs('owner')
    const project = (await ownProjects())[1]!
    await putReport(project.id, '2024-10', 'draft', 300)
    const { user } = renderApp(`/projects/${project.id}`)
    await screen.findByRole('table', { name: '各月月报' })
    await user.click(within(rowOfMonth(10)).getByRole('button', { name: '修改10月' }))
    const form = await screen.findByRole('form', { name: '2024年10月月报' })
    // Meanwhile a colleague of the same unit saves version 2.
    await putReport(project.id, '2024-10', 'draft', 450)
    const amount = within(form).getByLabelText('当月完成投资（万元）')
    await user.clear(amount)
    await user.type(amount, '320')
    await user.click(within(form).getByRole('button', { name: '保存草稿' }))

    const conflict = await within(form).findByRole('alert')
    expect(conflict).toHaveTextContent('月报已被他人修改')
    const compare = within(conflict).getByRole('table', { name: '当前内容与您的修改' })
    expect(within(compare).getByRole('rowheader', { name: '当月完成投资（万元）' }).closest('tr')).toHaveTextContent(/450.*320/)
    expect((await reportNow(project.id, '2024-10'))!.actualWan).toBe(450)

    await user.click(within(conflict).getByRole('button', { name: '以我的修改覆盖当前内容' }))
    expect(await screen.findByRole('status')).toHaveTextContent('已保存为草稿（第 3 版）')
    expect(await reportNow(project.id, '2024-10')).toMatchObject({ actualWan: 320, version: 3 })
  })
})

describe('月报: the commission reviews', () => {
  it('returns a report only with a reason, approves another; the dashboard stays on 1-9月 until October is published', async () => {
    const [first, second] = await ownProjects()
    await putReport(first!.id, '2024-10', 'submitted', 500)
    await putReport(second!.id, '2024-10', 'submitted', 700)
    const { user } = renderApp(`/projects/${first!.id}`)
    await screen.findByRole('table', { name: '各月月报' })
    expect(screen.getByRole('combobox', { name: '截至月份' })).toHaveDisplayValue('2024年1-9月')
    // Staff review; they do not fill in.
    expect(screen.queryByRole('button', { name: /填报/ })).not.toBeInTheDocument()
    await user.click(within(rowOfMonth(10)).getByRole('button', { name: '审核10月' }))
    await user.click(await screen.findByRole('button', { name: '退回' }))
    expect(await screen.findByLabelText('退回原因（退回时必填）')).toHaveAccessibleDescription('请填写退回原因')
    await user.type(screen.getByLabelText('退回原因（退回时必填）'), '完成投资与形象进度不符')
    await user.click(screen.getByRole('button', { name: '退回' }))
    expect(await screen.findByRole('status')).toHaveTextContent('10月月报已退回业主单位')
    await waitFor(() => expect(rowOfMonth(10)).toHaveTextContent('已退回'))
    expect((await reportNow(first!.id, '2024-10'))!.returnComment).toBe('完成投资与形象进度不符')

    await user.click(screen.getByRole('link', { name: '月报' }))
    await screen.findByRole('heading', { name: '2024年10月月报报送与审核' })
    const items = await screen.findByRole('table', { name: '各项目本月月报' })
    await user.click(within(items).getByRole('checkbox', { name: `选择 ${second!.name}` }))
    await user.click(screen.getByRole('button', { name: '审核通过所选（1）' }))
    expect(await screen.findByText(/已审核通过 1 份月报/)).toBeInTheDocument()
    // Approved: October's figures count it, but the default month stays September until October is published (decision 63).
    expect((await testApi.get<ProjectDetail>(`/api/projects/${second!.id}?asOf=2024-10`)).monthlyActualWan[9]).toBe(700)
    // The 月报 page has its own month; the figures' as-of month is on the overview.
    expect(screen.queryByRole('combobox', { name: '截至月份' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: '总览' }))
    expect(await screen.findByTestId('headline')).toHaveTextContent('2024年1-9月')
    // The staff may look at October, marked 未发布.
    expect(screen.getByRole('combobox', { name: '截至月份' })).toHaveDisplayValue('2024年1-9月')
    await user.selectOptions(screen.getByRole('combobox', { name: '截至月份' }), '2024年1-10月（未发布）')
    expect(await screen.findByText(/数据截至2024年1-10月（未发布）/)).toBeInTheDocument()
  })

  it('shows a report flagged 需核实 first with its reason, approves it only with a confirming comment, and takes the commission’s rating', async () => {
    const [first, second] = await ownProjects()
    const record = (await testApi.seededProjects()).find((r) => r.id === first!.id)!
    const previous = previousProgressPercent(record, 10) ?? 50
    await putReport(first!.id, '2024-10', 'submitted', 100, 35)
    await putReport(second!.id, '2024-10', 'submitted', 100)
    renderApp('/reports?month=2024-10')
    const items = await screen.findByRole('table', { name: '各项目本月月报' })
    // Flagged first, with the reason; never in a batch approval.
    const firstRow = within(items).getAllByRole('row')[1]!
    expect(firstRow).toHaveTextContent(first!.name)
    expect(firstRow).toHaveTextContent('需核实')
    expect(firstRow).toHaveTextContent(`形象进度由 ${previous}% 升至`)
    expect(within(items).queryByRole('checkbox', { name: `选择 ${first!.name}` })).not.toBeInTheDocument()
    expect(within(items).getByRole('checkbox', { name: `选择 ${second!.name}` })).toBeInTheDocument()

    cleanup()
    const page = renderApp(`/projects/${first!.id}`)
    await screen.findByRole('table', { name: '各月月报' })
    expect(rowOfMonth(10)).toHaveTextContent('需核实')
    await page.user.click(within(rowOfMonth(10)).getByRole('button', { name: '审核10月' }))
    await waitFor(() => expect(screen.getAllByRole('note').some((n) => /需核实：.*一个月上升 35 个百分点/.test(n.textContent ?? ''))).toBe(true))
    // The owner's forecast and confidence are there for the reviewer.
    expect(screen.getByText('完成信心（业主单位）').closest('div')).toHaveTextContent('较高')
    await page.user.click(screen.getByRole('button', { name: '审核通过' }))
    const comment = await screen.findByLabelText('审核意见（需核实：审核通过须填写确认意见，退回须填写原因）')
    expect(comment).toHaveAccessibleDescription('请填写确认意见：已核实的情况')
    expect((await reportNow(first!.id, '2024-10'))!.status).toBe('submitted')

    // The commission's own rating, with its reason.
    await page.user.selectOptions(screen.getByLabelText('发改委评定的完成信心'), '低')
    await page.user.type(screen.getByLabelText('评定理由'), '征地未完成，全年难以达到预计')
    await page.user.click(screen.getByRole('button', { name: '保存评定' }))
    expect(await screen.findByText('已保存发改委评定：完成信心低')).toBeInTheDocument()
    expect(await reportNow(first!.id, '2024-10')).toMatchObject({ confidence: 'fairly-high', commissionConfidence: 'low', commissionConfidenceReason: '征地未完成，全年难以达到预计' })

    await page.user.type(comment, '已电话核实，监理确认')
    await page.user.click(screen.getByRole('button', { name: '审核通过' }))
    expect(await screen.findByText('10月月报已审核通过，已计入统计')).toBeInTheDocument()
    expect((await reportNow(first!.id, '2024-10'))!.status).toBe('approved')
  })

  it('publishes the oldest open month after a confirmation dialog that says what is missing; every reader moves to 1-10月', async () => {
    const [first, second] = await ownProjects()
    await putReport(first!.id, '2024-10', 'submitted', 500)
    await putReport(second!.id, '2024-10', 'submitted', 700)
    const approved = await testApi.send(`/api/projects/${second!.id}/reports/2024-10/approve`, { method: 'POST', body: { version: 2 } }, 'staff')
    expect(approved.status).toBe(200)
    const queue = await testApi.get<{ items: { state: string }[] }>('/api/reports?month=2024-10')
    const count = (state: string) => queue.items.filter((i) => i.state === state).length
    const { user } = renderApp('/reports')
    await screen.findByRole('heading', { name: '2024年10月月报报送与审核' })
    const publish = await screen.findByRole('button', { name: '发布10月' })

    // Cancelling (Escape) publishes nothing and gives the focus back.
    await user.click(publish)
    const dialog = await screen.findByRole('dialog', { name: '发布2024年10月' })
    expect(within(dialog).getByRole('button', { name: '取消' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(publish).toHaveFocus()

    // The dialog says what is in and what is missing, then publishes with the keyboard alone.
    await user.keyboard('{Enter}')
    const again = await screen.findByRole('dialog', { name: '发布2024年10月' })
    await waitFor(() =>
      expect(again).toHaveAccessibleDescription(
        expect.stringContaining(`10月：已审核 ${count('approved')}/${queue.items.length}，待审核 ${count('submitted')}，退回 ${count('returned')}，未报送 ${count('missing') + count('draft')}；发布后未报送的项目按未报送计`),
      ),
    )
    await user.type(within(again).getByLabelText('发布说明（可选）'), '10月月报发布')
    await user.tab()
    expect(within(again).getByRole('button', { name: '确认发布' })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(await screen.findByText('已发布2024年10月：各角色默认查看2024年1-10月的数据')).toBeInTheDocument()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    // The next month is the one to publish now.
    expect(await screen.findByRole('button', { name: '发布11月' })).toBeInTheDocument()

    // Every reader's default is now October; October's reports are closed.
    for (const reader of ['leader', 'reviewer', 'owner', 'staff'] as const) {
      expect((await testApi.get<{ asOfMonth: number; published: boolean }>('/api/summary', reader)), reader).toMatchObject({ asOfMonth: 10, published: true })
    }
    const late = await testApi.send(`/api/projects/${first!.id}/reports/2024-10/approve`, { method: 'POST', body: { version: 2 } }, 'staff')
    expect(late.status).toBe(409)
    await user.click(screen.getByRole('link', { name: '总览' }))
    expect(await screen.findByTestId('headline')).toHaveTextContent('2024年1-10月')
  })

  it('counts the month by unit, with what is overdue, for staff and for the owner’s own queue', async () => {
    const [first] = await ownProjects()
    await putReport(first!.id, '2024-10', 'submitted', 500)
    renderApp('/reports?month=2024-10')
    const byUnit = await screen.findByRole('table', { name: '按业主单位统计的报送情况' })
    const unit = await ownerUnit()
    const row = within(byUnit).getByRole('rowheader', { name: unit }).closest('tr')!
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent)
    const own = (await testApi.seededProjects()).filter((r) => r.ownerUnit === unit && (r.actualCompletionDate === null || r.actualCompletionDate >= '2024-10-01'))
    // 应报, 逾期 (every one not approved: the deadline, 2024-11-05, has passed), then 待审核 1.
    expect(cells[0]).toBe(String(own.length))
    expect(cells[1]).toBe(String(own.length))
    expect(cells[2]).toBe('1')
    expect(screen.getByText(/报送截止 2024年11月5日（已过截止日/)).toBeInTheDocument()

    // The owner unit's own queue: its projects only, nothing to approve.
    cleanup()
    testApi.signInAs('owner')
    renderApp('/reports?month=2024-10')
    const ownTable = await screen.findByRole('table', { name: '按业主单位统计的报送情况' })
    expect(within(ownTable).getAllByRole('rowheader').map((h) => h.textContent)).toEqual([unit])
    expect(screen.queryByRole('button', { name: /审核通过所选/ })).not.toBeInTheDocument()
  })

  it('shows a leader the reports, with nothing to fill in or approve', async () => {
    testApi.signInAs('leader')
    const project = (await ownProjects())[0]!
    await putReport(project.id, '2024-10', 'submitted', 500)
    const { user } = renderApp(`/projects/${project.id}`)
    await screen.findByRole('table', { name: '各月月报' })
    expect(within(rowOfMonth(10)).queryByRole('button', { name: '审核10月' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /填报/ })).not.toBeInTheDocument()
    await user.click(within(rowOfMonth(10)).getByRole('button', { name: '查看10月' }))
    expect(await screen.findByRole('heading', { name: '10月月报' })).toHaveFocus()
  })

  it('keeps who did what in the project’s 修改记录 and the system-wide one, filtered by link', async () => {
    const project = (await ownProjects())[0]!
    await putReport(project.id, '2024-10', 'submitted', 500)
    const { user } = renderApp(`/projects/${project.id}`)
    await screen.findByRole('table', { name: '各月月报' })
    await user.click(within(rowOfMonth(10)).getByRole('button', { name: '审核10月' }))
    await user.type(await screen.findByLabelText('退回原因（退回时必填）'), '请补充节点日期')
    await user.click(screen.getByRole('button', { name: '退回' }))
    const history = await screen.findByRole('table', { name: '本项目的修改记录' })
    const row = await within(history).findByRole('cell', { name: '退回月报' })
    // The person and their unit, the login name beside it.
    const actor = within(row.closest('tr')!).getAllByRole('cell')[0]!
    expect(actor).toHaveTextContent(/^陈立新（演示）（区发改委）账户 staff$/)
    expect(row.closest('tr')).toHaveTextContent('2024年10月月报')
    expect(row.closest('tr')).toHaveTextContent('状态：待审核 → 已退回')
    expect(row.closest('tr')).toHaveTextContent('请补充节点日期')

    cleanup()
    renderApp(`/history?action=report.return&projectId=${project.id}&month=bad`)
    const all = await screen.findByRole('table', { name: '修改记录' })
    expect(within(all).getAllByRole('row')).toHaveLength(2)
    expect(within(all).getByRole('link', { name: project.id })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('链接中的筛选条件无效，已忽略：bad')
  })
})
