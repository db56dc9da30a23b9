import { ESCALATED_SHOWN } from '@/domain/answers'
import {
  CalendarSchema,
  FOCUS_AREAS,
  INVESTMENT_TYPES,
  STAGES,
  emptyLagCounts,
  isDelayedClass,
  type FilterOptions,
  type Forecast,
  type ForecastFigures,
  type GroupFigures,
  type MonthlyPoint,
  type ProjectDetail,
  type ProjectList,
  type ProjectListItem,
  type Summary,
  type ZoneDetail,
  type ZoneList,
  type ZoneSummary,
} from '@/contract'
import { resolveAsOf } from '@/domain/calendar'
import { FOCUS_AREA_LABELS, INVESTMENT_TYPE_LABELS, STAGE_LABELS, ZONES, isRankedZone } from '@/domain/labels'
import { provenanceOf } from '@/domain/provenance'
import { groupCatchUpOf, ownerForecastOf } from '@/domain/forecast'
import { gapInPoints, scheduleRate } from '@/domain/rules'
import type { Database } from '../../server/db/client'
import { CONTRACT_CASES, DETAIL_PATHS, type ContractCase } from './cases'
import { serverDatabases, serverTarget, type Target } from './targets'

/**
 * The owner scope (OWNER_SEES=own) is answered by the same SQL as every other reader, limited to the
 * unit's projects. Each read case of the contract suite is asked as the demo owner on a server with
 * OWNER_SEES=own and checked against an oracle the scope code plays no part in: the same database
 * served with OWNER_SEES=all to the staff, filtered to the unit (`owner=`), and figures summed here
 * from those list items and project pages. On the embedded database, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */

type Setup = {
  name: string
  database: Database
  /** OWNER_SEES=own, signed in as the demo owner: the answers under test. */
  owner: Target
  /** OWNER_SEES=own, signed in as the staff: sees every project. */
  staffOwn: Target
  /** OWNER_SEES=all, signed in as the demo owner: sees every project. */
  ownerAll: Target
  /** OWNER_SEES=all, signed in as the staff: the oracle. */
  staff: Target
  unit: string
}

const setups: Setup[] = []
const enc = encodeURIComponent
const collator = new Intl.Collator('zh-CN', { numeric: true })

beforeAll(async () => {
  // One database per kind, shared by the four servers over it (the embedded one takes seconds to start).
  for (const { name, database } of await serverDatabases()) {
    const owner = await serverTarget(`${name}, own`, database, { ownerSees: 'own' })
    await owner.signInAs('owner')
    const staffOwn = await serverTarget(`${name}, own, staff`, database, { ownerSees: 'own' })
    const ownerAll = await serverTarget(`${name}, all, owner`, database, { ownerSees: 'all' })
    await ownerAll.signInAs('owner')
    const staff = await serverTarget(`${name}, all`, database, { ownerSees: 'all' })
    const me = (await owner.request('/api/auth/me')).body as { user: { ownerUnit: string | null } }
    setups.push({ name, database, owner, staffOwn, ownerAll, staff, unit: me.user.ownerUnit! })
  }
})
afterAll(async () => {
  for (const setup of setups) await setup.database.close()
})

const GET_CASES = CONTRACT_CASES.filter((c) => (c.method ?? 'GET') === 'GET')
const READ_CASES = GET_CASES.filter((c) => c.status === 200)
const kindOf = ({ path }: ContractCase) => {
  const { pathname } = new URL(path, 'http://localhost')
  if (pathname === '/api/summary') return 'summary'
  if (pathname === '/api/zones') return 'zones'
  if (pathname.startsWith('/api/zones/')) return 'zone'
  if (pathname === '/api/projects') return 'list'
  // 前期手续 (decision 80): the project's, refused per record as its page is.
  if (pathname.startsWith('/api/projects/') && pathname.endsWith('/approvals')) return 'approvals'
  if (pathname.startsWith('/api/projects/')) return 'project'
  if (pathname === '/api/filter-options') return 'filter-options'
  if (pathname === '/api/forecast') return 'forecast'
  // A vocabulary, not project data: the same for every reader.
  if (pathname === '/api/problem-categories' || pathname === '/api/approval-kinds') return 'vocabulary'
  throw new Error(`no oracle for ${path}`)
}

async function ok<T>(target: Target, path: string): Promise<T> {
  const answer = await target.request(path)
  expect(answer.status, `${target.name} ${path}: ${JSON.stringify(answer.body)}`).toBe(200)
  return answer.body as T
}

/** The month (and year) a path asks for, as the server resolves it. */
/** Whether the path asks for a month not yet published (the staff's alone). */
async function isUnpublished(setup: Setup, path: string) {
  if (!new URL(path, 'http://localhost').searchParams.has('asOf')) return false
  const period = await periodOf(setup, path).catch(() => null)
  return period !== null && !period.published
}

async function periodOf(setup: Setup, path: string) {
  const calendar = CalendarSchema.parse(await ok(setup.staff, '/api/calendar'))
  const asOf = new URL(path, 'http://localhost').searchParams.get('asOf')
  const month = resolveAsOf(asOf ? { year: Number(asOf.slice(0, 4)), month: Number(asOf.slice(5, 7)) } : undefined, calendar, new Date())
  if (!month.ok) throw new Error(`bad asOf in ${path}`)
  return month
}

// ---- The oracle: the unit's projects as the all-projects server lists them, and sums made here. ----

/** Every project of the unit as judged at the end of `month`, from the staff's list filtered to the unit. */
async function unitItems(setup: Setup, year: number, month: number): Promise<ProjectListItem[]> {
  const list = await ok<ProjectList>(setup.staff, `/api/projects?owner=${enc(setup.unit)}&pageSize=200&asOf=${year}-${String(month).padStart(2, '0')}`)
  expect(list.total).toBeLessThanOrEqual(200)
  return list.items
}

/** The unit's project pages (monthly figures, dates, provenance), from the staff. */
const pagesMemo = new Map<string, ProjectDetail[]>()
async function unitPages(setup: Setup, year: number): Promise<ProjectDetail[]> {
  const key = `${setup.name}|${year}`
  if (!pagesMemo.has(key)) {
    const items = await unitItems(setup, year, 1)
    pagesMemo.set(key, await Promise.all(items.map((i) => ok<ProjectDetail>(setup.staff, `/api/projects/${i.id}?asOf=${year}-01`))))
  }
  return pagesMemo.get(key)!
}

function figuresOf(items: readonly ProjectListItem[], month: number): GroupFigures {
  const lagCounts = emptyLagCounts()
  let totalInvestmentWan = 0
  let annualPlanWan = 0
  let cumulativeActualWan = 0
  let shortfallWan = 0
  let delayedShortfallWan = 0
  let notStartedRedCount = 0
  for (const item of items) {
    totalInvestmentWan += item.totalInvestmentWan
    annualPlanWan += item.annualPlanWan
    cumulativeActualWan += item.status.cumulativeActualWan
    shortfallWan += item.status.shortfallWan
    if (isDelayedClass(item.status.lagClass)) delayedShortfallWan += item.status.shortfallWan
    lagCounts[item.status.lagClass] += 1
    if (item.status.lagClass === 'not-started' && item.status.severity === 'red') notStartedRedCount += 1
  }
  const completionRate = annualPlanWan > 0 ? cumulativeActualWan / annualPlanWan : null
  return {
    projectCount: items.length,
    totalInvestmentWan,
    annualPlanWan,
    cumulativeActualWan,
    shortfallWan,
    delayedShortfallWan,
    lagCounts,
    notStartedRedCount,
    completionRate,
    gapPoints: completionRate === null ? null : gapInPoints(completionRate, scheduleRate(month)),
  }
}

function keyed<K extends string>(items: readonly ProjectListItem[], month: number, keys: readonly K[], labels: Record<K, string>, keyOf: (item: ProjectListItem) => string) {
  return keys.map((key) => ({ key, label: labels[key], ...figuresOf(items.filter((i) => keyOf(i) === key), month) }))
}

/** The largest shortfalls first, then the worse gap, then the id; ten at most. */
const behind = (items: readonly ProjectListItem[]) =>
  items
    .filter((i) => i.status.shortfallWan > 0)
    .sort((a, b) => b.status.shortfallWan - a.status.shortfallWan || (a.status.gapPoints ?? 0) - (b.status.gapPoints ?? 0) || (a.id < b.id ? -1 : 1))
    .slice(0, 10)

/** The overview's 挂牌督办项目 of these projects: listed ones, largest shortfall first (then by id), the first few and the count. */
const escalatedOf = (items: readonly ProjectListItem[]) => {
  const listed = items.filter((i) => i.escalation.status === 'listed').sort((a, b) => b.status.shortfallWan - a.status.shortfallWan || (a.id < b.id ? -1 : 1))
  return { items: listed.slice(0, ESCALATED_SHOWN), total: listed.length }
}

/** Ranks of the seven zones by rate, best first; a zone without a rate after every zone with one, in the zones' order. */
function ranksOf(rates: Map<string, number | null>): Map<string, number> {
  const ranked = ZONES.filter((z) => isRankedZone(z.id)).map((z, i) => ({ id: z.id, rate: rates.get(z.id) ?? null, i }))
  ranked.sort((a, b) => (a.rate === null ? 1 : 0) - (b.rate === null ? 1 : 0) || (b.rate ?? 0) - (a.rate ?? 0) || a.i - b.i)
  return new Map(ranked.map((z, i) => [z.id, i + 1]))
}

async function zoneCardsOf(setup: Setup, year: number, month: number) {
  const now = await unitItems(setup, year, month)
  const before = month > 1 ? await unitItems(setup, year, month - 1) : null
  const cards = ZONES.map((zone) => {
    const figures = figuresOf(now.filter((i) => i.zoneId === zone.id), month)
    const previousActual = before?.filter((i) => i.zoneId === zone.id).reduce((sum, i) => sum + i.status.cumulativeActualWan, 0) ?? null
    const previousCompletionRate = previousActual !== null && figures.annualPlanWan > 0 ? previousActual / figures.annualPlanWan : null
    return { ...figures, id: zone.id, name: zone.name, group: zone.group, previousCompletionRate }
  })
  const rank = ranksOf(new Map(cards.map((c) => [c.id, c.completionRate])))
  const previousRank = before ? ranksOf(new Map(cards.map((c) => [c.id, c.previousCompletionRate]))) : null
  return {
    now,
    before,
    cards: cards.map((c): ZoneSummary => ({ ...c, rank: rank.get(c.id) ?? null, previousRank: previousRank?.get(c.id) ?? null })),
  }
}

function monthlyOf(pages: readonly ProjectDetail[], month: number): MonthlyPoint[] {
  let cumulativePlanWan = 0
  let cumulativeActualWan = 0
  return Array.from({ length: 12 }, (_, i) => {
    const planWan = pages.reduce((sum, p) => sum + p.monthlyPlanWan[i]!, 0)
    const actual = pages.reduce((sum, p) => sum + (p.monthlyActualWan[i] ?? 0), 0)
    cumulativePlanWan += planWan
    cumulativeActualWan += actual
    const shown = i + 1 <= month
    return { month: i + 1, planWan, actualWan: shown ? actual : null, cumulativePlanWan, cumulativeActualWan: shown ? cumulativeActualWan : null }
  })
}

const monthIn = (date: string, year: number) => (Number(date.slice(0, 4)) < year ? 0 : Number(date.slice(0, 4)) > year ? 13 : Number(date.slice(5, 7)))

/** The year's new starts (新开工): planned, due by the month, and started by then (early starts included). */
function newStartsOf(pages: readonly ProjectDetail[], year: number, month: number) {
  const planned = pages.filter((p) => p.stage === 'new-start')
  const isStarted = (p: ProjectDetail) => p.actualStartDate !== null && monthIn(p.actualStartDate, year) <= month
  const due = planned.filter((p) => monthIn(p.plannedStartDate, year) <= month)
  const started = planned.filter(isStarted).length
  return {
    plannedThisYear: planned.length,
    dueToDate: due.length,
    started,
    startedOfDue: due.filter(isStarted).length,
    startRateToDate: due.length > 0 ? due.filter(isStarted).length / due.length : null,
    startRateYear: planned.length > 0 ? started / planned.length : null,
  }
}

const provenanceOfPages = (pages: readonly ProjectDetail[]) => provenanceOf(pages.some((p) => p.simulated))

/**
 * The forecast of the unit's projects, from the oracle: each project page's own forecasts summed by zone, the
 * catch-up of each group from the pages' monthly actuals; the pattern and settings are the district's.
 */
async function expectedForecast(setup: Setup, path: string) {
  const { planYear, month, published } = await periodOf(setup, path)
  const zone = new URL(path, 'http://localhost').searchParams.get('zone')
  const asOf = `${planYear}-${String(month).padStart(2, '0')}`
  const district = await ok<Forecast>(setup.staff, `/api/forecast?asOf=${asOf}`)
  const items = (await unitItems(setup, planYear, month)).filter((i) => !zone || i.zoneId === zone)
  const pages = await Promise.all(items.map((i) => ok<ProjectDetail>(setup.staff, `/api/projects/${i.id}?asOf=${asOf}`)))
  const first = Math.max(1, month - 2)
  const figures = (group: readonly ProjectDetail[]): ForecastFigures => {
    let planWan = 0
    let actualWan = 0
    let ownerForecastWan = 0
    let computedForecastWan = 0
    let withoutOwnerForecastCount = 0
    let optimisticCount = 0
    for (const page of group) {
      const owner = ownerForecastOf(page.forecast!.ownerForecastWan, {
        finished: page.status.lagClass === 'completed',
        annualPlanWan: page.annualPlanWan,
        cumulativeActualWan: page.status.cumulativeActualWan,
      })
      planWan += page.annualPlanWan
      actualWan += page.status.cumulativeActualWan
      ownerForecastWan += owner.wan
      computedForecastWan += page.forecast!.computedForecastWan
      if (!owner.given) withoutOwnerForecastCount++
      if (page.forecast!.optimistic) optimisticCount++
    }
    const recent = Array.from({ length: month - first + 1 }, (_, i) => group.reduce((sum, p) => sum + (p.monthlyActualWan[first + i - 1] ?? 0), 0))
    return { projectCount: group.length, planWan, actualWan, ownerForecastWan, computedForecastWan, withoutOwnerForecastCount, optimisticCount, catchUp: groupCatchUpOf(planWan, actualWan, month, recent) }
  }
  return {
    asOf,
    planYear,
    asOfMonth: month,
    published,
    ...figures(pages),
    byZone: ZONES.filter((z) => !zone || z.id === zone).map((z) => ({ zoneId: z.id, name: z.name, ...figures(pages.filter((p) => p.zoneId === z.id)) })),
    pattern: district.pattern,
    settings: district.settings,
    provenance: provenanceOfPages(await unitPages(setup, planYear)),
  }
}

/** The summary of the unit's projects, from the oracle. */
async function expectedSummary(setup: Setup, path: string) {
  const { planYear, month, latestReportMonth, published } = await periodOf(setup, path)
  const { now, before, cards } = await zoneCardsOf(setup, planYear, month)
  const pages = await unitPages(setup, planYear)
  const totals = figuresOf(now, month)
  const previousActualWan = before?.reduce((sum, i) => sum + i.status.cumulativeActualWan, 0) ?? null
  const previousRate = previousActualWan !== null && totals.annualPlanWan > 0 ? previousActualWan / totals.annualPlanWan : null
  return {
    ...totals,
    planYear,
    asOfMonth: month,
    published,
    latestReportMonth,
    scheduleRate: scheduleRate(month),
    previous:
      previousActualWan === null
        ? null
        : { cumulativeActualWan: previousActualWan, completionRate: previousRate, gapPoints: previousRate === null ? null : gapInPoints(previousRate, scheduleRate(month - 1)) },
    newStarts: newStartsOf(pages, planYear, month),
    completedCount: totals.lagCounts.completed,
    byZone: cards,
    byInvestmentType: keyed(now, month, INVESTMENT_TYPES, INVESTMENT_TYPE_LABELS, (i) => i.investmentType),
    byFocusArea: keyed(now, month, FOCUS_AREAS, FOCUS_AREA_LABELS, (i) => i.focusArea),
    byStage: keyed(now, month, STAGES, STAGE_LABELS, (i) => i.stage),
    monthly: monthlyOf(pages, month),
    mostBehind: behind(now),
    escalated: escalatedOf(now),
    provenance: provenanceOfPages(pages),
  }
}

async function expectedZone(setup: Setup, path: string) {
  const zoneId = new URL(path, 'http://localhost').pathname.split('/').pop()!
  const { planYear, month, published } = await periodOf(setup, path)
  const { now, cards } = await zoneCardsOf(setup, planYear, month)
  const pages = await unitPages(setup, planYear)
  const inZone = now.filter((i) => i.zoneId === zoneId)
  return {
    ...cards.find((c) => c.id === zoneId)!,
    planYear,
    asOfMonth: month,
    published,
    scheduleRate: scheduleRate(month),
    byStage: keyed(inZone, month, STAGES, STAGE_LABELS, (i) => i.stage),
    byInvestmentType: keyed(inZone, month, INVESTMENT_TYPES, INVESTMENT_TYPE_LABELS, (i) => i.investmentType),
    monthly: monthlyOf(pages.filter((p) => p.zoneId === zoneId), month),
    shortfallProjects: behind(inZone),
    provenance: provenanceOfPages(pages),
  }
}

/** The staff's answer to the same list question about the unit's projects (or, for another unit's, none). */
async function expectedList(setup: Setup, path: string): Promise<ProjectList> {
  const asked = new URL(path, 'http://localhost').searchParams.get('owner')
  if (asked === null) return ok<ProjectList>(setup.staff, `${path}${path.includes('?') ? '&' : '?'}owner=${enc(setup.unit)}`)
  if (asked === setup.unit) return ok<ProjectList>(setup.staff, path)
  // Another unit's projects: an empty list, not theirs.
  const all = await ok<ProjectList>(setup.staff, path)
  return {
    ...all,
    items: [],
    total: 0,
    page: 1,
    totals: { totalInvestmentWan: 0, annualPlanWan: 0, cumulativeActualWan: 0, shortfallWan: 0, completionRate: null },
    lagCounts: emptyLagCounts(),
    provenance: provenanceOfPages(await unitPages(setup, all.planYear)),
  }
}

async function expectedFilterOptions(setup: Setup): Promise<FilterOptions> {
  const { planYear } = await periodOf(setup, '/api/filter-options')
  const pages = await unitPages(setup, planYear)
  return {
    zones: ZONES.map((z) => ({ id: z.id, name: z.name })),
    ownerUnits: pages.length > 0 ? [setup.unit] : [],
    responsibleUnits: [...new Set(pages.map((p) => p.responsibleUnit))].sort(collator.compare),
  }
}

describe('without the owner limit, every read case of the contract suite answers as for the staff', () => {
  it.each(GET_CASES)('$name', async ({ path, status }) => {
    for (const setup of setups) {
      const expected = await setup.staff.request(path)
      expect(expected.status, `${setup.staff.name} ${path}`).toBe(status)
      // A month not yet published is the staff's alone (decision 63): the owner is refused it, naming the latest published month.
      const unpublished = status === 200 && (await isUnpublished(setup, path))
      for (const target of [setup.staffOwn, setup.ownerAll]) {
        const answer = await target.request(path)
        if (unpublished && target === setup.ownerAll) {
          expect(answer.status, `${target.name} ${path}`).toBe(403)
          expect(answer.body, `${target.name} ${path}`).toMatchObject({ error: { code: 'month_unpublished' } })
          continue
        }
        expect(answer.status, `${target.name} ${path}`).toBe(status)
        expect(answer.body, `${target.name} ${path}`).toEqual(expected.body)
      }
    }
  })
})

describe('OWNER_SEES=own: the owner’s answer to every read case of the contract suite', () => {
  it('binds the demo owner to a unit with projects in some zones and none in others', async () => {
    for (const setup of setups) {
      const { cards } = await zoneCardsOf(setup, 2024, 9)
      expect(cards.filter((c) => c.projectCount > 0).length, setup.name).toBeGreaterThan(0)
      expect(cards.filter((c) => c.projectCount === 0).length, setup.name).toBeGreaterThan(0)
    }
  })

  it.each(READ_CASES)('$name: as the oracle', async (contractCase) => {
    const { path } = contractCase
    const kind = kindOf(contractCase)
    for (const setup of setups) {
      const label = `${setup.owner.name} ${path}`
      if (await isUnpublished(setup, path)) {
        const refused = await setup.owner.request(path)
        expect(refused.status, label).toBe(403)
        expect(refused.body, label).toMatchObject({ error: { code: 'month_unpublished' } })
        continue
      }
      if (kind === 'vocabulary') {
        expect(await ok(setup.owner, path), label).toEqual(await ok(setup.staff, path))
        continue
      }
      if (kind === 'approvals') {
        const project = await ok<ProjectDetail>(setup.staff, path.replace(/\/approvals$/, ''))
        const answer = await setup.owner.request(path)
        if (project.ownerUnit === setup.unit) {
          expect(answer.status, label).toBe(200)
          expect(answer.body, label).toEqual(await ok(setup.staff, path))
        } else {
          expect(answer.status, label).toBe(403)
          expect(answer.body, label).toMatchObject({ error: { code: 'forbidden', message: '该项目不属于本单位，无权查看' } })
        }
        continue
      }
      if (kind === 'project') {
        const id = new URL(path, 'http://localhost').pathname.split('/').pop()!
        const all = await ok<ProjectDetail>(setup.staff, path)
        const answer = await setup.owner.request(path)
        if (all.ownerUnit === setup.unit) {
          expect(answer.status, label).toBe(200)
          expect(answer.body, label).toEqual(all)
        } else {
          expect(answer.status, `${label}: ${id} is another unit's`).toBe(403)
          expect(answer.body, label).toMatchObject({ error: { code: 'forbidden', message: '该项目不属于本单位，无权查看' } })
        }
        continue
      }
      const answer = await ok<Summary | ZoneList | ZoneDetail | ProjectList | FilterOptions | Forecast>(setup.owner, path)
      const expected =
        kind === 'summary'
          ? await expectedSummary(setup, path)
          : kind === 'zones'
            ? await (async () => {
                const { planYear, month, published } = await periodOf(setup, path)
                const { cards } = await zoneCardsOf(setup, planYear, month)
                return { asOfMonth: month, published, scheduleRate: scheduleRate(month), items: cards, provenance: provenanceOfPages(await unitPages(setup, planYear)) }
              })()
            : kind === 'zone'
              ? await expectedZone(setup, path)
              : kind === 'list'
                ? await expectedList(setup, path)
                : kind === 'forecast'
                  ? await expectedForecast(setup, path)
                  : await expectedFilterOptions(setup)
      expect(answer, label).toEqual(expected)
    }
  })

  it.each(GET_CASES.filter((c) => c.status >= 400))('$name: the same refusal as for the staff', async ({ path, status }) => {
    for (const setup of setups) {
      const expected = await setup.staff.request(path)
      const answer = await setup.owner.request(path)
      expect(answer.status, `${setup.owner.name} ${path}`).toBe(status)
      expect(answer.body, `${setup.owner.name} ${path}`).toEqual(expected.body)
    }
  })

  it('opens every project page of the unit, and refuses every other unit’s, at two months', async () => {
    for (const setup of setups) {
      let own = 0
      for (const path of DETAIL_PATHS.flatMap((p) => [p, `${p}?asOf=2024-03`])) {
        const all = await ok<ProjectDetail>(setup.staff, path)
        const answer = await setup.owner.request(path)
        if (all.ownerUnit === setup.unit) {
          own++
          expect(answer.status, path).toBe(200)
          expect(answer.body, path).toEqual(all)
        } else {
          expect(answer.status, path).toBe(403)
        }
      }
      expect(own / 2, setup.name).toBe((await unitItems(setup, 2024, 9)).length)
    }
  })

  it('lists the unit’s projects under more filters, sorts and pages than the contract cases', async () => {
    const queries = [
      'sort=name&order=desc&pageSize=5&page=2',
      'sort=shortfall&order=desc&pageSize=3&page=3&asOf=2024-06',
      'status=lagging,severe,not-started,not-reported&sort=gap&order=asc',
      'zone=gy-bay&sort=progress&order=desc',
      'zone=gyw-city&stage=continuing&asOf=2024-02',
      'zone=nanping',
      'investmentType=government&sort=completionRate',
      'pageSize=1&page=999',
    ]
    for (const setup of setups) {
      const depts = (await unitPages(setup, 2024)).map((p) => p.responsibleUnit)
      for (const query of [...queries, `dept=${enc(depts[0]!)}&sort=totalInvestment&order=desc`, `q=${enc(setup.unit.slice(0, 3))}`]) {
        const path = `/api/projects?${query}`
        const answer = await ok<ProjectList>(setup.owner, path)
        expect(answer, `${setup.name} ${path}`).toEqual(await expectedList(setup, path))
      }
    }
  })

  it('keeps the owner’s answers and ETags apart from the staff’s for the same address', async () => {
    for (const setup of setups) {
      const owner = await setup.owner.request('/api/summary')
      const staff = await setup.staffOwn.request('/api/summary')
      expect((owner.body as Summary).projectCount).toBeLessThan((staff.body as Summary).projectCount)
      expect(owner.headers.get('etag')).not.toBe(staff.headers.get('etag'))
    }
  })
})
