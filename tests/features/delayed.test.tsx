import { screen, within } from '@testing-library/react'
import { store } from '@mocks/store'
import { DELAYED_CLASSES } from '@/contract'
import { queryProjects } from '@/domain/reports'
import { currentUrl, renderApp } from '../render'

describe('滞后项目 (reviewers’ queue)', () => {
  it('lists lagging, severe, not-started and not-reported projects, largest shortfall first', async () => {
    renderApp('/delayed')
    const expected = queryProjects(store.all(), { status: [...DELAYED_CLASSES], sort: 'shortfall', order: 'desc' })
    expect(await screen.findByText(`共 ${expected.total} 个项目`)).toBeInTheDocument()
    const rows = within(screen.getByRole('table', { name: '滞后项目清单' })).getAllByRole('row')
    expect(rows[1]).toHaveTextContent(expected.items[0]!.name)
    expect(rows[1]).toHaveTextContent(expected.items[0]!.status.rule)
    for (const lagClass of DELAYED_CLASSES) {
      expect(screen.getByRole('checkbox', { name: new RegExp(`${expected.lagCounts[lagClass]}$`) })).toBeInTheDocument()
    }
  })

  it('narrows to one class and keeps it in the URL', async () => {
    const { user, router } = renderApp('/delayed')
    const all = queryProjects(store.all(), { status: [...DELAYED_CLASSES] })
    await screen.findByText(`共 ${all.total} 个项目`)
    await user.click(screen.getByRole('checkbox', { name: /^严重滞后/ }))
    await user.click(screen.getByRole('checkbox', { name: /^滞后/ }))
    await user.click(screen.getByRole('checkbox', { name: /^未报送/ }))
    expect(currentUrl(router)).toBe('/delayed?status=not-started')
    expect(await screen.findByText(`共 ${all.lagCounts['not-started']} 个项目`)).toBeInTheDocument()
  })

  it('never lets a link show on-pace projects in the queue', async () => {
    renderApp('/delayed?status=on-pace')
    const all = queryProjects(store.all(), { status: [...DELAYED_CLASSES] })
    expect(await screen.findByText(`共 ${all.total} 个项目`)).toBeInTheDocument()
  })
})
