import { act, screen, waitFor, within } from '@testing-library/react'
import { store } from '@mocks/store'
import { queryProjects } from '@/domain/answers'
import { zhCollator } from '@/domain/answers'
import { currentUrl, renderApp } from '../render'

const countOf = (query: Parameters<typeof queryProjects>[1]) => queryProjects(store.all(), query).total

describe('项目库 (project list)', () => {
  it('lists all 132 projects with their sums', async () => {
    renderApp('/projects')
    const totals = (await screen.findByText('共 132 个项目')).closest('p')
    expect(totals).toHaveTextContent('年度计划 约277.08亿元')
    // 50 per page by default.
    expect(within(screen.getByRole('table', { name: '项目清单' })).getAllByRole('row')).toHaveLength(51)
  })

  it('filters by zone and puts the filter in the URL', async () => {
    const { user, router } = renderApp('/projects')
    await screen.findByText('共 132 个项目')
    await user.selectOptions(screen.getByRole('combobox', { name: '片区' }), 'nanping')
    expect(currentUrl(router)).toBe('/projects?zone=nanping')
    expect(await screen.findByText(`共 ${countOf({ zone: 'nanping' })} 个项目`)).toBeInTheDocument()
    for (const row of within(screen.getByRole('table', { name: '项目清单' })).getAllByRole('row').slice(1)) {
      expect(row).toHaveTextContent('南坪')
    }
  })

  it('reproduces a shared link: filters, sort and page', async () => {
    renderApp('/projects?stage=new-start&sort=name&order=asc')
    const expected = countOf({ stage: 'new-start' })
    expect(await screen.findByText(`共 ${expected} 个项目`)).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: '建设性质' })).toHaveValue('new-start')
    const header = screen.getByRole('columnheader', { name: /项目名称/ })
    expect(header).toHaveAttribute('aria-sort', 'ascending')
    const names = within(screen.getByRole('table', { name: '项目清单' }))
      .getAllByRole('rowheader')
      .map((cell) => within(cell).getAllByRole('link')[0]!.textContent!)
    expect(names).toEqual([...names].sort(zhCollator.compare))
  })

  it('sorts by a column when its header is clicked, largest first', async () => {
    const { user, router } = renderApp('/projects')
    await screen.findByText('共 132 个项目')
    await user.click(screen.getByRole('button', { name: /年度计划（亿元）/ }))
    expect(currentUrl(router)).toBe('/projects?sort=annualPlan&order=desc')
    const top = queryProjects(store.all(), { sort: 'annualPlan', order: 'desc' }).items[0]!
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: '项目清单' })).getAllByRole('row')[1]).toHaveTextContent(top.name),
    )
    await user.click(screen.getByRole('button', { name: /年度计划（亿元）/ }))
    expect(currentUrl(router)).toBe('/projects?sort=annualPlan&order=asc')
  })

  it('searches by text after a pause and shows an empty state with a way out', async () => {
    const { user, router } = renderApp('/projects')
    await screen.findByText('共 132 个项目')
    await user.type(screen.getByRole('searchbox', { name: '搜索' }), '轨道')
    expect(await screen.findByText(`共 ${countOf({ q: '轨道' })} 个项目`)).toBeInTheDocument()
    expect(currentUrl(router)).toBe(`/projects?q=${encodeURIComponent('轨道')}`)

    await user.clear(screen.getByRole('searchbox', { name: '搜索' }))
    await user.type(screen.getByRole('searchbox', { name: '搜索' }), '不存在的项目名')
    expect(await screen.findByText('没有符合条件的项目。')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '清除全部筛选' }))
    expect(await screen.findByText('共 132 个项目')).toBeInTheDocument()
  })

  it('pages through the list, and back returns to the previous page', async () => {
    const { user, router } = renderApp('/projects')
    await screen.findByText('共 132 个项目')
    await user.click(screen.getByRole('button', { name: '下一页' }))
    expect(currentUrl(router)).toBe('/projects?page=2')
    expect(await screen.findByText('第 2 / 3 页')).toBeInTheDocument()
    await act(() => router.navigate(-1))
    expect(await screen.findByText('第 1 / 3 页')).toBeInTheDocument()
  })

  it('ignores an invalid value in a link and says so', async () => {
    renderApp('/projects?zone=atlantis&stage=continuing')
    expect(await screen.findByText(/链接中的部分筛选条件无效，已忽略：zone/)).toBeInTheDocument()
    expect(await screen.findByText(`共 ${countOf({ stage: 'continuing' })} 个项目`)).toBeInTheDocument()
  })

  it('shows completion bars as progress bars with values', async () => {
    renderApp('/projects')
    await screen.findByText('共 132 个项目')
    const first = queryProjects(store.all(), {}).items[0]!
    const bar = screen.getByRole('progressbar', { name: `${first.name}投资完成率` })
    expect(bar).toHaveAttribute('aria-valuenow', String(Math.round(first.status.completionRate! * 10000) / 100))
  })
})
