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

  it('tells the user when a zone does not exist', async () => {
    renderApp('/zones/atlantis')
    expect(await screen.findByRole('alert')).toHaveTextContent('未找到该片区')
    expect(screen.getByRole('link', { name: '查看全部片区' })).toBeInTheDocument()
  })
})
