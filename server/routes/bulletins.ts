import type { Context } from 'hono'
import { z } from 'zod'
import { AsOfQuerySchema, type AsOf } from '@/contract'
import { BulletinListSchema, BulletinSchema, DOCX_TYPE, bulletinRoutes, type Bulletin } from '@/contract/bulletins'
import { can } from '@/domain/access'
import { bulletinTitle } from '@/domain/bulletin'
import { resolveAsOf, unpublishedProblem } from '@/domain/calendar'
import { bulletinDocument } from '../docx/bulletin-document'
import { bulletinListOf, draftBulletinOf, issuedBulletinOf } from '../db/bulletins'
import { MonthParamSchema } from '@/contract/months'
import { calendarOf } from '../db/queries'
import { fail, type AppEnv, type Deps } from './context'
import type { Register } from './register'
import { ERRORS, NO_QUERY } from './spec'

type C = Context<AppEnv>

/**
 * The issued bulletins (decision 64): the list, one month's bulletin as issued (or, for the staff, the month in
 * progress as a draft, 征求意见稿), and the same as an editable Word document. Who reads which follows the data
 * routes: published months for every reader of data, a month in progress for the staff only; an owner unit
 * limited to its own projects (OWNER_SEES=own) may not take the district's bulletin (403, as bulletin.xlsx).
 */
export function bulletinRoutesOf(registerRoute: Register, deps: Deps) {
  const { database } = deps
  const districtOnly = (c: C) => {
    const scope = c.get('scope')
    if (scope.kind === 'owner-unit') return fail(c, 403, 'forbidden', '业主单位账户只能查看本单位项目，不能查看全区通报')
    if (scope.kind === 'none') return fail(c, 403, 'forbidden', '账户未绑定业主单位，无权查看项目数据')
    return null
  }
  const register: Register = (method, path, spec, handler) => registerRoute(method, path, { ...spec, refuse: districtOnly }, handler)

  /** The bulletin of the month asked for (default: the latest published), or the refusal. */
  const bulletinFor = async (c: C, asOf: AsOf | undefined, field: string): Promise<{ ok: true; bulletin: Bulletin } | { ok: false; response: Response }> => {
    const now = deps.calendarNow()
    const calendar = await calendarOf(database, now)
    const month = resolveAsOf(asOf, calendar, now)
    if (!month.ok) return { ok: false, response: fail(c, 400, field === 'month' ? 'invalid_path' : 'invalid_query', field === 'month' ? '路径参数无效' : '查询参数无效', { fields: { [field]: month.fields.asOf } }) }
    if (!month.published) {
      if (can(c.get('user').role, 'month:publish'))
        return { ok: true, bulletin: await database.snapshot((d) => draftBulletinOf(d, month.planYear, month.month, month.latestReportMonth, deps.bulletin)) }
      if (month.explicit) return { ok: false, response: fail(c, 403, 'month_unpublished', unpublishedProblem(calendar, month.planYear, month.month)) }
      return { ok: false, response: fail(c, 404, 'not_found', '尚无已印发的通报') }
    }
    const issued = await issuedBulletinOf(database.db, month.planYear, month.month)
    if (!issued) return { ok: false, response: fail(c, 404, 'not_found', `${month.planYear}年${month.month}月的通报尚未印发`) }
    return { ok: true, bulletin: issued }
  }

  register('GET', bulletinRoutes.list, {
    summary: '已印发的进展情况通报：月份、文号、印发时间，最新的在前；随月份发布撤回的通报标明已撤回（文号不再使用）',
    query: NO_QUERY,
    responses: { 200: { description: '通报列表', schema: BulletinListSchema } },
    errors: ERRORS.badQuery,
  }, async (c) => c.json(await bulletinListOf(database.db), 200))

  register('GET', bulletinRoutes.one, {
    summary: '某月的进展情况通报：已发布月份为印发时保存的内容（此后的修改不影响）；正在报送的月份仅发改委工作人员可看（征求意见稿，无文号）',
    params: z.object({ month: MonthParamSchema.describe('月份 YYYY-MM') }),
    responses: { 200: { description: '通报', schema: BulletinSchema } },
    errors: { 400: '月份无效或尚未开始', ...ERRORS.notFound, ...ERRORS.unpublished },
  }, async (c, { params }) => {
    const found = await bulletinFor(c, { year: Number(params.month.slice(0, 4)), month: Number(params.month.slice(5, 7)) }, 'month')
    return found.ok ? c.json(found.bulletin, 200) : found.response
  })

  register('GET', bulletinRoutes.docx, {
    summary: '进展情况通报（Word .docx，可编辑）：与页面相同的文号、印发日期、主送、各部分、抄送与落款；默认为最新发布的月份',
    query: AsOfQuerySchema,
    responses: { 200: { description: '通报文档', file: DOCX_TYPE } },
    errors: { ...ERRORS.badQuery, ...ERRORS.notFound, ...ERRORS.unpublished },
  }, async (c, { query }) => {
    const found = await bulletinFor(c, query.asOf, 'asOf')
    if (!found.ok) return found.response
    const { bulletin } = found
    const { summary } = bulletin.content
    const name = `${bulletin.number ?? '征求意见稿'}_${bulletinTitle(summary.planYear, summary.asOfMonth)}.docx`
    return new Response(await bulletinDocument(bulletin), {
      status: 200,
      headers: {
        'Content-Type': DOCX_TYPE,
        'Content-Disposition': `attachment; filename="bulletin.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
      },
    })
  })
}
