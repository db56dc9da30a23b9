import { screen, within } from '@testing-library/react'
import { testApi } from '../support/api'
import type { ProjectList, Summary } from '@/contract'
import { percent } from '@/lib/format'
import { renderApp } from '../render'

// 进展情况通报: a leader prepares the month's meeting from one page.

describe('进展情况通报 (the monthly bulletin)', () => {
  it('reads in the bulletin’s order, with the month’s figures and every list a meeting acts on', async () => {
    renderApp('/bulletin?asOf=2024-08')
    const summary = await testApi.get<Summary>('/api/summary?asOf=2024-08')
    expect(await screen.findByRole('heading', { level: 1, name: '重点项目2024年1-8月进展情况通报' })).toBeInTheDocument()
    const overall = await screen.findByRole('region', { name: '一、总体情况' })
    expect(overall).toHaveTextContent(`完成年度计划的${percent(summary.completionRate)}`)
    expect(overall).toHaveTextContent(`严重滞后${summary.lagCounts.severe}个、滞后${summary.lagCounts.lagging}个`)
    for (const title of ['二、分类推进情况', '三、片区排名', '四、滞后项目（按责任单位）', '五、应开未开项目（按责任单位）', '六、未报送项目（按责任单位）']) {
      expect(screen.getByRole('region', { name: title })).toBeInTheDocument()
    }
    expect(within(screen.getByRole('region', { name: '三、片区排名' })).getAllByRole('row')).toHaveLength(1 + 8)

    // The 滞后 list: every severe and lagging project, grouped by 责任单位 with the group's count.
    const delayed = await testApi.get<ProjectList>('/api/projects?asOf=2024-08&status=severe,lagging&pageSize=200')
    const table = await screen.findByRole('table', { name: '滞后项目（按责任单位）' })
    expect(within(table).getAllByRole('link')).toHaveLength(delayed.total)
    const dept = delayed.items[0]!.responsibleUnit
    const inDept = delayed.items.filter((i) => i.responsibleUnit === dept).length
    expect(within(table).getByRole('rowheader', { name: `${dept}（${inDept}个）` })).toBeInTheDocument()
    expect(await screen.findByRole('heading', { name: /逾期未办结的问题/ })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '打印通报' })).toBeInTheDocument()
  })
})
