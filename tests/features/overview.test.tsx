import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { server, testApi } from '../support/api'
import type { Summary } from '@/contract'
import { SIMULATED_NOTICE } from '@/domain/provenance'
import { percent } from '@/lib/format'
import { currentUrl, renderApp } from '../render'

describe('总览 (overview)', () => {
  it('shows the report figures and how far the district is behind 序时进度', async () => {
    renderApp('/')
    const kpis = await screen.findByLabelText('主要指标')
    expect(within(kpis).getByText('132个')).toBeInTheDocument()
    // The report's totals in the report's words and precision.
    expect(within(kpis).getByText('约2391亿元')).toBeInTheDocument()
    expect(within(kpis).getByText('约277.08亿元')).toBeInTheDocument()

    const expected = (await testApi.get<Summary>('/api/summary?asOf=2024-09'))
    const headline = screen.getByTestId('headline')
    expect(headline).toHaveTextContent('2024年1-9月')
    expect(headline).toHaveTextContent(percent(expected.completionRate))
    expect(headline).toHaveTextContent(`低于序时进度${Math.abs(expected.gapPoints!).toFixed(2)}个百分点`)
    // Inside the 正常 band (not below −10 points): the same green as a 正常 badge, never a warning colour.
    expect(expected.gapPoints).toBeGreaterThanOrEqual(-10)
    expect(within(headline).getByText(/低于序时进度/)).toHaveClass('pos')
    expect(within(kpis).getByText('投资完成率').closest('.kpi')).toHaveClass('kpi-good')
  })

  it('names the zone furthest behind and links to its page', async () => {
    const { user, router } = renderApp('/')
    const headline = await screen.findByTestId('headline')
    const expected = (await testApi.get<Summary>('/api/summary?asOf=2024-09'))
      .byZone.filter((z) => z.id !== 'district-wide')
      .sort((a, b) => a.gapPoints! - b.gapPoints!)[0]!
    await user.click(within(headline).getByRole('link', { name: expected.name }))
    expect(await screen.findByRole('heading', { level: 1, name: expected.name })).toBeInTheDocument()
    await waitFor(() => expect(currentUrl(router)).toBe(`/zones/${expected.id}`))
  })

  it('changes the as-of month through the selector and keeps it in the URL', async () => {
    const { user, router } = renderApp('/')
    await screen.findByTestId('headline')
    await screen.findByRole('option', { name: '2024年1-6月' })
    await user.selectOptions(screen.getByRole('combobox', { name: '截至月份' }), '2024年1-6月')
    expect(currentUrl(router)).toBe('/?asOf=2024-06')
    expect(await screen.findByText(/2024年1-6月，132个重点项目/)).toBeInTheDocument()
    expect(screen.getByText('数据截至2024年1-6月 · 序时进度50.00%')).toBeInTheDocument()
  })

  it('offers every plan year the calendar lists, and says when the year in view is closed', async () => {
    server.use(
      http.get('/api/calendar', () =>
        HttpResponse.json({
          planYear: 2024,
          latestReportMonth: 9,
          publishedMonth: '2024-09',
          months: Array.from({ length: 12 }, (_, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, status: i < 9 ? 'published' : 'open', publishedAt: i < 9 ? '2024-10-06T02:00:00.000Z' : null, publishedBy: i < 9 ? 'staff' : null })),
          today: '2024-11-04',
          reportDeadlineDay: 5,
          hasApprovedReports: true,
          years: [
            { year: 2024, latestReportMonth: 9, publishedMonth: 9 },
            { year: 2023, latestReportMonth: 12, publishedMonth: 12 },
          ],
        }),
      ),
    )
    const { user, router } = renderApp('/')
    const asOf = await screen.findByRole('combobox', { name: '截至月份' })
    await waitFor(() => expect(within(asOf).getByRole('group', { name: '2023年度（已结束）' })).toBeInTheDocument())
    expect(within(within(asOf).getByRole('group', { name: '2024年度（当前）' })).getAllByRole('option').map((o) => o.textContent)).toEqual(
      // The published months, and for the staff the month in progress, marked (decision 63).
      [...Array.from({ length: 9 }, (_, i) => `2024年${i === 0 ? '1月' : `1-${i + 1}月`}`), '2024年1-10月（未发布）'],
    )
    expect(within(within(asOf).getByRole('group', { name: '2023年度（已结束）' })).getAllByRole('option')).toHaveLength(12)
    expect(asOf).toHaveDisplayValue('2024年1-9月')
    await user.selectOptions(asOf, '2023年1-12月')
    expect(currentUrl(router)).toBe('/?asOf=2023-12')
    expect(await screen.findByText('正在查看已结束的 2023 年度（按该年度的清单和计划，只能查看）；当前报送的是 2024 年度。')).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: '2023年重点项目总览' })).toBeInTheDocument()
    // Back to the open year's latest month: the default view, so the link carries no asOf.
    await user.selectOptions(asOf, '2024年1-9月')
    expect(currentUrl(router)).toBe('/')
  })

  it('offers a leader the published months only; the staff also the month in progress, marked 未发布', async () => {
    testApi.signInAs('leader')
    renderApp('/')
    const asOf = await screen.findByRole('combobox', { name: '截至月份' })
    await waitFor(() => expect(asOf).toHaveDisplayValue('2024年1-9月'))
    expect(within(asOf).getAllByRole('option').map((o) => o.textContent)).toEqual(Array.from({ length: 9 }, (_, i) => `2024年${i === 0 ? '1月' : `1-${i + 1}月`}`))
  })

  it('ranks zones and lists the projects most behind', async () => {
    renderApp('/')
    const ranking = await screen.findByRole('table', { name: '片区完成率排名' })
    expect(within(ranking).getAllByRole('row')).toHaveLength(1 + 8)
    const behind = screen.getByRole('table', { name: '欠序时进度最多的项目' })
    const top = (await testApi.get<Summary>('/api/summary?asOf=2024-09')).mostBehind[0]!
    expect(within(behind).getAllByRole('row')[1]).toHaveTextContent(top.name)
  })

  it('says that the fourth investment group is not broken down in the report', async () => {
    renderApp('/')
    expect(await screen.findByText(/其余8个项目的65.98亿元是用报告总数相减推算的/)).toBeInTheDocument()
  })

  it('says the figures are simulated next to the headline, in the words the API gives', async () => {
    renderApp('/')
    const headline = await screen.findByTestId('headline')
    const notice = screen.getByRole('note')
    expect(notice).toHaveTextContent(SIMULATED_NOTICE)
    // Above the headline: where the eye lands first.
    expect(notice.compareDocumentPosition(headline) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('drops the notice and every 模拟 mark by itself once the data holds only reported figures', async () => {
    await testApi.replaceProjects((await testApi.seededProjects()).map((r) => ({ ...r, simulated: false })))
    renderApp('/')
    await screen.findByTestId('headline')
    expect(screen.queryByRole('note')).toBeNull()
    expect(screen.queryAllByText('模拟')).toEqual([])
  })

  it('speaks in the report’s words only of the report’s own totals', async () => {
    await testApi.replaceProjects((await testApi.seededProjects()).slice(0, 131))
    renderApp('/')
    await screen.findByTestId('headline')
    const kpis = screen.getByLabelText('主要指标')
    expect(within(kpis).queryByText(/^约/)).toBeNull()
    expect(within(kpis).queryByText('报告')).toBeNull()
  })

  it('shows an error with a retry that recovers', async () => {
    let fail = true
    server.use(
      http.get('/api/summary', () =>
        fail ? HttpResponse.json({ error: { code: 'internal', message: '服务器暂时不可用' } }, { status: 503 }) : undefined,
      ),
    )
    const { user } = renderApp('/')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('数据加载失败')
    expect(alert).toHaveTextContent('服务器暂时不可用')
    fail = false
    await user.click(within(alert).getByRole('button', { name: '重试' }))
    expect(await screen.findByTestId('headline')).toBeInTheDocument()
  })

  it('tells a leader who follows a link to a month not yet published which month is, with a way there', async () => {
    testApi.signInAs('leader')
    const { user, router } = renderApp('/?asOf=2024-10')
    const state = await screen.findByText('该月数据尚未发布')
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull()
    expect(state.parentElement).toHaveTextContent('已发布的最新月份是2024年9月')
    await user.click(screen.getByRole('link', { name: '查看已发布的最新月份' }))
    await waitFor(() => expect(currentUrl(router)).toBe('/'))
    expect(await screen.findByTestId('headline')).toHaveTextContent('2024年1-9月')
  })

})
