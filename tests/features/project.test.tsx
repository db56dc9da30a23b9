import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { server, testApi } from '../support/api'
import type { ProjectDetail, ProjectList } from '@/contract'
import { LAG_CLASS_LABELS } from '@/domain/labels'
import { currentUrl, renderApp } from '../render'

const byName = async (name: string) => (await testApi.seededProjects()).find((r) => r.name === name)!

describe('项目详情 (project detail)', () => {
  it('shows what is late about a project, with the rule that fired', async () => {
    const record = (await testApi.get<ProjectList>('/api/projects?asOf=2024-09&status=severe&sort=id&order=asc&pageSize=1')).items[0]!
    const detail = await testApi.get<ProjectDetail>(`/api/projects/${record.id}?asOf=2024-09`)
    expect(detail.status.lagClass).toBe('severe')
    renderApp(`/projects/${record.id}`)
    expect(await screen.findByRole('heading', { level: 1, name: new RegExp(record.name) })).toBeInTheDocument()
    const late = screen.getByRole('list', { name: '需要关注的事项' })
    expect(late).toHaveTextContent(LAG_CLASS_LABELS.severe)
    expect(late).toHaveTextContent(detail.status.rule)
  })

  it('labels sourced and simulated values, and keeps words where the report has no percentage', async () => {
    const record = await byName('轨道交通10号线二期')
    renderApp(`/projects/${record.id}`)
    expect(await screen.findByText('车站主体结构全部完成')).toBeInTheDocument()
    const info = screen.getByRole('region', { name: '基本信息' })
    // 名称 from the report, owner unit simulated.
    expect(within(info).getByText('项目名称').parentElement).toHaveTextContent('报告')
    expect(within(info).getByText('业主单位').parentElement).toHaveTextContent('模拟')
    // No invented percentage in the progress history.
    expect(within(screen.getByRole('table', { name: '形象进度记录' })).queryAllByRole('progressbar')).toHaveLength(0)
  })

  it('links to the list filtered to its owner unit', async () => {
    const record = await byName('轨道交通24号线一期工程')
    const { user, router } = renderApp(`/projects/${record.id}`)
    await user.click(await screen.findByRole('link', { name: record.ownerUnit }))
    await waitFor(() => expect(currentUrl(router)).toBe(`/projects?owner=${encodeURIComponent(record.ownerUnit)}`))
    // The select has its value once the list of units has loaded.
    const owner = await screen.findByRole('combobox', { name: '业主单位' })
    await waitFor(() => expect(owner).toHaveValue(record.ownerUnit))
  })

  it('says clearly when a project does not exist', async () => {
    renderApp('/projects/P999')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('未找到该项目')
    expect(alert).toHaveTextContent('项目 P999 不存在。')
    expect(within(alert).getByRole('link', { name: '返回项目库' })).toHaveAttribute('href', '/projects')
  })

  it('says when a project is not in the list of the year in view, with links to the other years', async () => {
    server.use(
      http.get('/api/calendar', () =>
        HttpResponse.json({
          planYear: 2025,
          latestReportMonth: 2,
          publishedMonth: '2025-02',
          months: Array.from({ length: 12 }, (_, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, status: i < 2 ? 'published' : 'open', publishedAt: i < 2 ? '2025-03-06T02:00:00.000Z' : null, publishedBy: i < 2 ? 'staff' : null })),
          today: '2024-11-04',
          reportDeadlineDay: 5,
          hasApprovedReports: true,
          years: [{ year: 2025, latestReportMonth: 2, publishedMonth: 2 }, { year: 2024, latestReportMonth: 12, publishedMonth: 12 }],
        }),
      ),
      http.get('/api/projects/P002', () => HttpResponse.json({ error: { code: 'not_found', message: '项目 P002 不在 2025 年度的重点项目清单中' } }, { status: 404 })),
    )
    renderApp('/projects/P002')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('项目 P002 不在 2025 年度的重点项目清单中。')
    expect(await within(alert).findByRole('link', { name: '2024年度' })).toHaveAttribute('href', '/projects/P002?asOf=2024-12')
  })
})
