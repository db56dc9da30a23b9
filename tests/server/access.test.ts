import ExcelJS from 'exceljs'
import sharp from 'sharp'
import { XLSX_TYPE } from '@/contract/imports'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, type Role } from '@/contract'
import { can } from '@/domain/access'
import { ROUTE_ACCESS, createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { TEST_PASSWORD, clientWith, expectApiError, login, seededMemoryDatabase, sessionCookieOf, silentLogger } from './support'

/**
 * Least privilege, route by route: every API route × every role (and nobody signed in), as a table.
 * Each refusal must answer 401 or 403 in the error shape and leave every table exactly as it was.
 */

let database: Database
let app: ReturnType<typeof createApp>
let ownApp: ReturnType<typeof createApp>

beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = createApp({ database, logger: silentLogger() })
  ownApp = createApp({ database, logger: silentLogger(), ownerSees: 'own' })
  // The account the admin routes are tried on (so no demo account's password or role changes under us).
  const admin = clientWith(app, sessionCookieOf(await login(app, 'admin')))
  const created = await admin.request('/api/admin/accounts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'matrix-target', displayName: '被测账户', role: 'leader', password: 'matrix-password-1' }),
  })
  expect(created.status).toBe(201)
})
afterAll(async () => {
  await database?.close()
})

/** Every table's content that a request could change, as one comparable value. */
async function fingerprint() {
  const rows = await database.rows<{ t: string }>(sql`
    select json_build_object(
      'accounts', (select json_agg(a order by a.username) from (select username, display_name, role, owner_unit, password_hash, disabled, version from accounts) a),
      'sessions', (select count(*) from sessions where revoked_at is null),
      'audit', (select count(*) from audit_log),
      'meta', (select json_agg(m order by m.key) from (select key, value from meta) m),
      'projects', (select count(*) from projects),
      'reports', (select count(*) from monthly_reports),
      'status', (select count(*) from project_month_status),
      'photos', (select count(*) from report_photos)
    )::text as t`)
  return rows[0]!.t
}

const versionOf = async (username: string) =>
  Number((await database.rows<{ v: number }>(sql`select version as v from accounts where username = ${username}`))[0]!.v)

let seq = 0
/** The demo owner's projects (the report routes are tried on them). */
async function ownProjects(): Promise<string[]> {
  const rows = await database.rows<{ id: string }>(
    sql`select p.id from projects p join accounts a on a.owner_unit = p.owner_unit where a.username = 'owner' and p.actual_completion_date is null order by p.id limit 4`,
  )
  return rows.map((r) => r.id)
}
/** Put a report in a state directly, so the allowed role's step has something to act on. */
async function ensureReport(projectId: string, month: number, status: string): Promise<number> {
  await database.rows(sql`
    insert into monthly_reports (project_id, year, month, actual_wan, progress_percent, progress_text, forecast_year_wan, confidence, status, version)
    values (${projectId}, 2024, ${month}, 0, 100, '矩阵测试', 0, 'high', ${status}, 1)
    on conflict (project_id, year, month) do update set status = excluded.status, version = 1, flags = '[]'::jsonb`)
  return 1
}

/** A photo upload (multipart) of a small JPEG, as the page sends it. */
async function photoForm(caption: string): Promise<FormData> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#556677' } }).jpeg().toBuffer()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'matrix.jpg')
  form.append('caption', caption)
  return form
}

/** A photo of the demo owner's first project's October draft, uploaded once per use (one to delete, one to read). */
const ownersPhotos = new Map<string, Promise<{ projectId: string; id: string }>>()
const ownersPhoto = (use: 'delete' | 'read') => {
  if (!ownersPhotos.has(use)) ownersPhotos.set(use, uploadOwnersPhoto())
  return ownersPhotos.get(use)!
}
async function uploadOwnersPhoto(): Promise<{ projectId: string; id: string }> {
  const [projectId] = await ownProjects()
  const owner = clientWith(app, sessionCookieOf(await login(app, 'owner')))
  const response = await owner.request(`/api/projects/${projectId}/reports/2024-10/photos`, { method: 'POST', body: await photoForm(`矩阵测试照片${++seq}`) })
  expect(response.status, await response.clone().text()).toBe(201)
  return { projectId: projectId!, id: ((await response.json()) as { id: string }).id }
}

/** An approval's PDF upload (multipart), as the page sends it. */
function pdfForm(): FormData {
  const form = new FormData()
  form.append('file', new Blob([new TextEncoder().encode(`%PDF-1.4\n% 矩阵测试 ${++seq}\n%%EOF\n`)], { type: 'application/pdf' }), 'matrix.pdf')
  return form
}

/** The demo owner's first project's 用地预审与选址意见 with a PDF, attached once (for the readers' case). */
let attachedPdf: Promise<string> | null = null
const ownersPdf = () =>
  (attachedPdf ??= (async () => {
    const [own] = await ownProjects()
    const owner = clientWith(app, sessionCookieOf(await login(app, 'owner')))
    const response = await owner.request(`/api/projects/${own}/approvals/land-pre-review/file`, { method: 'POST', body: pdfForm() })
    expect(response.status, await response.clone().text()).toBe(200)
    return `/api/projects/${own}/approvals/land-pre-review/file`
  })())

/** A concrete request for a route: ids that exist, and a body that would succeed for an allowed role. */
async function requestFor(method: string, path: string): Promise<{ path: string; init: RequestInit }> {
  const concrete = path.replace(':zoneId', 'nanping').replace(':projectId', 'P001').replace(':username', 'matrix-target')
  const json = (body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  // 形象进度照片 (decision 81): the owner's own project's October draft (started by the upload), at most a few photos in all.
  if (path.endsWith('/reports/:month/photos')) {
    const [projectId] = await ownProjects()
    return { path: `/api/projects/${projectId}/reports/2024-10/photos`, init: { method, body: await photoForm('矩阵测试上传') } }
  }
  if (path.endsWith('/reports/:month/photos/:photoId')) {
    const photo = await ownersPhoto('delete')
    return { path: `/api/projects/${photo.projectId}/reports/2024-10/photos/${photo.id}`, init: { method } }
  }
  if (path.startsWith('/api/files/photos/:photoId')) {
    const photo = await ownersPhoto('read')
    return { path: path.replace(':photoId', photo.id), init: {} }
  }
  if (path.includes('/reports/:month')) {
    const [forSave, forSubmit, forApprove, forReturn] = await ownProjects()
    if (path.endsWith('/commission-confidence')) {
      const version = await ensureReport(forApprove!, 10, 'submitted')
      return { path: `/api/projects/${forApprove}/reports/2024-10/commission-confidence`, init: json({ version, confidence: 'medium', reason: '矩阵测试评定' }) }
    }
    if (method === 'PUT') {
      await database.rows(sql`delete from monthly_reports where project_id = ${forSave!} and year = 2024 and month = 12`)
      return { path: `/api/projects/${forSave}/reports/2024-12`, init: json({ actualWan: 0, progressPercent: 100, progressText: '矩阵测试' }) }
    }
    const action = path.split('/').at(-1)!
    const projectId = { submit: forSubmit, approve: forApprove, return: forReturn }[action]!
    const version = await ensureReport(projectId, 11, action === 'submit' ? 'draft' : 'submitted')
    return { path: `/api/projects/${projectId}/reports/2024-11/${action}`, init: json({ version, comment: '矩阵测试退回' }) }
  }
  if (path === '/api/projects/:projectId/problems') {
    return { path: '/api/projects/P001/problems', init: json({ category: '要素保障', description: '矩阵测试问题', measure: '协调', dueDate: '2099-12-31' }) }
  }
  if (path === '/api/problem-categories' && method === 'POST') return { path, init: json({ name: `矩阵测试类别${++seq}` }) }
  // An approval's PDF (decision 83): the owner's own project's 环评批复 attached and its reference removed; one attached to read.
  if (path === '/api/projects/:projectId/approvals/:kind/file') {
    const [own] = await ownProjects()
    if (method === 'POST') return { path: `/api/projects/${own}/approvals/eia-approval/file`, init: { method, body: pdfForm() } }
    if (method === 'DELETE') return { path: `/api/projects/${own}/approvals/eia-approval/file`, init: { method } }
    return { path: await ownersPdf(), init: {} }
  }
  // 前期手续 (decision 80): the owner's own project (the staff may write any), saved on the version it has.
  if (path === '/api/projects/:projectId/approvals/:kind') {
    const [own] = await ownProjects()
    const [row] = await database.rows<{ version: number }>(sql`select version from project_approvals where project_id = ${own!} and kind = 'eia-approval'`)
    return { path: `/api/projects/${own}/approvals/eia-approval`, init: json({ version: Number(row?.version ?? 0), status: 'in-progress', department: '区生态环境局' }) }
  }
  if (path === '/api/approval-kinds' && method === 'POST') return { path, init: json({ name: `矩阵测试手续${++seq}` }) }
  if (path === '/api/approval-kinds/:kind') {
    const [row] = await database.rows<{ version: number }>(sql`select version from approval_kinds where kind = 'eia-approval'`)
    return { path: '/api/approval-kinds/eia-approval', init: json({ version: Number(row!.version), retired: false }) }
  }
  if (path === '/api/problem-categories/:id') {
    const [row] = await database.rows<{ version: number }>(sql`select version from problem_categories where id = 1`)
    return { path: '/api/problem-categories/1', init: json({ version: Number(row!.version), retired: false }) }
  }
  if (path.includes('/problems/:problemId/')) {
    const action = path.split('/').at(-1)!
    const problemId = action === 'assign' ? 'P001-Q90' : 'P001-Q91'
    await database.rows(sql`
      insert into problems (id, project_id, seq, category, description, measure, status, raised_date, due_date, version)
      values (${problemId}, 'P001', ${action === 'assign' ? 90 : 91}, '矩阵', '矩阵测试', '协调', 'warning', '2024-03-01', '2024-12-31', 1)
      on conflict (id) do update set status = 'warning', version = 1`)
    const body = action === 'assign' ? { version: 1, department: '区住房城乡建委', dueDate: '2099-12-31' } : { version: 1, resolution: '已协调解决' }
    return { path: `/api/projects/P001/problems/${problemId}/${action}`, init: json(body) }
  }
  if (method === 'POST' && path === '/api/projects') {
    return { path, init: json({ name: `矩阵测试新增项目${++seq}`, zoneId: 'nanping', focusArea: 'livelihood', investmentType: 'government', stage: 'new-start', ownerUnit: '区城市建设发展平台公司', responsibleUnit: '区住房城乡建委', totalInvestmentWan: 50000, annualPlanWan: 12000, plannedStartDate: '2024-11-01', plannedCompletionDate: '2026-06-30' }) }
  }
  if (method === 'PATCH' && path === '/api/projects/:projectId') {
    const [row] = await database.rows<{ version: number }>(sql`select version from projects where id = 'P003'`)
    return { path: '/api/projects/P003', init: json({ version: Number(row!.version), plannedCompletionDate: `2030-12-${String(10 + (++seq % 18)).padStart(2, '0')}` }) }
  }
  if (path === '/api/projects/:projectId/retire') {
    const [row] = await database.rows<{ version: number }>(sql`select version from projects where id = 'P004'`)
    return { path: '/api/projects/P004/retire', init: json({ version: Number(row!.version), reason: '矩阵测试退出' }) }
  }
  if (path.startsWith('/api/projects/:projectId/escalation/')) {
    // 挂牌督办 (decision 76): P005 put in the state the step acts on (proposed for confirm and decline, listed for lift).
    const action = path.split('/').at(-1)!
    const status = action === 'lift' ? 'listed' : 'proposed'
    await database.rows(sql`
      insert into project_escalations (project_id, status, since, rule, evidence_month, version, updated_at)
      values ('P005', ${status}, '2024-10-08', '矩阵测试', '2024-09', 1, now())
      on conflict (project_id) do update set status = excluded.status, version = 1`)
    return { path: `/api/projects/P005/escalation/${action}`, init: json({ version: 1, reason: '矩阵测试' }) }
  }
  if (path === '/api/reports') return { path: '/api/reports?month=2024-10', init: {} }
  if (path.startsWith('/api/months/:month')) {
    // October open for the staff's publication; published for the admin's withdrawal.
    const action = path.split('/').at(-1)
    if (action === 'publish' || action === 'remind') await database.rows(sql`delete from month_publications where year = 2024 and month = 10`)
    if (action === 'unpublish') await database.rows(sql`insert into month_publications (year, month, published_at) values (2024, 10, now()) on conflict do nothing`)
    if (method === 'GET') return { path: '/api/months/2024-10', init: {} }
    return { path: `/api/months/2024-10/${action}`, init: json(action === 'publish' ? { comment: '矩阵测试发布' } : action === 'remind' ? { comment: '矩阵测试催报' } : { reason: '矩阵测试撤回' }) }
  }
  if (method === 'POST' && path === '/api/import/projects') {
    // A dry run of a one-project ledger: allowed means checked, and nothing is written either way.
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('项目台账')
    sheet.addRow(['项目名称', '所属片区', '四个聚焦', '投资类别', '建设性质', '业主单位', '责任单位', '总投资（万元）', '年度计划投资（万元）', '计划开工日期', '计划竣工日期'])
    sheet.addRow(['矩阵测试导入', '南坪', '聚焦民生所盼', '政府投资', '新开工', '区城市建设发展平台公司', '区住房城乡建委', 50000, 12000, '2024-11-01', '2026-06-30'])
    const body = new Blob([new Uint8Array(await workbook.xlsx.writeBuffer())])
    return { path: '/api/import/projects?dryRun=1', init: { method, headers: { 'Content-Type': XLSX_TYPE }, body } }
  }
  if (method === 'POST' && path === '/api/import/reports') {
    // A dry run of an empty month sheet: allowed means checked (0 rows), nothing is written either way.
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('月报').addRow(['项目编号', '当月完成投资（万元）', '形象进度（%）', '形象进度描述'])
    const body = new Blob([new Uint8Array(await workbook.xlsx.writeBuffer())])
    return { path: '/api/import/reports?month=2024-10&dryRun=1', init: { method, headers: { 'Content-Type': XLSX_TYPE }, body } }
  }
  if (path === '/api/import/reports/template.xlsx') return { path: `${path}?month=2024-10`, init: {} }
  if (path === '/api/notifications/read') return { path, init: json({ all: true }) }
  if (path === '/api/bulletins/:month') return { path: '/api/bulletins/2024-09', init: {} }
  if (method === 'GET') return { path: concrete, init: {} }
  if (path === '/api/auth/login') return { path: concrete, init: json({ username: 'leader', password: TEST_PASSWORD }) }
  if (path === '/api/auth/logout') return { path: concrete, init: { method } }
  if (path === '/api/admin/accounts') return { path: concrete, init: json({ username: `made-${++seq}`, displayName: '新账户', role: 'reviewer', password: 'a-long-password' }) }
  // The role's own password, set to the same again: allowed means changed, and the demo password still works.
  if (path === '/api/auth/password') return { path, init: json({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }) }
  if (path === '/api/admin/sign-in-throttle/lift') return { path, init: json({ username: 'matrix-target' }) }
  if (path.endsWith('/password')) return { path: concrete, init: json({ version: await versionOf('matrix-target'), password: `new-password-${++seq}` }) }
  if (method === 'PATCH') return { path: concrete, init: json({ version: await versionOf('matrix-target'), displayName: `改名${++seq}` }) }
  throw new Error(`no request built for ${method} ${path}: add one here`)
}

type Who = Role | 'anonymous'
const WHO: Who[] = ['anonymous', ...ROLES]

function expectedFor(access: (typeof ROUTE_ACCESS)[number]['access'], who: Who): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed'
  if (who === 'anonymous') return 401
  if (access === 'signed-in') return 'allowed'
  return can(who, access) ? 'allowed' : 403
}

const cases = ROUTE_ACCESS.flatMap((route) =>
  WHO.map((who) => ({ ...route, who, expected: expectedFor(route.access, who) })),
)

describe('every route × every role', () => {
  it('the table covers every API route the app serves', () => {
    const served = new Set(
      app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.endsWith('*')).map((r) => `${r.method} ${r.path}`),
    )
    expect([...served].sort()).toEqual(ROUTE_ACCESS.map((r) => `${r.method} ${r.path}`).sort())
  })

  // One sign-in per role (a scrypt hash each), not one per case; signing in or out ends the session it came
  // with, so those cases have their own.
  const sessions = new Map<string, Promise<string>>()
  const sessionOf = (who: string) => {
    if (!sessions.has(who)) sessions.set(who, Promise.resolve(login(app, who)).then(sessionCookieOf))
    return sessions.get(who)!
  }
  it.each(cases)('$method $path as $who → $expected', async ({ method, path, who, expected }) => {
    const cookie = who === 'anonymous' ? '' : path.startsWith('/api/auth/log') ? sessionCookieOf(await login(app, who)) : await sessionOf(who)
    const client = clientWith(app, cookie)
    const { path: url, init } = await requestFor(method, path)
    const before = await fingerprint()
    const response = await client.request(url, init)
    if (expected === 'allowed') {
      expect(response.status, `${who} ${method} ${url}: ${await response.clone().text()}`).toBeLessThan(300)
      return
    }
    expect(response.status, `${who} ${method} ${url}`).toBe(expected)
    const error = expectApiError(await response.json(), `${who} ${method} ${url}`)
    expect(error?.code).toBe(expected === 401 ? 'unauthenticated' : 'forbidden')
    expect(await fingerprint(), `${who} ${method} ${url} changed data although refused`).toBe(before)
  })
})

describe('per record: an owner unit limited to its own projects (OWNER_SEES=own)', () => {
  it("is refused another unit's project and nothing changes; its own project opens", async () => {
    const owner = clientWith(ownApp, sessionCookieOf(await login(ownApp, 'owner')))
    const [unitRow] = await database.rows<{ owner_unit: string }>(sql`select owner_unit from accounts where username = 'owner'`)
    const [own] = await database.rows<{ id: string }>(sql`select id from projects where owner_unit = ${unitRow!.owner_unit} order by id limit 1`)
    const [foreign] = await database.rows<{ id: string; owner_unit: string }>(
      sql`select id, owner_unit from projects where owner_unit <> ${unitRow!.owner_unit} order by id limit 1`,
    )
    const before = await fingerprint()
    const refused = await owner.request(`/api/projects/${foreign!.id}`)
    expect(refused.status).toBe(403)
    expect(expectApiError(await refused.json(), 'cross-unit')?.code).toBe('forbidden')
    expect(await fingerprint()).toBe(before)
    expect((await owner.request(`/api/projects/${own!.id}`)).status).toBe(200)
    // A filter for another unit finds nothing rather than leaking it.
    const list = (await (await owner.request(`/api/projects?owner=${encodeURIComponent(foreign!.owner_unit)}`)).json()) as { total: number }
    expect(list.total).toBe(0)
  })
})
