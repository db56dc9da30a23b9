import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import type { ProjectList } from '@/contract'
import { currentUrl, renderApp } from '../render'

/** The API's list for a query string (GET /api/projects, spelled as ProjectListQuerySchema reads it). */
const listOf = (search: string) => testApi.get<ProjectList>(`/api/projects${search ? `?${search}` : ''}`)
const countOf = async (search: string) => (await listOf(search)).total
/** Names in 汉字 order, as the list sorts them by name. */
const zhCollator = new Intl.Collator('zh-CN', { numeric: true })

describe('项目库 (project list)', () => {
  it('lists all 132 projects with their sums', async () => {
    renderApp('/projects')
    const totals = (await screen.findByText('共 132 个项目')).closest('p')
    expect(totals).toHaveTextContent('年度计划 约277.08亿元')
    // 50 per page by default: the first 20 drawn with the first frame, the rest in steps (the table says
    // it is busy until then), and all 50 in the end.
    const table = screen.getByRole('table', { name: '项目清单' })
    const firstDrawn = within(table).getAllByRole('row').length - 1
    expect(firstDrawn).toBeGreaterThanOrEqual(20)
    expect(firstDrawn).toBeLessThan(50)
    expect(table).toHaveAttribute('aria-busy', 'true')
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(51))
    expect(table).toHaveAttribute('aria-busy', 'false')
  })

  it('draws every row at once when printing', async () => {
    renderApp('/projects')
    await screen.findByText('共 132 个项目')
    const table = screen.getByRole('table', { name: '项目清单' })
    expect(within(table).getAllByRole('row').length).toBeLessThan(51)
    act(() => void window.dispatchEvent(new Event('beforeprint')))
    expect(within(table).getAllByRole('row')).toHaveLength(51)
  })

  it('on paper, the page of the list ends with the whole filtered list’s totals, under their columns', async () => {
    renderApp('/projects?zone=nanping')
    const expected = await listOf('zone=nanping')
    await screen.findByText(`共 ${expected.total} 个项目`)
    const table = screen.getByRole('table', { name: '项目清单' })
    // Hidden on screen (the totals line above says it), printed after the last row.
    const header = within(table).getByRole('rowheader', { name: `合计（全部 ${expected.total} 个项目）`, hidden: true })
    const cells = within(header.closest('tr')!).getAllByRole('cell', { hidden: true }).map((c) => c.textContent)
    // 完成率 as a percentage with two decimals; 年度计划 in 亿元 (万元 ÷ 10,000, two decimals).
    expect(cells).toContain(`${(expected.totals.completionRate! * 100).toFixed(2)}%`)
    expect(cells).toContain((Math.round(expected.totals.annualPlanWan / 100) / 100).toFixed(2))
  })

  it('filters by zone and puts the filter in the URL', async () => {
    const { user, router } = renderApp('/projects')
    await screen.findByText('共 132 个项目')
    await user.selectOptions(screen.getByRole('combobox', { name: '片区' }), 'nanping')
    expect(currentUrl(router)).toBe('/projects?zone=nanping')
    expect(await screen.findByText(`共 ${await countOf('zone=nanping')} 个项目`)).toBeInTheDocument()
    for (const row of within(screen.getByRole('table', { name: '项目清单' })).getAllByRole('row').slice(1)) {
      expect(row).toHaveTextContent('南坪')
    }
  })

  it('reproduces a shared link: filters, sort and page', async () => {
    renderApp('/projects?stage=new-start&sort=name&order=asc')
    const expected = await countOf('stage=new-start')
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
    const top = (await listOf('sort=annualPlan&order=desc')).items[0]!
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: '项目清单' })).getAllByRole('row')[1]).toHaveTextContent(top.name),
    )
    await user.click(screen.getByRole('button', { name: /年度计划（亿元）/ }))
    expect(currentUrl(router)).toBe('/projects?sort=annualPlan&order=asc')
  })

  it('searches while 拼音 is being composed only once the 汉字 are chosen', async () => {
    const { router } = renderApp('/projects')
    await screen.findByText('共 132 个项目')
    const box = screen.getByRole('searchbox', { name: '搜索' })
    fireEvent.compositionStart(box)
    fireEvent.change(box, { target: { value: 'guidao' } })
    // Composing: the letters are in the box, nothing is searched for.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(box).toHaveValue('guidao')
    expect(currentUrl(router)).toBe('/projects')
    fireEvent.change(box, { target: { value: '轨道' } })
    fireEvent.compositionEnd(box)
    await waitFor(() => expect(currentUrl(router)).toBe(`/projects?q=${encodeURIComponent('轨道')}`))
    expect(await screen.findByText(`共 ${await countOf(`q=${encodeURIComponent('轨道')}`)} 个项目`)).toBeInTheDocument()
  })

  it('searches by text as it is typed and shows an empty state with a way out', async () => {
    const { user, router } = renderApp('/projects')
    await screen.findByText('共 132 个项目')
    await user.type(screen.getByRole('searchbox', { name: '搜索' }), '轨道')
    await waitFor(() => expect(currentUrl(router)).toBe(`/projects?q=${encodeURIComponent('轨道')}`))
    expect(await screen.findByText(`共 ${await countOf(`q=${encodeURIComponent('轨道')}`)} 个项目`)).toBeInTheDocument()

    await user.clear(screen.getByRole('searchbox', { name: '搜索' }))
    await user.type(screen.getByRole('searchbox', { name: '搜索' }), '不存在的项目名')
    expect(await screen.findByText('没有符合条件的项目。')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '清除全部筛选' }))
    expect(await screen.findByText('共 132 个项目')).toBeInTheDocument()
  })

  it('pages through the list, and back returns to the previous page', async () => {
    const { user, router } = renderApp('/projects')
    await screen.findByText('共 132 个项目')
    // What a screen reader says when focus arrives: the name the results have at that moment.
    const announced: string[] = []
    const onFocus = (event: FocusEvent) => announced.push((event.target as HTMLElement).getAttribute('aria-label') ?? '')
    document.addEventListener('focusin', onFocus)
    await user.click(screen.getByRole('button', { name: '下一页' }))
    expect(currentUrl(router)).toBe('/projects?page=2')
    expect(await screen.findByText('第 2 / 3 页')).toBeInTheDocument()
    // Focus goes to the top of the new page of results, whose name says which page it is.
    await waitFor(() => expect(screen.getByRole('region', { name: '项目清单，第 2 / 3 页' })).toHaveFocus())
    // Focus came once the new page was drawn, not while the old one still showed.
    expect(announced.filter((label) => label.startsWith('项目清单'))).toEqual(['项目清单，第 2 / 3 页'])
    document.removeEventListener('focusin', onFocus)
    await act(() => router.navigate(-1))
    expect(await screen.findByText('第 1 / 3 页')).toBeInTheDocument()
  })

  it('ignores an invalid value in a link, corrects the link and keeps saying what was dropped', async () => {
    const { router } = renderApp('/projects?zone=atlantis&stage=continuing')
    expect(await screen.findByText('链接中的部分筛选条件无效，已忽略：片区“atlantis”。')).toBeInTheDocument()
    expect(await screen.findByText(`共 ${await countOf('stage=continuing')} 个项目`)).toBeInTheDocument()
    // The address no longer carries the bad value (the link shared next is a good one) …
    await waitFor(() => expect(currentUrl(router)).toBe('/projects?stage=continuing'))
    // … and the reader is still told what was dropped.
    expect(screen.getByText('链接中的部分筛选条件无效，已忽略：片区“atlantis”。')).toBeInTheDocument()
  })

  it('says which statuses a link asked of the 滞后项目 list that it never holds', async () => {
    renderApp('/delayed?status=on-pace,severe')
    expect(await screen.findByText(/滞后项目清单只含严重滞后、滞后、应开未开、未报送，链接中的状态“达到序时进度”已忽略/)).toBeInTheDocument()
  })

  it('shows a project not yet due to start with no gap, after every judged project when sorted by gap', async () => {
    renderApp('/projects?status=pending-start,lagging,severe&sort=gap&order=asc&asOf=2024-05&pageSize=200')
    const table = await screen.findByRole('table', { name: '项目清单' })
    await waitFor(() => expect(table).toHaveAttribute('aria-busy', 'false'))
    const rows = within(table).getAllByRole('row').slice(1)
    const expected = (await listOf('status=pending-start,lagging,severe&sort=gap&order=asc&asOf=2024-05&pageSize=200')).items
    const firstPending = expected.findIndex((i) => i.status.lagClass === 'pending-start')
    expect(firstPending).toBeGreaterThan(0)
    // Every judged project comes first, worst first; the unjudged ones after them, with a dash and the reason.
    expect(expected.slice(0, firstPending).every((i) => i.status.gapPoints !== null)).toBe(true)
    expect(expected.slice(firstPending).every((i) => i.status.gapPoints === null)).toBe(true)
    expect(rows).toHaveLength(expected.length)
    expect(within(rows[firstPending]!).getAllByText(/尚未到期，不评判/).length).toBeGreaterThan(0)
    expect(within(rows[0]!).queryByText(/不评判/)).toBeNull()
  })

  it('shows completion bars as progress bars with values', async () => {
    renderApp('/projects')
    await screen.findByText('共 132 个项目')
    const first = (await listOf('')).items[0]!
    const bar = screen.getByRole('progressbar', { name: `${first.name}投资完成率` })
    expect(bar).toHaveAttribute('aria-valuenow', String(Math.round(first.status.completionRate! * 10000) / 100))
  })
})
