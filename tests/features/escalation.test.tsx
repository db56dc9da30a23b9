import { screen, waitFor, within } from '@testing-library/react'
import type { ProjectDetail, ProjectList } from '@/contract'
import { testApi } from '../support/api'
import { renderApp } from '../render'

// 挂牌督办 (decision 76): publishing a month proposes the projects the rule picks; the staff confirm or decline with
// a reason on the project page; a listed project carries the mark, with the words, wherever it is named.

/** Publish September again (withdrawn by the admin first): the publication evaluates the rule. */
async function publishSeptemberAgain() {
  expect((await testApi.send('/api/months/2024-09/unpublish', { method: 'POST', body: { reason: '核对数据' } }, 'admin')).status).toBe(200)
  expect((await testApi.send('/api/months/2024-09/publish', { method: 'POST', body: {} })).status).toBe(200)
  const proposed = await testApi.get<ProjectList>('/api/projects?escalation=proposed')
  expect(proposed.total).toBeGreaterThan(0)
  return proposed.items
}

describe('挂牌督办 on the project page', () => {
  it('lets the staff confirm the rule’s proposal, with a reason required, and the page then carries the mark', async () => {
    const [project] = await publishSeptemberAgain()
    testApi.signInAs('staff')
    const { user } = renderApp(`/projects/${project!.id}`)
    const section = await screen.findByRole('region', { name: '挂牌督办' })
    expect(section).toHaveTextContent('拟挂牌督办')
    expect(section).toHaveTextContent('7-9月连续3个月严重滞后')
    await user.click(within(section).getByRole('button', { name: '确认挂牌' }))
    const form = await screen.findByRole('form', { name: '确认挂牌' })
    await user.click(within(form).getByRole('button', { name: '确认挂牌' }))
    // The ErrorSummary of decision 73, and the field says what is missing.
    expect(await within(form).findByRole('alert')).toHaveTextContent('请修改以下 1 处后重新提交')
    expect(within(form).getByLabelText('确认挂牌理由')).toHaveAccessibleDescription('请填写理由')
    await user.type(within(form).getByLabelText('确认挂牌理由'), '连续三个月严重滞后，列入挂牌督办')
    await user.click(within(form).getByRole('button', { name: '确认挂牌' }))
    expect(await screen.findByRole('status')).toHaveTextContent('已确认挂牌督办，已通知业主单位')
    // The heading's mark: the flag is decoration, the words say it.
    const heading = await screen.findByRole('heading', { level: 1 })
    await waitFor(() => expect(heading).toHaveTextContent('挂牌督办'))
    expect(await testApi.get<ProjectDetail>(`/api/projects/${project!.id}`)).toMatchObject({ escalation: { status: 'listed', reason: '连续三个月严重滞后，列入挂牌督办' } })
  })

  it('lets the staff decline with a reason; the proposal is gone and nothing is marked', async () => {
    const [project] = await publishSeptemberAgain()
    testApi.signInAs('staff')
    const { user } = renderApp(`/projects/${project!.id}`)
    const section = await screen.findByRole('region', { name: '挂牌督办' })
    await user.click(within(section).getByRole('button', { name: '不予挂牌' }))
    const form = await screen.findByRole('form', { name: '不予挂牌' })
    await user.type(within(form).getByLabelText('不予挂牌理由'), '已成立专班推进')
    await user.click(within(form).getByRole('button', { name: '不予挂牌' }))
    expect(await screen.findByRole('status')).toHaveTextContent('已不予挂牌督办')
    expect(await testApi.get<ProjectDetail>(`/api/projects/${project!.id}`)).toMatchObject({ escalation: { status: null } })
  })

  it('offers no decision to a leader, who sees the listing only', async () => {
    const [project] = await publishSeptemberAgain()
    testApi.signInAs('leader')
    renderApp(`/projects/${project!.id}`)
    expect(await screen.findByRole('heading', { level: 1 })).not.toHaveTextContent('挂牌督办')
    expect(screen.queryByRole('button', { name: '确认挂牌' })).not.toBeInTheDocument()
  })
})

describe('the mark and 连续滞后 in the lists', () => {
  it('names a listed project 挂牌督办 beside its name in the project list filtered to 已挂牌督办, with its 连续滞后 months', async () => {
    const [project] = await publishSeptemberAgain()
    const confirmed = await testApi.send(`/api/projects/${project!.id}/escalation/confirm`, { method: 'POST', body: { version: project!.escalation.version, reason: '列入挂牌督办' } })
    expect(confirmed.status).toBe(200)
    const detail = await testApi.get<ProjectDetail>(`/api/projects/${project!.id}`)
    testApi.signInAs('leader')
    renderApp('/projects?escalation=listed')
    const table = await screen.findByRole('table', { name: '项目清单' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toHaveTextContent(project!.name)
    expect(rows[0]).toHaveTextContent('挂牌督办')
    expect(rows[0]).toHaveTextContent(`连续滞后${detail.lagStreakMonths}个月`)
    expect(screen.getByLabelText('挂牌督办')).toHaveValue('listed')
  })
})
