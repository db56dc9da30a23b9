import { screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import { monthOf } from '@/domain/rules'
import { REPORT_PLAN_YEAR, type ProjectDetail, type ProjectList, type Summary, type ZoneDetail } from '@/contract'
import { money, moneyUnitFor } from '@/lib/format'
import { currentUrl, renderApp } from '../render'

// Figures a leader can trust at a glance: one judgement, one unit, stale shown as stale, honest links.

const detailAt = (id: string, month: number) => testApi.get<ProjectDetail>(`/api/projects/${id}?asOf=2024-${String(month).padStart(2, '0')}`)

describe('stale is stale', () => {
  it('a project that missed the as-of month shows which month its figures are from', async () => {
    const notReported = await testApi.get<ProjectList>('/api/projects?asOf=2024-09&status=not-reported&sort=id&order=asc&pageSize=200')
    const record = notReported.items.find((i) => i.status.lastReportMonth !== null)!
    const { status } = await detailAt(record.id, 9)
    expect(status.lagClass).toBe('not-reported')
    expect(status.lastReportMonth).not.toBeNull()
    renderApp(`/projects/${record.id}`)
    await screen.findByRole('heading', { level: 1, name: new RegExp(record.name) })
    const label = `截至${status.lastReportMonth}月累计，`
    expect(screen.getAllByText(new RegExp(label)).length).toBeGreaterThan(0)
    // Never labelled as the as-of month's own 1-9月 figure.
    expect(screen.queryByText(/1-9月累计完成投资/)).toBeNull()
  })

  it('months after a project’s completion read 已完工, not 未报送', async () => {
    const record = (await testApi.seededProjects()).find((r) => {
      if (!r.actualCompletionDate) return false
      const done = monthOf(r.actualCompletionDate, REPORT_PLAN_YEAR)
      return done < 9 && r.monthlyActualWan[8] === null
    })!
    const { user } = renderApp(`/projects/${record.id}`)
    await user.click(await screen.findByText('查看逐月数据表'))
    const table = screen.getByRole('table', { name: '逐月计划与完成（万元）' })
    const september = within(table).getByRole('rowheader', { name: '9月' }).closest('tr')!
    expect(september).toHaveTextContent('已完工')
    expect(within(table).queryByText('未报送')).toBeNull()
  })
})

describe('one unit per group of figures', () => {
  it('a zone page’s cards share one unit, and its 滞后项目 shortfall is the /delayed total it links to', async () => {
    const zone = await testApi.get<ZoneDetail>('/api/zones/gy-island?asOf=2024-09')
    const unit = moneyUnitFor(zone.totalInvestmentWan, zone.annualPlanWan, zone.cumulativeActualWan)
    const sentenceUnit = moneyUnitFor(zone.cumulativeActualWan, zone.delayedShortfallWan)
    const { user, router } = renderApp('/zones/gy-island')
    const cards = await screen.findByLabelText(`${zone.name}主要指标`)
    expect(cards).toHaveTextContent(money(zone.annualPlanWan, unit))
    expect(cards).toHaveTextContent(money(zone.cumulativeActualWan, unit))
    expect(cards.textContent).not.toMatch(unit === 'yi' ? /万元/ : /亿元/)
    // 广阳岛 has projects on the 滞后 list at 1-9月 and others only slightly behind: the two sums differ.
    expect(zone.delayedShortfallWan).toBeGreaterThan(0)
    expect(zone.shortfallWan).toBeGreaterThan(zone.delayedShortfallWan)
    // A project short of pace but inside the 正常 band: its gap is green, beside its green badge — never red.
    const gapsTable = screen.getByRole('table', { name: `${zone.name}欠序时进度的项目` })
    const slight = zone.shortfallProjects.findIndex((i) => i.status.lagClass === 'slightly-behind')
    expect(slight).toBeGreaterThanOrEqual(0)
    const gapCell = within(gapsTable).getAllByRole('row')[slight + 1]!.querySelectorAll('td')[1]!
    expect(gapCell.className.split(' ')).toContain('pos')
    expect(gapCell.textContent).toMatch(/^−/)
    {
      const headline = screen.getByText(/合计欠序时进度/).closest('p')!
      expect(headline).toHaveTextContent(`滞后项目合计欠序时进度${money(zone.delayedShortfallWan, sentenceUnit)}`)
      expect(headline).toHaveTextContent(`完成投资${money(zone.cumulativeActualWan, sentenceUnit)}`)
      await user.click(within(headline).getByRole('link', { name: '滞后项目' }))
      await waitFor(() => expect(currentUrl(router)).toBe('/delayed?zone=gy-island'))
      // A new page and its list load (allow for a busy machine); then its totals line.
      await screen.findByRole('table', { name: '滞后项目清单' }, { timeout: 5000 })
      const totals = screen.getByText(/^共 \d+ 个项目$/).closest('p')!
      await waitFor(() => expect(totals).toHaveTextContent(/合计欠序时进度/), { timeout: 5000 })
      const listUnit = totals.textContent!.includes('亿元') ? 'yi' : 'wan'
      expect(totals).toHaveTextContent(`合计欠序时进度 ${money(zone.delayedShortfallWan, listUnit)}`)
    }
  })

  it('the overview leads with the judgement: 完成率 and 滞后 are the first cards', async () => {
    renderApp('/')
    const cards = await screen.findByLabelText('主要指标')
    const labels = within(cards).getAllByRole('term').map((t) => t.textContent)
    expect(labels.slice(0, 2)).toEqual(['投资完成率', '滞后 / 严重滞后'])
    expect(labels.indexOf('总投资')).toBeGreaterThan(labels.indexOf('投资完成率'))
  })

  it('the most-behind list shows each project’s completion rate and gap right after its name, gap coloured by its band', async () => {
    renderApp('/')
    const table = await screen.findByRole('table', { name: '欠序时进度最多的项目' })
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers.slice(0, 4)).toEqual(['项目', '完成率', '较序时（个百分点）', '欠序时进度（万元）'])
    const summary = await testApi.get<Summary>('/api/summary?asOf=2024-09')
    // Each gap takes its project's own band colour (a 正常-band gap was painted red before).
    const expectedClass = { red: 'neg', yellow: 'warn', green: 'pos' } as const
    summary.mostBehind.forEach((item, i) => {
      const cell = within(table).getAllByRole('row')[i + 1]!.querySelectorAll('td')[1]!
      const classes = cell.className.split(' ')
      if (item.status.severity === 'grey') expect(classes, item.name).not.toEqual(expect.arrayContaining(['neg']))
      else expect(classes, item.name).toContain(expectedClass[item.status.severity])
    })
  })
})

describe('charts a screen reader can read', () => {
  it('the overview’s charts are named, the monthly one with the figures it shows against the 序时 line', async () => {
    renderApp('/')
    await screen.findByTestId('headline')
    const summary = await testApi.get<Summary>('/api/summary?asOf=2024-09')
    expect(screen.getByRole('img', { name: /各片区年度计划与1-9月累计完成投资对比柱状图/ })).toBeInTheDocument()
    const monthly = screen.getByRole('img', { name: /2024年全区逐月计划与完成投资图/ })
    expect(monthly).toHaveAccessibleName(expect.stringContaining(`截至9月累计完成${money(summary.cumulativeActualWan, 'yi')}`))
    expect(monthly).toHaveAccessibleName(expect.stringContaining(`序时进度线${money(Math.round(summary.annualPlanWan * 0.75), 'yi')}`))
  })
})

describe('links that say what they dropped', () => {
  it('a lower-case project id opens the project', async () => {
    const { router } = renderApp('/projects/p025?asOf=2024-06')
    await waitFor(() => expect(currentUrl(router)).toBe('/projects/P025?asOf=2024-06'))
    expect(await screen.findByRole('heading', { level: 1, name: new RegExp((await detailAt('P025', 6)).name) })).toBeInTheDocument()
  })

  it('an id no project can have is “not found”, not a load failure', async () => {
    renderApp('/projects/xyz')
    expect(await screen.findByRole('alert')).toHaveTextContent('未找到该项目')
  })

  it('an invalid as-of month is dropped from the link, and the reader is told', async () => {
    const { router } = renderApp('/?asOf=2024-13')
    expect(await screen.findByText('链接中的截至月份“2024-13”无效、不在本系统的计划年度或尚未开始，已改为显示最新已审核月份。')).toBeInTheDocument()
    await waitFor(() => expect(currentUrl(router)).toBe('/'))
    expect(await screen.findByTestId('headline')).toHaveTextContent('1-9月')
    expect(screen.getByText(/截至月份“2024-13”无效/)).toBeInTheDocument()
  })

  it("a month of another year than the deployment's plan year is dropped the same way", async () => {
    const { router } = renderApp('/projects?asOf=2023-06&zone=nanping')
    expect(await screen.findByText(/截至月份“2023-06”无效、不在本系统的计划年度/)).toBeInTheDocument()
    await waitFor(() => expect(currentUrl(router)).toBe('/projects?zone=nanping'))
    expect(screen.getByRole('combobox', { name: '截至月份' })).toHaveDisplayValue(`${REPORT_PLAN_YEAR}年1-9月`)
  })

  it('an as-of month after the latest approved one says what that means', async () => {
    renderApp('/?asOf=2024-11')
    expect(await screen.findByText(/截至11月晚于最新已审核月份（9月）/)).toBeInTheDocument()
  })

  it('an empty result offers no export of nothing', async () => {
    renderApp('/projects?q=不存在的项目名称xyz')
    expect(await screen.findByText('没有符合条件的项目。', { exact: false })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /导出 CSV/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /打印全部/ })).toBeNull()
  })
})

describe('lists that print', () => {
  it('打印全部 lays out every project of the filtered list with a title, the month and the filters', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    const { user } = renderApp('/delayed?zone=nanping')
    const expected = await testApi.get<ProjectList>('/api/projects?asOf=2024-09&zone=nanping&status=severe,lagging,not-started,not-reported&sort=shortfall&order=desc&pageSize=200')
    await user.click(await screen.findByRole('button', { name: `打印全部（${expected.total} 个项目）` }))
    const sheet = await screen.findByTestId('print-full')
    await waitFor(() => expect(print).toHaveBeenCalled())
    expect(within(sheet).getByRole('heading', { name: '南岸区重点项目滞后项目清单' })).toBeInTheDocument()
    expect(sheet).toHaveTextContent('数据截至2024年1-9月')
    expect(sheet).toHaveTextContent('片区：南坪')
    expect(sheet).toHaveTextContent('排序：欠序时进度（从大到小）')
    const rows = within(within(sheet).getByRole('table')).getAllByRole('row').slice(1)
    const totals = rows.pop()!
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(expected.items.map((i) => `${i.name}${i.id}`))
    // It ends with the totals the screen shows: the count, each sum under its column (万元 with thousands separators).
    expect(within(totals).getByRole('rowheader')).toHaveTextContent(`合计（全部 ${expected.total} 个项目）`)
    const cells = within(totals).getAllByRole('cell').map((c) => c.textContent)
    expect(cells).toContain(expected.totals.shortfallWan.toLocaleString('en-US'))
    expect(cells).toContain(`${(expected.totals.completionRate! * 100).toFixed(2)}%`)
    print.mockRestore()
  })
})
