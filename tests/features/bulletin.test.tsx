import { screen, within } from '@testing-library/react'
import { testApi } from '../support/api'
import type { Bulletin, BulletinList } from '@/contract/bulletins'
import { percent } from '@/lib/format'
import { renderApp } from '../render'

// 进展情况通报 as issued (decision 64): a leader opens the month's bulletin as it went out — 文号, 印发日期, 主送, the
// sections, 抄送 and 落款 — and any earlier one from the list; the staff also see the month in progress as a draft.

describe('进展情况通报 (the issued bulletin)', () => {
  afterEach(() => testApi.reset())

  it('opens the issued bulletin of a month: its 文号, 印发日期 and 主送 at the head, every section, 抄送 and 落款 at the foot', async () => {
    testApi.signInAs('leader')
    renderApp('/bulletin?asOf=2024-08')
    const issued = await testApi.get<Bulletin>('/api/bulletins/2024-08', 'leader')
    expect(await screen.findByRole('heading', { level: 1, name: '南岸区重点项目2024年1-8月进展情况通报' })).toBeInTheDocument()
    const document = await screen.findByRole('article', { name: issued.number! })
    expect(document).toHaveTextContent(`文号${issued.number}`)
    expect(document).toHaveTextContent(`印发日期${issued.issuedDate!.slice(0, 4)}年`)
    expect(document).toHaveTextContent(`主送${issued.mainTo}`)
    const overall = within(document).getByRole('region', { name: '一、总体情况' })
    expect(overall).toHaveTextContent(`完成年度计划的${percent(issued.content.summary.completionRate)}`)
    for (const title of ['二、分类推进情况', '三、片区排名', '四、严重滞后项目（按责任单位）', '五、滞后项目（按责任单位）', '六、应开未开项目（按责任单位）', '七、未报送项目（按责任单位）', '八、逾期未办结的问题']) {
      expect(within(document).getByRole('region', { name: title })).toBeInTheDocument()
    }
    // 严重滞后 and 滞后 apart, each with its 状态; the projects are those the bulletin holds.
    const severe = within(document).getByRole('table', { name: '严重滞后项目（按责任单位）' })
    expect(within(severe).getAllByRole('link')).toHaveLength(issued.content.severe.length)
    expect(within(severe).getAllByRole('cell', { name: '严重滞后' })).toHaveLength(issued.content.severe.length)
    const lagging = within(document).getByRole('table', { name: '滞后项目（按责任单位）' })
    expect(within(lagging).getAllByRole('cell', { name: '滞后' })).toHaveLength(issued.content.lagging.length)
    expect(within(document).getByRole('region', { name: '八、逾期未办结的问题' })).toHaveTextContent('截至2024年8月31日（月末）')
    expect(document).toHaveTextContent(`抄送：${issued.copyTo}`)
    expect(document).toHaveTextContent(issued.issuer)
    expect(screen.getByRole('link', { name: '下载 Word（.docx）' })).toHaveAttribute('href', '/api/export/bulletin.docx?asOf=2024-08')
    expect(screen.getByRole('link', { name: '下载 Excel（.xlsx）' })).toHaveAttribute('href', '/api/export/bulletin.xlsx?asOf=2024-08')
    expect(screen.getByRole('button', { name: '打印通报' })).toBeInTheDocument()
    expect(screen.queryByText('征求意见稿（未发布）')).not.toBeInTheDocument()
  })

  it('lists the issued bulletins by 文号, month and 印发日期, and opens the one chosen', async () => {
    testApi.signInAs('leader')
    const { user } = renderApp('/bulletin')
    const list = await testApi.get<BulletinList>('/api/bulletins', 'leader')
    const index = await screen.findByRole('table', { name: '已印发的通报' })
    expect(within(index).getAllByRole('row')).toHaveLength(1 + list.items.length)
    // The default is the latest published month's.
    expect(await screen.findByRole('article', { name: list.items[0]!.number })).toBeInTheDocument()
    const march = list.items.find((b) => b.month === '2024-03')!
    await user.click(within(index).getByRole('link', { name: march.number }))
    expect(await screen.findByRole('article', { name: march.number })).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: '南岸区重点项目2024年1-3月进展情况通报' })).toBeInTheDocument()
  })

  it('shows the staff the month in progress as a draft marked 征求意见稿（未发布）, without a 文号', async () => {
    testApi.signInAs('staff')
    renderApp('/bulletin?asOf=2024-10')
    expect(await screen.findByRole('article', { name: '征求意见稿（未发布）' })).toBeInTheDocument()
    expect(screen.getAllByText('征求意见稿（未发布）').length).toBeGreaterThanOrEqual(2)
    expect(screen.getByText('未印发，无文号')).toBeInTheDocument()
  })
})
