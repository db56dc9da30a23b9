import { File as NodeFile } from 'node:buffer'
import { screen, waitFor, within } from '@testing-library/react'
import { ApprovalSchema, type ApprovalList } from '@/contract/approvals'
import { apiSendForm } from '@/lib/api-upload'
import { testApi } from '../support/api'
import { renderApp } from '../render'

/**
 * 前期手续的批复文件 on a project's page (decision 83): a writer attaches an approval's PDF from the row and every
 * reader then has a link to it; what is not a PDF, what is too large and a change made meanwhile are refused, in
 * Chinese, beside the control.
 */

const approval = async (projectId: string, kind: string) => (await testApi.get<ApprovalList>(`/api/projects/${projectId}/approvals`)).items.find((a) => a.kind === kind)!
/**
 * The page's form and file as Node's fetch (under MSW) can send them: jsdom's FormData and File are not read by
 * it (a jsdom File arrives as the text "undefined"). Node's own FormData is taken from a parsed form; in a
 * browser the page's FormData and the input's File are the browser's.
 */
const NodeFormData = (await new Response('a=1', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }).formData()).constructor as typeof FormData
beforeEach(() => vi.stubGlobal('FormData', NodeFormData))
afterEach(() => vi.unstubAllGlobals())
const fileOf = (bytes: string | Uint8Array, name: string) => new NodeFile([bytes], name, { type: 'application/pdf' }) as unknown as File
const pdf = (name = '施工许可证.pdf') => fileOf('%PDF-1.4\n% 渝建施〔2024〕0123号\n%%EOF\n', name)
const table = () => screen.findByRole('table', { name: '前期手续' })

describe('批复文件 on a project’s page', () => {
  it('the staff attach 施工许可’s PDF: told it is done, and the row links to it', async () => {
    const { user } = renderApp('/projects/P001')
    const rows = await table()
    const input = within(rows).getByLabelText('上传施工许可批复文件（PDF）')
    expect(input).toHaveAttribute('accept', 'application/pdf,.pdf')
    expect(input).toHaveAccessibleDescription('不超过 20 MB')
    await user.upload(input, pdf())
    expect(await screen.findByText('施工许可的批复文件已上传')).toBeInTheDocument()
    const link = await within(await table()).findByRole('link', { name: '查看批复文件（PDF）：施工许可' })
    expect(link).toHaveAttribute('href', '/api/projects/P001/approvals/construction-permit/file')
    // Now it offers a replacement instead.
    expect(within(await table()).getByLabelText('替换施工许可批复文件（PDF）')).toBeInTheDocument()
    expect(await approval('P001', 'construction-permit')).toMatchObject({ fileUrl: '/api/projects/P001/approvals/construction-permit/file', version: 1 })
  })

  it('refuses a picture named .pdf (by its content) and a file over 20 MB, saying why beside the control', async () => {
    const { user } = renderApp('/projects/P001')
    const input = within(await table()).getByLabelText('上传环评批复文件（PDF）')
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    await user.upload(input, fileOf(png, '环评批复.pdf'))
    await waitFor(() => expect(within(screen.getByRole('table', { name: '前期手续' })).getByLabelText('上传环评批复文件（PDF）')).toHaveAccessibleDescription(/该文件是图片，不是 PDF/))
    expect((await approval('P001', 'eia-approval')).fileUrl).toBeNull()

    const large = fileOf(new Uint8Array(20 * 1024 * 1024 + 1), '环评批复.pdf')
    await user.upload(within(screen.getByRole('table', { name: '前期手续' })).getByLabelText('上传环评批复文件（PDF）'), large)
    await waitFor(() => expect(within(screen.getByRole('table', { name: '前期手续' })).getByLabelText('上传环评批复文件（PDF）')).toHaveAccessibleDescription(/批复文件超过 20 MB/))
  })

  it('refuses an upload over a change made meanwhile, says so, and shows the approval as it now is', async () => {
    const { user } = renderApp('/projects/P001')
    const input = within(await table()).getByLabelText('上传用地规划许可批复文件（PDF）')
    // Someone else records it after the page showed it.
    expect((await testApi.send('/api/projects/P001/approvals/land-planning-permit', { method: 'PUT', body: { status: 'in-progress' } })).status).toBe(200)
    await user.upload(input, pdf('用地规划许可证.pdf'))
    await waitFor(() => expect(within(screen.getByRole('table', { name: '前期手续' })).getByLabelText('上传用地规划许可批复文件（PDF）')).toHaveAccessibleDescription(/该手续已被他人修改，请查看最新内容后重试。列表已刷新为最新内容，请重新选择文件。/))
    await waitFor(() => expect(within(screen.getByRole('table', { name: '前期手续' })).getByRole('row', { name: /用地规划许可/ })).toHaveTextContent('◐ 办理中'))
    expect(await approval('P001', 'land-planning-permit')).toMatchObject({ fileUrl: null, version: 1 })
  })

  it('the staff take a wrong PDF off 施工许可 after confirming: the link goes, the row says 未上传, and a new one can be attached', async () => {
    const form = new FormData()
    form.append('file', pdf('错误的文件.pdf'))
    expect(await apiSendForm('/api/projects/P001/approvals/construction-permit/file', form, ApprovalSchema)).toMatchObject({ version: 1 })
    const { user } = renderApp('/projects/P001')
    const row = async () => within(await table()).getByRole('row', { name: /施工许可/ })
    await user.click(within(await row()).getByRole('button', { name: '去掉文件：施工许可批复文件' }))
    // Asked first; 不去掉 keeps it.
    await user.click(within(screen.getByRole('group', { name: '确认去掉施工许可批复文件' })).getByRole('button', { name: '不去掉' }))
    expect(within(await row()).getByRole('link', { name: '查看批复文件（PDF）：施工许可' })).toBeInTheDocument()
    await user.click(within(await row()).getByRole('button', { name: '去掉文件：施工许可批复文件' }))
    await user.click(within(screen.getByRole('group', { name: '确认去掉施工许可批复文件' })).getByRole('button', { name: '确认去掉' }))
    expect(await screen.findByText('已去掉施工许可的批复文件（原文件保留在修改记录中）')).toBeInTheDocument()
    await waitFor(async () => expect(within(await row()).queryByRole('link', { name: /查看批复文件/ })).not.toBeInTheDocument())
    expect(await row()).toHaveTextContent('未上传')
    expect(within(await row()).getByLabelText('上传施工许可批复文件（PDF）')).toBeInTheDocument()
    expect(await approval('P001', 'construction-permit')).toMatchObject({ fileUrl: null, version: 2 })
  })

  it('refuses taking a PDF off over a change made meanwhile, and says so', async () => {
    const form = new FormData()
    form.append('file', pdf())
    expect(await apiSendForm('/api/projects/P001/approvals/construction-permit/file', form, ApprovalSchema)).toMatchObject({ version: 1 })
    const { user } = renderApp('/projects/P001')
    const row = async () => within(await table()).getByRole('row', { name: /施工许可/ })
    await user.click(within(await row()).getByRole('button', { name: '去掉文件：施工许可批复文件' }))
    expect((await testApi.send('/api/projects/P001/approvals/construction-permit', { method: 'PUT', body: { version: 1, status: 'in-progress' } })).status).toBe(200)
    await user.click(within(screen.getByRole('group', { name: '确认去掉施工许可批复文件' })).getByRole('button', { name: '确认去掉' }))
    expect(await screen.findByText(/该手续已被他人修改，请查看最新内容后重试。列表已刷新为最新内容。/)).toBeInTheDocument()
    expect(await approval('P001', 'construction-permit')).toMatchObject({ fileUrl: '/api/projects/P001/approvals/construction-permit/file', version: 2 })
  })

  it('shows a leader the link to a PDF and nothing to upload', async () => {
    // The staff attach 施工许可's PDF as the page sends it.
    const form = new FormData()
    form.append('file', pdf())
    expect(await apiSendForm('/api/projects/P001/approvals/construction-permit/file', form, ApprovalSchema)).toMatchObject({ version: 1 })
    testApi.signInAs('leader')
    renderApp('/projects/P001')
    const rows = await table()
    expect(within(rows).queryByLabelText(/批复文件（PDF）/)).not.toBeInTheDocument()
    expect(within(rows).getByRole('link', { name: '查看批复文件（PDF）：施工许可' })).toHaveAttribute('href', '/api/projects/P001/approvals/construction-permit/file')
    expect(within(rows).getByRole('row', { name: /环评批复/ })).toHaveTextContent('未上传')
  })
})
