import { screen, within } from '@testing-library/react'
import { testApi } from '../support/api'
import { DELAYED_CLASSES, type ProjectList } from '@/contract'
import { currentUrl, renderApp } from '../render'

describe('滞后项目 (reviewers’ queue)', () => {
  it('lists lagging, severe, not-started and not-reported projects, largest shortfall first', async () => {
    renderApp('/delayed')
    const expected = await testApi.get<ProjectList>(`/api/projects?asOf=2024-09&status=${DELAYED_CLASSES.join(',')}&sort=shortfall&order=desc`)
    expect(await screen.findByText(`共 ${expected.total} 个项目`)).toBeInTheDocument()
    const rows = within(screen.getByRole('table', { name: '滞后项目清单' })).getAllByRole('row')
    expect(rows[1]).toHaveTextContent(expected.items[0]!.name)
    expect(rows[1]).toHaveTextContent(expected.items[0]!.status.rule)
    for (const lagClass of DELAYED_CLASSES) {
      // The chips' counts come from their own request, which may answer after the list.
      expect(await screen.findByRole('checkbox', { name: new RegExp(`${expected.lagCounts[lagClass]}$`) })).toBeInTheDocument()
    }
  })

  it('narrows to one class and keeps it in the URL', async () => {
    const { user, router } = renderApp('/delayed')
    const all = await testApi.get<ProjectList>(`/api/projects?asOf=2024-09&status=${DELAYED_CLASSES.join(',')}`)
    await screen.findByText(`共 ${all.total} 个项目`)
    await user.click(screen.getByRole('checkbox', { name: /^严重滞后/ }))
    await user.click(screen.getByRole('checkbox', { name: /^滞后/ }))
    await user.click(screen.getByRole('checkbox', { name: /^未报送/ }))
    expect(currentUrl(router)).toBe('/delayed?status=not-started')
    expect(await screen.findByText(`共 ${all.lagCounts['not-started']} 个项目`)).toBeInTheDocument()
  })

  it('never lets a link show on-pace projects in the queue', async () => {
    renderApp('/delayed?status=on-pace')
    const all = await testApi.get<ProjectList>(`/api/projects?asOf=2024-09&status=${DELAYED_CLASSES.join(',')}`)
    expect(await screen.findByText(`共 ${all.total} 个项目`)).toBeInTheDocument()
  })
})

describe('export of the reviewers’ queue', () => {
  it('downloads every row of the filtered list as CSV, in the order on screen', async () => {
    const blobs: Blob[] = []
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob)
      return 'blob:export'
    })
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    const { user } = renderApp('/delayed?zone=district-wide')
    const expected = await testApi.get<ProjectList>(
      `/api/projects?asOf=2024-09&zone=district-wide&status=${DELAYED_CLASSES.join(',')}&sort=shortfall&order=desc&pageSize=200`,
    )
    await user.click(await screen.findByRole('button', { name: `导出 CSV（${expected.total} 个项目）` }))
    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1))
    expect(created).toHaveBeenCalledTimes(1)
    const lines = (await blobs[0]!.text()).trim().split('\r\n')
    expect(lines[0]).toContain('数据截至2024年1-9月')
    expect(lines[1]).toMatch(/^项目编号,项目名称,/)
    expect(lines).toHaveLength(2 + expected.total)
    expect(lines[2]).toMatch(new RegExp(`^${expected.items[0]!.id},${expected.items[0]!.name},`))
    // Restore only these spies: the console.error guard of tests/setup.ts must stay.
    for (const spy of [created, revoked, click]) spy.mockRestore()
  })
})
