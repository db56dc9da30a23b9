import { screen, waitFor, within } from '@testing-library/react'
import type { ProjectList } from '@/contract'
import type { Approval, ApprovalList } from '@/contract/approvals'
import { testApi } from '../support/api'
import { renderApp } from '../render'

/**
 * 前期手续 on a project's page (decision 80): a 应开未开 project says near the top which approvals hold it up;
 * the section lists each approval's status in words; the staff fill one in, are told what is wrong in Chinese,
 * and a write someone else made meanwhile is refused, not overwritten.
 */

const stalledProject = async () => (await testApi.get<ProjectList>('/api/projects?status=not-started&pageSize=1')).items[0]!.id
const approval = async (projectId: string, kind: string) => (await testApi.get<ApprovalList>(`/api/projects/${projectId}/approvals`)).items.find((a) => a.kind === kind)!

describe('前期手续 on a project’s page', () => {
  it('names the missing approvals of a 应开未开 project, and the staff record 施工许可 obtained', async () => {
    const id = await stalledProject()
    const { user } = renderApp(`/projects/${id}`)
    const notice = await screen.findByText('应开未开，前期手续未齐')
    expect(notice.closest('p')).toHaveTextContent('尚未取得立项（可研）批复、用地预审与选址意见、用地规划许可、工程规划许可、施工许可、环评批复（共6项）')

    const table = await screen.findByRole('table', { name: '前期手续' })
    const row = within(table).getByRole('row', { name: /施工许可/ })
    // The status in words beside its mark, never a colour alone.
    expect(row).toHaveTextContent('○ 未启动')

    await user.click(within(table).getByRole('button', { name: '填写施工许可' }))
    const form = await screen.findByRole('form', { name: '填写施工许可' })
    await user.selectOptions(within(form).getByLabelText('办理状态'), '已取得')
    await user.click(within(form).getByRole('button', { name: '保存' }))
    const date = within(form).getByLabelText('取得日期')
    await waitFor(() => expect(date).toHaveAccessibleDescription(/已取得的手续请填写取得日期/))
    expect(await approval(id, 'construction-permit')).toMatchObject({ status: 'not-started', version: 0 })

    await user.type(date, '2024-09-20')
    await user.type(within(form).getByLabelText('文号（可选）'), '渝建施〔2024〕0123号')
    await user.selectOptions(within(form).getByLabelText('办理部门'), '区住房城乡建委')
    await user.click(within(form).getByRole('button', { name: '保存' }))
    expect(await screen.findByRole('status')).toHaveTextContent('施工许可已保存：已取得')

    await waitFor(() => expect(within(screen.getByRole('table', { name: '前期手续' })).getByRole('row', { name: /施工许可/ })).toHaveTextContent('✓ 已取得'))
    const saved = within(screen.getByRole('table', { name: '前期手续' })).getByRole('row', { name: /施工许可/ })
    expect(saved).toHaveTextContent('2024年9月20日')
    expect(saved).toHaveTextContent('渝建施〔2024〕0123号')
    expect(saved).toHaveTextContent('区住房城乡建委')
    await waitFor(() => expect(screen.getByText('应开未开，前期手续未齐').closest('p')).toHaveTextContent('尚未取得立项（可研）批复、用地预审与选址意见、用地规划许可、工程规划许可、环评批复（共5项）'))
    expect(await approval(id, 'construction-permit')).toMatchObject<Partial<Approval>>({ status: 'obtained', obtainedOn: '2024-09-20', number: '渝建施〔2024〕0123号', department: '区住房城乡建委', version: 1 })
  })

  it('refuses a save over a change made meanwhile, says so, and keeps the other change', async () => {
    const id = await stalledProject()
    const { user } = renderApp(`/projects/${id}`)
    const table = await screen.findByRole('table', { name: '前期手续' })
    await user.click(within(table).getByRole('button', { name: '填写环评批复' }))
    const form = await screen.findByRole('form', { name: '填写环评批复' })
    // Someone else records it first.
    expect((await testApi.send(`/api/projects/${id}/approvals/eia-approval`, { method: 'PUT', body: { status: 'in-progress', department: '区生态环境局' } })).status).toBe(200)
    await user.selectOptions(within(form).getByLabelText('办理状态'), '不需要')
    await user.click(within(form).getByRole('button', { name: '保存' }))
    expect(await within(form).findByText(/该手续已被他人修改，请查看最新内容后重试。表格已刷新为最新内容，请取消后重新填写。/)).toBeInTheDocument()
    await waitFor(() => expect(within(screen.getByRole('table', { name: '前期手续' })).getByRole('row', { name: /环评批复/ })).toHaveTextContent('◐ 办理中'))
    expect(await approval(id, 'eia-approval')).toMatchObject({ status: 'in-progress', version: 1 })
  })

  it('shows a leader the approvals with nothing to fill in', async () => {
    testApi.signInAs('leader')
    renderApp('/projects/P001')
    const table = await screen.findByRole('table', { name: '前期手续' })
    expect(within(table).getAllByRole('row')).toHaveLength(7)
    expect(within(table).queryByRole('button')).not.toBeInTheDocument()
    // P001 is not 应开未开: no notice.
    expect(screen.queryByText('应开未开，前期手续未齐')).not.toBeInTheDocument()
  })
})

describe('the lists', () => {
  it('/projects filters by a missing approval, kept in the URL, and names what each 应开未开 project lacks', async () => {
    const { user, router } = renderApp('/projects?status=not-started')
    await user.click(await screen.findByRole('button', { name: /展开筛选条件/ }))
    const filter = await screen.findByLabelText('未取得的前期手续')
    await waitFor(() => expect(within(filter).getByRole('option', { name: '施工许可' })).toBeInTheDocument())
    await user.selectOptions(filter, '施工许可')
    await waitFor(() => expect(router.state.location.search).toContain('missingApproval=construction-permit'))
    const table = await screen.findByRole('table', { name: '项目清单' })
    await waitFor(() => expect(within(table).getAllByText(/未取得：立项（可研）批复、用地预审与选址意见、用地规划许可、工程规划许可、施工许可、环评批复/).length).toBeGreaterThan(0))
  })
})

describe('前期手续类别 in 口径说明', () => {
  it('the staff add a kind, which every project is then asked for, and retire it again', async () => {
    const { user } = renderApp('/help')
    const form = await screen.findByRole('form', { name: '新增前期手续' })
    await user.type(within(form).getByLabelText('新手续名称'), '水土保持方案批复')
    await user.click(within(form).getByRole('button', { name: '新增手续' }))
    expect(await screen.findByText('已新增前期手续“水土保持方案批复”')).toBeInTheDocument()
    const table = screen.getByRole('table', { name: '前期手续类别' })
    await waitFor(() => expect(within(table).getByRole('row', { name: /水土保持方案批复/ })).toHaveTextContent('启用'))
    expect((await testApi.get<ApprovalList>('/api/projects/P001/approvals')).items.at(-1)).toMatchObject({ name: '水土保持方案批复', status: 'not-started' })

    await user.click(within(table).getByRole('button', { name: '停用 水土保持方案批复' }))
    expect(await screen.findByText('已停用前期手续“水土保持方案批复”')).toBeInTheDocument()
    expect((await testApi.get<ApprovalList>('/api/projects/P001/approvals')).items.map((a) => a.name)).not.toContain('水土保持方案批复')
  })

  it('shows a leader the list without controls', async () => {
    testApi.signInAs('leader')
    renderApp('/help')
    const table = await screen.findByRole('table', { name: '前期手续类别' })
    expect(within(table).getAllByRole('row')).toHaveLength(7)
    expect(screen.queryByRole('form', { name: '新增前期手续' })).not.toBeInTheDocument()
  })
})
