import { screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import type { ZoneDetail, ZoneList } from '@/contract'
import { currentUrl, renderApp } from '../render'

describe('片区 (zones)', () => {
  it('shows one card per zone with an accessible completion bar and the 序时 marker', async () => {
    renderApp('/zones')
    const list = await screen.findByRole('list', { name: '片区列表' })
    const cards = within(list).getAllByRole('listitem')
    expect(cards).toHaveLength(8)
    const nanping = (await testApi.get<ZoneList>('/api/zones?asOf=2024-09')).items.find((z) => z.id === 'nanping')!
    const bar = screen.getByRole('progressbar', { name: '南坪投资完成率' })
    expect(bar).toHaveAttribute('aria-valuenow', String(Math.round(nanping.completionRate! * 10000) / 100))
    expect(bar).toHaveAttribute('aria-valuemin', '0')
    expect(bar.getAttribute('aria-valuetext')).toContain('序时进度75.00%')
  })

  it('opens a zone page that explains its shortfall and lists its projects', async () => {
    const { user, router } = renderApp('/zones')
    await user.click(await screen.findByRole('link', { name: '广阳湾' }))
    await waitFor(() => expect(currentUrl(router)).toBe('/zones/gy-bay'))
    expect(await screen.findByRole('heading', { level: 1, name: '广阳湾' })).toBeInTheDocument()
    const detail = await testApi.get<ZoneDetail>('/api/zones/gy-bay?asOf=2024-09')
    const table = await screen.findByRole('table', { name: '广阳湾欠序时进度的项目' })
    expect(within(table).getAllByRole('row')).toHaveLength(1 + detail.shortfallProjects.length)
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(detail.shortfallProjects[0]!.name)
    // The zone's own project table is filtered to the zone.
    expect(await screen.findByText(`共 ${detail.projectCount} 个项目`)).toBeInTheDocument()
  })

  it('orders the cards by rank by default and offers the other orders, kept in the URL', async () => {
    const { user, router } = renderApp('/zones')
    const list = await screen.findByRole('list', { name: '片区列表' })
    const zones = (await testApi.get<ZoneList>('/api/zones?asOf=2024-09')).items
    const names = () => within(list).getAllByRole('heading', { level: 2 }).map((h) => h.textContent)
    const byRank = [...zones].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99)).map((z) => z.name)
    const sort = screen.getByRole('combobox', { name: '排序' })
    expect(sort).toHaveValue('rank')
    expect(names()).toEqual(byRank)
    expect(names()[0]).toBe(zones.find((z) => z.rank === 1)!.name)
    expect(within(sort).getAllByRole('option').map((o) => o.textContent)).toEqual(['按排名', '按完成率', '按欠序时进度', '按年度计划'])

    await user.selectOptions(sort, '按年度计划')
    await waitFor(() => expect(currentUrl(router)).toBe('/zones?sort=annualPlan'))
    expect(names()).toEqual([...zones].sort((a, b) => b.annualPlanWan - a.annualPlanWan).map((z) => z.name))

    await user.selectOptions(sort, '按欠序时进度')
    await waitFor(() => expect(currentUrl(router)).toBe('/zones?sort=shortfall'))
    expect(names()).toEqual([...zones].sort((a, b) => b.shortfallWan - a.shortfallWan).map((z) => z.name))

    await user.selectOptions(sort, '按排名')
    await waitFor(() => expect(currentUrl(router)).toBe('/zones'))
  })

  it('opens a shared link in the order it names', async () => {
    renderApp('/zones?sort=completionRate')
    const list = await screen.findByRole('list', { name: '片区列表' })
    expect(screen.getByRole('combobox', { name: '排序' })).toHaveValue('completionRate')
    const zones = (await testApi.get<ZoneList>('/api/zones?asOf=2024-09')).items
    const rates = within(list).getAllByRole('heading', { level: 2 }).map((h) => zones.find((z) => z.name === h.textContent)!.completionRate ?? -1)
    expect(rates).toEqual([...rates].sort((a, b) => b - a))
  })

  it('drops an unknown order from a link and says so', async () => {
    const { router } = renderApp('/zones?sort=bogus')
    expect(await screen.findByText(/链接中的排序方式无效/)).toBeInTheDocument()
    await waitFor(() => expect(currentUrl(router)).toBe('/zones'))
    expect(screen.getByRole('combobox', { name: '排序' })).toHaveValue('rank')
  })

  it('tells the user when a zone does not exist', async () => {
    renderApp('/zones/atlantis')
    expect(await screen.findByRole('alert')).toHaveTextContent('未找到该片区')
    expect(screen.getByRole('link', { name: '查看全部片区' })).toBeInTheDocument()
  })
})
