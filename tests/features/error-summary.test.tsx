import { screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import type { MeResponse } from '@/contract'
import { renderApp } from '../render'

/**
 * A failed submit or save (decision 73): focus moves to a summary at the top of the form that names how many
 * fields to fix and links to each; a link takes the reader to its field.
 */
const summary = () => screen.getByRole('alert')
const linksOf = (alert: HTMLElement) => within(alert).getAllByRole('link')

describe('a failed submit is summarised at the top of its form', () => {
  it('月报: −5 and 120 leave focus on a summary that links to both fields', async () => {
    testApi.signInAs('owner')
    const unit = (await testApi.get<MeResponse>('/api/auth/me', 'owner')).user.ownerUnit!
    const project = (await testApi.seededProjects()).find((r) => r.ownerUnit === unit && r.actualCompletionDate === null && r.annualPlanWan > 1000)!
    const { user } = renderApp(`/projects/${project.id}`)
    await screen.findByRole('table', { name: '各月月报' })
    await user.selectOptions(screen.getByRole('combobox', { name: '填报月份' }), '2024-10')
    await user.click(screen.getByRole('button', { name: '填报10月月报' }))
    const form = await screen.findByRole('form', { name: '2024年10月月报' })
    await user.type(within(form).getByLabelText('当月完成投资（万元）'), '-5')
    await user.type(within(form).getByLabelText('形象进度（%）'), '120')
    await user.type(within(form).getByLabelText('形象进度描述'), '主体施工')
    await user.click(within(form).getByRole('button', { name: '提交审核' }))

    const alert = await within(form).findByRole('alert')
    await waitFor(() => expect(alert).toHaveFocus())
    expect(within(alert).getByRole('heading', { name: '请修改以下 2 处后重新提交' })).toBeInTheDocument()
    const [amountLink, percentLink] = linksOf(alert)
    const amount = within(form).getByLabelText('当月完成投资（万元）')
    const percent = within(form).getByLabelText('形象进度（%）')
    expect(amountLink).toHaveAttribute('href', `#${amount.id}`)
    expect(amountLink).toHaveTextContent(/^当月完成投资（万元）：/)
    expect(percentLink).toHaveAttribute('href', `#${percent.id}`)
    expect(percentLink).toHaveTextContent(/^形象进度（%）：/)

    await user.click(percentLink!)
    expect(percent).toHaveFocus()
    await user.click(amountLink!)
    expect(amount).toHaveFocus()

    // A second failed attempt takes focus back to the summary.
    await user.click(within(form).getByRole('button', { name: '保存草稿' }))
    await waitFor(() => expect(within(form).getByRole('alert')).toHaveFocus())
  })

  it('登记问题: the summary lists every empty field and a link focuses it', async () => {
    const project = (await testApi.seededProjects()).find((r) => r.problems.length === 0)!
    const { user } = renderApp(`/projects/${project.id}`)
    await user.click(await screen.findByRole('button', { name: '登记问题' }))
    const form = await screen.findByRole('form', { name: '登记问题' })
    await user.click(within(form).getByRole('button', { name: '登记' }))
    const alert = within(form).getByRole('alert')
    await waitFor(() => expect(alert).toHaveFocus())
    expect(within(alert).getByRole('heading', { name: '请修改以下 4 处后重新提交' })).toBeInTheDocument()
    expect(linksOf(alert).map((a) => a.textContent)).toEqual(['问题类别：请填写问题类别', '要求解决日期：请选择日期', '问题描述：请填写问题描述', '拟采取的措施：请填写拟采取的措施'])
    await user.click(within(alert).getByRole('link', { name: '问题描述：请填写问题描述' }))
    expect(within(form).getByLabelText('问题描述')).toHaveFocus()
  })

  it('修改密码: a mismatch is summarised, with a link to the field', async () => {
    testApi.signInAs('leader')
    const { user } = renderApp('/account/password')
    await screen.findByRole('form', { name: '修改密码' })
    await user.type(screen.getByLabelText('新密码'), 'new-password-2025')
    await user.click(screen.getByRole('button', { name: '修改密码' }))
    await waitFor(() => expect(summary()).toHaveFocus())
    const links = linksOf(summary())
    expect(links.map((a) => a.textContent)).toEqual([expect.stringMatching(/^当前密码：/), '再次输入新密码：请再次输入新密码'])
    await user.click(links[1]!)
    expect(screen.getByLabelText('再次输入新密码')).toHaveFocus()
  })

  it('新建账户: the server’s refusals are summarised and linked', async () => {
    testApi.signInAs('admin')
    const { user } = renderApp('/admin/accounts')
    await screen.findByRole('table', { name: '账户列表' })
    const form = screen.getByRole('form', { name: '新建账户' })
    await user.type(within(form).getByLabelText('用户名'), 'new-owner')
    await user.type(within(form).getByLabelText('姓名'), '新业主')
    await user.selectOptions(within(form).getByRole('combobox', { name: '角色' }), 'owner')
    await user.type(within(form).getByLabelText('初始密码'), 'short')
    await user.click(within(form).getByRole('button', { name: '创建账户' }))
    const alert = await within(form).findByRole('alert')
    await waitFor(() => expect(alert).toHaveFocus())
    const names = linksOf(alert).map((a) => a.textContent)
    expect(names).toContainEqual(expect.stringMatching(/^业主单位：业主单位账户必须绑定一个业主单位/))
    expect(names).toContainEqual(expect.stringMatching(/^初始密码：密码至少 10 个字符/))
    await user.click(within(alert).getByRole('link', { name: /^初始密码：/ }))
    expect(within(form).getByLabelText('初始密码')).toHaveFocus()
  })
})
