import type { Context } from 'hono'
import { z } from 'zod'
import {
  AsOfQuerySchema,
  type AsOf,
  CalendarSchema,
  FilterOptionsSchema,
  ForecastQuerySchema,
  ForecastSchema,
  ProjectDetailSchema,
  ProjectListSchema,
  SummarySchema,
  ZoneDetailSchema,
  ZoneListSchema,
  ProjectIdSchema,
  ProjectListQuerySchema,
  ZoneIdParamSchema,
  apiRoutes,
  type Calendar,
} from '@/contract'
import { can, scopeKey } from '@/domain/access'
import { chinaDate, resolveAsOf, unpublishedProblem } from '@/domain/calendar'
import { ResponseCache } from '../cache'
import { calendarOf, filterOptionsOf, forecastOf, projectAccessOf, projectDetailOf, projectListOf, summaryOf, zoneDetailOf, zoneListOf } from '../db/queries'
import { dataVersion } from '../db/write'
import { fail, type AppEnv, type Deps } from './context'
import type { Register } from './register'
import { ERRORS, NO_QUERY } from './spec'
import { shortHash } from '@/lib/hash'

type C = Context<AppEnv>

/**
 * The read endpoints: SQL answers for the reader's scope (every project, or an owner unit's own where
 * OWNER_SEES=own), cached per data version, scope and URL. The cache key and the ETag carry the scope,
 * so no answer made for one scope is ever served to another.
 */
export function dataRoutesOf(registerRoute: Register, deps: Deps) {
  const { database } = deps
  const cache = new ResponseCache(() => dataVersion(database.db))
  // An account that may read but sees nothing (an owner with no unit where OWNER_SEES=own) is refused, never served everything.
  const seesNothing = (c: C) => (c.get('scope').kind === 'none' ? fail(c, 403, 'forbidden', '账户未绑定业主单位，无权查看项目数据') : null)
  const register: Register = (method, path, spec, handler) => registerRoute(method, path, { ...spec, refuse: seesNothing }, handler)

  /** Answer from the cache for this scope, URL and data version, else compute; null → notFound. */
  const cachedJson = async (c: C, compute: () => Promise<unknown>, notFound?: () => Response | Promise<Response>, month?: string) => {
    const url = new URL(c.req.url)
    // The year and month resolved for this request are part of the key: an approval (or a new year opened) between
    // reading the calendar and computing must not store September's answer as the new version's default view.
    const key = `${scopeKey(c.get('scope'))}|${url.pathname}${url.search}|m${month ?? ''}`
    const { body, version } = await cache.get(key, compute)
    if (body === 'null') return notFound!()
    c.header('ETag', `W/"${version}-${shortHash(key)}"`)
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' })
  }
  // The calendar changes only when a write changes the data version, or the day turns: read it once per both.
  let calendarMemo: { version: string; calendar: Promise<Calendar> } | null = null
  const calendar = async () => {
    const now = deps.calendarNow()
    const version = `${await dataVersion(database.db)}|${chinaDate(now)}`
    if (!calendarMemo || calendarMemo.version !== version) {
      const memo = { version, calendar: calendarOf(database, now) }
      memo.calendar.catch(() => calendarMemo === memo && (calendarMemo = null))
      calendarMemo = memo
    }
    return calendarMemo.calendar
  }
  /**
   * The plan year and month asked for, or the open year's latest published; a year without a list or a month
   * not begun is a 400. A month not yet published is the staff's alone: anyone else asking for it is refused
   * (403, naming the latest published month; decision 63).
   */
  const monthOf = async (c: C, asOf: AsOf | undefined) => {
    const cal = await calendar()
    const month = resolveAsOf(asOf, cal, deps.calendarNow())
    if (month.ok && month.explicit && !month.published && !can(c.get('user').role, 'month:publish'))
      return { ok: false as const, response: fail(c, 403, 'month_unpublished', unpublishedProblem(cal, month.planYear, month.month)) }
    if (!month.ok) return { ok: false as const, response: badQuery(c, month.fields) }
    return month
  }
  /** The answer with whether its month is published (null stays null: not found). */
  const marked = <T extends object>(answer: Promise<T | null>, published: boolean) => answer.then((a) => (a === null ? null : { ...a, published }))
  /**
   * Why a reader has no page of a project for a year: it does not exist, that year's list does not name it
   * (404 for everyone), or it is another unit's — refused per record, not merely left out of a list.
   */
  const notShown = async (c: C, projectId: string, year: number) => {
    const access = await projectAccessOf(database, projectId, year, c.get('scope'))
    if (access === 'forbidden') return fail(c, 403, 'forbidden', '该项目不属于本单位，无权查看')
    return fail(c, 404, 'not_found', access === 'missing' ? `项目 ${projectId} 不存在` : `项目 ${projectId} 不在 ${year} 年度的重点项目清单中`)
  }
  const badQuery = (c: C, fields: Record<string, string>) => fail(c, 400, 'invalid_query', '查询参数无效', { fields })

  register('GET', apiRoutes.summary, { summary: '总览：合计、分组、逐月与欠序时进度最多的项目（默认截至最新发布的月份）', query: AsOfQuerySchema, responses: { 200: { description: '总览', schema: SummarySchema } }, errors: { ...ERRORS.badQuery, ...ERRORS.unpublished } }, async (c, { query }) => {
    const month = await monthOf(c, query.asOf)
    if (!month.ok) return month.response
    return cachedJson(
      c,
      () => marked(database.snapshot((d) => summaryOf(d, month.month, month, c.get('scope'), deps.forecast)), month.published),
      undefined,
      `${month.planYear}-${month.month}`,
    )
  })
  register('GET', apiRoutes.zones, { summary: '各片区合计与排名', query: AsOfQuerySchema, responses: { 200: { description: '片区列表', schema: ZoneListSchema } }, errors: { ...ERRORS.badQuery, ...ERRORS.unpublished } }, async (c, { query }) => {
    const month = await monthOf(c, query.asOf)
    if (!month.ok) return month.response
    return cachedJson(
      c,
      () => marked(database.snapshot((d) => zoneListOf(d, month.month, month.planYear, c.get('scope'))), month.published),
      undefined,
      `${month.planYear}-${month.month}`,
    )
  })
  register('GET', apiRoutes.zone, { summary: '一个片区', params: z.object({ zoneId: ZoneIdParamSchema.describe('片区编号，如 nanping') }), query: AsOfQuerySchema, responses: { 200: { description: '片区', schema: ZoneDetailSchema } }, errors: { ...ERRORS.badQuery, ...ERRORS.notFound, ...ERRORS.unpublished } }, async (c, { params: { zoneId }, query }) => {
    const month = await monthOf(c, query.asOf)
    if (!month.ok) return month.response
    return cachedJson(
      c,
      () => marked(database.snapshot((d) => zoneDetailOf(d, zoneId, month.month, month.planYear, c.get('scope'), deps.forecast)), month.published),
      () => fail(c, 404, 'not_found', `片区 ${zoneId} 不存在`),
      `${month.planYear}-${month.month}`,
    )
  })
  register('GET', apiRoutes.projects, { summary: '项目列表：筛选、排序、分页，以及筛选结果的合计', query: ProjectListQuerySchema, responses: { 200: { description: '项目列表', schema: ProjectListSchema } }, errors: { ...ERRORS.badQuery, ...ERRORS.unpublished } }, async (c, { query }) => {
    const month = await monthOf(c, query.asOf)
    if (!month.ok) return month.response
    return cachedJson(
      c,
      () => marked(database.snapshot((d) => projectListOf(d, query, month.month, month.planYear, c.get('scope'), deps.forecast)), month.published),
      undefined,
      `${month.planYear}-${month.month}`,
    )
  })
  register('GET', apiRoutes.project, { summary: '一个项目的全部字段（含来源标注）与截至月份的判断', params: z.object({ projectId: ProjectIdSchema.describe('项目编号，如 P001') }), query: AsOfQuerySchema, responses: { 200: { description: '项目', schema: ProjectDetailSchema } }, errors: { ...ERRORS.badQuery, ...ERRORS.notFound, ...ERRORS.unpublished } }, async (c, { params: { projectId }, query }) => {
    const month = await monthOf(c, query.asOf)
    if (!month.ok) return month.response
    return cachedJson(
      c,
      () => marked(projectDetailOf(database, projectId, month.month, month.planYear, c.get('scope'), deps.forecast), month.published),
      () => notShown(c, projectId, month.planYear),
      `${month.planYear}-${month.month}`,
    )
  })
  register('GET', apiRoutes.forecast, { summary: '全年预计：年度计划、已完成、业主预计与测算预计（全区与各片区，片区之和等于全区），及冲刺所需', query: ForecastQuerySchema, responses: { 200: { description: '全年预计', schema: ForecastSchema } }, errors: { ...ERRORS.badQuery, ...ERRORS.unpublished } }, async (c, { query }) => {
    const month = await monthOf(c, query.asOf)
    if (!month.ok) return month.response
    return cachedJson(
      c,
      () => marked(database.snapshot((d) => forecastOf(d, month.month, month.planYear, c.get('scope'), query.zone, deps.forecast)), month.published),
      undefined,
      `${month.planYear}-${month.month}`,
    )
  })
  register('GET', apiRoutes.calendar, { summary: '报送日历：计划年度、最新发布的月份（默认截至月份）、各月发布状态、报送截止日', query: NO_QUERY, responses: { 200: { description: '日历', schema: CalendarSchema } }, errors: ERRORS.badQuery }, async (c) => c.json({ ...(await calendar()), reportChecks: deps.reportChecks }, 200))
  register('GET', apiRoutes.filterOptions, { summary: '筛选项：片区、业主单位、责任单位', query: NO_QUERY, responses: { 200: { description: '筛选项', schema: FilterOptionsSchema } }, errors: ERRORS.badQuery }, async (c) => cachedJson(c, () => filterOptionsOf(database, c.get('scope'))))
}
