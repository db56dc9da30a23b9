import { screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import { DELAYED_CLASSES, type Forecast, type ProjectList } from '@/contract'
import { wanNumber, yiNumber } from '@/lib/format'
import { currentUrl, renderApp } from '../render'

describe('总览: will the year land (全年能否完成)', () => {
  it('answers with the plan, the owners’ and the computed forecast, and a table by zone that is the chart’s text', async () => {
    renderApp('/')
    const section = await screen.findByRole('region', { name: '全年能否完成' })
    const forecast = await testApi.get<Forecast>('/api/forecast?asOf=2024-09')
    // The chart is named by its figures, and the table carries them all.
    expect(await within(section).findByRole('img', { name: /各片区年度计划、业主预计与测算预计/ })).toBeInTheDocument()
    const table = within(section).getByRole('table', { name: '各片区全年预计（亿元）' })
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers).toEqual(['片区', '年度计划', '1-9月完成', '业主预计', '测算预计', '测算与计划相比', '每月需完成 / 近三月月均'])
    const shown = forecast.byZone.filter((z) => z.projectCount > 0)
    // One row per zone with projects, then the district's.
    expect(within(table).getAllByRole('row')).toHaveLength(1 + shown.length + 1)
    const first = within(table).getByRole('rowheader', { name: shown[0]!.name }).closest('tr')!
    expect(first).toHaveTextContent(yiNumber(shown[0]!.planWan))
    expect(first).toHaveTextContent(yiNumber(shown[0]!.computedForecastWan))
    const district = within(table).getByRole('rowheader', { name: '全区' }).closest('tr')!
    expect(district).toHaveTextContent(yiNumber(forecast.planWan))
    expect(district).toHaveTextContent(yiNumber(forecast.ownerForecastWan))
    expect(district).toHaveTextContent(yiNumber(forecast.computedForecastWan))
    // The shortfall is said in words, not only in colour.
    const short = forecast.planWan - forecast.computedForecastWan
    expect(district).toHaveTextContent(short > 0 ? `缺口${yiNumber(short)}` : '可完成')
    // The seed's months are simulated, and the section says so.
    expect(within(section).getByText(/模拟/)).toBeInTheDocument()
    // Owners who gave no forecast are counted at their plan, and the page says how many.
    if (forecast.withoutOwnerForecastCount > 0) expect(within(section).getByText(new RegExp(`${forecast.withoutOwnerForecastCount}个项目未填报全年预计`))).toBeInTheDocument()
  })
})

describe('滞后项目: the catch-up (冲刺) columns', () => {
  it('shows 每月需完成, 最好月份, 月均 and 倍数, marks 难以完成 in words, and sorts by the ratio', async () => {
    const { user, router } = renderApp('/delayed')
    const table = await screen.findByRole('table', { name: '滞后项目清单' })
    for (const name of [/每月需完成（万元）/, /最好月份（万元）/, /月均（万元）/, /倍数/]) expect(within(table).getByRole('columnheader', { name })).toBeInTheDocument()
    await user.click(within(table).getByRole('button', { name: /倍数/ }))
    expect(currentUrl(router)).toBe('/delayed?sort=catchUpRatio&order=desc')
    const expected = await testApi.get<ProjectList>(`/api/projects?asOf=2024-09&status=${DELAYED_CLASSES.join(',')}&sort=catchUpRatio&order=desc`)
    const top = expected.items[0]!
    // The re-sorted list replaces the one on screen: its first row is the hardest project.
    await waitFor(() => expect(within(screen.getByRole('table', { name: '滞后项目清单' })).getAllByRole('row')[1]).toHaveTextContent(top.name))
    const row = within(screen.getByRole('table', { name: '滞后项目清单' })).getAllByRole('row')[1]!
    expect(top.catchUp).not.toBeNull()
    expect(row).toHaveTextContent(wanNumber(top.catchUp!.neededPerMonthWan))
    // The hardest project cannot land at its best month's pace: the mark is text.
    expect(top.catchUp!.feasible).toBe(false)
    expect(within(row).getByText('难以完成')).toBeInTheDocument()
  })
})
