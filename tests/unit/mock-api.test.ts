import { SIMULATED_THROUGH_MONTH } from '@/dataset/generate'
import {
  ApiErrorSchema,
  FilterOptionsSchema,
  ProjectDetailSchema,
  ProjectListSchema,
  SummarySchema,
  ZoneDetailSchema,
  ZoneListSchema,
  apiPaths,
} from '@/contract'
import { store } from '@mocks/store'
import { makeProject } from '../factories'

/**
 * The mock API as a client sees it: real fetch calls answered by the MSW node server of tests/setup.ts.
 * The handlers match '/api/...' against the page's origin, so every URL is built on location.origin.
 */
const url = (path: string, params: Record<string, string> = {}) => {
  const u = new URL(path, location.origin)
  for (const [key, value] of Object.entries(params)) u.searchParams.append(key, value)
  return u
}
const get = async (path: string, params?: Record<string, string>) => {
  const response = await fetch(url(path, params))
  return { status: response.status, body: (await response.json()) as unknown }
}

/** A 4xx answer in the one error shape, returning the parsed error for further checks. */
async function expectError(status: number, path: string, params?: Record<string, string>) {
  const response = await get(path, params)
  expect(response.status).toBe(status)
  const parsed = ApiErrorSchema.safeParse(response.body)
  expect(parsed.success, JSON.stringify(response.body)).toBe(true)
  const { error } = parsed.data!
  expect(error.code.length).toBeGreaterThan(0)
  expect(error.message.length).toBeGreaterThan(0)
  return error
}

describe('the mock API rejects bad queries with 400 and says which parameter is wrong', () => {
  it.each([
    ['a month that does not exist', { asOf: '2024-13' }],
    ['a month of another year', { asOf: '2023-09' }],
    ['a month in the wrong format', { asOf: '2024-9' }],
  ])('/api/summary with %s', async (_label, params) => {
    const error = await expectError(400, apiPaths.summary, params)
    expect(error.code).toBe('invalid_query')
    expect(Object.keys(error.fields ?? {})).toEqual(['asOf'])
  })

  it('rejects an unknown query parameter instead of ignoring it', async () => {
    const error = await expectError(400, apiPaths.summary, { foo: '1' })
    expect(error.fields).toEqual({ foo: '不支持的查询参数' })
    const onList = await expectError(400, apiPaths.projects, { foo: '1' })
    expect(onList.fields).toHaveProperty('foo')
  })

  it('rejects a parameter given twice', async () => {
    const twice = url(apiPaths.projects)
    twice.searchParams.append('zone', 'nanbin')
    twice.searchParams.append('zone', 'nanping')
    const response = await fetch(twice)
    expect(response.status).toBe(400)
    expect(ApiErrorSchema.parse(await response.json()).error.fields).toEqual({ zone: '参数重复' })
  })

  it.each([
    ['pageSize=0', { pageSize: '0' }, 'pageSize'],
    ['pageSize=201 (over the maximum of 200)', { pageSize: '201' }, 'pageSize'],
    ['pageSize=1.5', { pageSize: '1.5' }, 'pageSize'],
    ['page=0', { page: '0' }, 'page'],
    ['status=bogus', { status: 'bogus' }, 'status'],
    ['a bogus status among good ones', { status: 'lagging,bogus' }, 'status'],
    ['an unknown zone', { zone: 'nowhere' }, 'zone'],
    ['an unknown sort key', { sort: 'colour' }, 'sort'],
    ['a search over 100 characters', { q: '项'.repeat(101) }, 'q'],
  ])('/api/projects with %s', async (_label, params, field) => {
    const error = await expectError(400, apiPaths.projects, params)
    expect(error.code).toBe('invalid_query')
    expect(error.fields).toHaveProperty(field)
  })

  it('accepts the limits themselves: pageSize=200 and a 100-character search', async () => {
    expect((await get(apiPaths.projects, { pageSize: '200' })).status).toBe(200)
    expect((await get(apiPaths.projects, { q: '项'.repeat(100) })).status).toBe(200)
  })
})

describe('the mock API answers 404 in the same error shape', () => {
  it('for an unknown project', async () => {
    const error = await expectError(404, apiPaths.project('P999'))
    expect(error.code).toBe('not_found')
    expect(error.message).toContain('P999')
  })

  it('for an unknown zone', async () => {
    const error = await expectError(404, apiPaths.zone('nowhere'))
    expect(error.code).toBe('not_found')
  })

  it('for an endpoint that does not exist', async () => {
    const error = await expectError(404, '/api/unknown')
    expect(error.code).toBe('not_found')
    expect(error.message).toContain('/api/unknown')
  })

  it('checks the query before looking the project up', async () => {
    await expectError(400, apiPaths.project('P001'), { asOf: '2024-13' })
  })
})

describe('the mock API’s answers follow the contract', () => {
  it('GET /api/summary is a Summary of the latest month by default, of the month asked otherwise', async () => {
    const latest = SummarySchema.parse((await get(apiPaths.summary)).body)
    expect(latest.asOfMonth).toBe(SIMULATED_THROUGH_MONTH)
    expect(latest.projectCount).toBe(132)
    expect(latest.annualPlanWan).toBe(2_770_800)
    const march = SummarySchema.parse((await get(apiPaths.summary, { asOf: '2024-03' })).body)
    expect(march.asOfMonth).toBe(3)
    expect(march.scheduleRate).toBe(0.25)
  })

  it('GET /api/zones lists the seven zones and 跨片区/全区', async () => {
    const zones = ZoneListSchema.parse((await get(apiPaths.zones)).body)
    expect(zones.items).toHaveLength(8)
  })

  it('GET /api/zones/:id is a ZoneDetail', async () => {
    const zone = ZoneDetailSchema.parse((await get(apiPaths.zone('nanbin'), { asOf: '2024-06' })).body)
    expect(zone).toMatchObject({ id: 'nanbin', name: '南滨路', asOfMonth: 6 })
  })

  it('GET /api/projects is a ProjectList honouring filters, sort and paging', async () => {
    const list = ProjectListSchema.parse(
      (await get(apiPaths.projects, { status: 'lagging,severe', sort: 'shortfall', order: 'desc', pageSize: '5' }))
        .body,
    )
    expect(list.items).toHaveLength(5)
    expect(list.total).toBeGreaterThan(5)
    expect(list.items.every((i) => i.status.lagClass === 'lagging' || i.status.lagClass === 'severe')).toBe(true)
    const shortfalls = list.items.map((i) => i.status.shortfallWan)
    expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a))
    expect(list.lagCounts.lagging + list.lagCounts.severe).toBe(list.total)
  })

  it('GET /api/projects/:id is a ProjectDetail', async () => {
    const detail = ProjectDetailSchema.parse((await get(apiPaths.project('P001'))).body)
    expect(detail.id).toBe('P001')
    expect(detail.asOfMonth).toBe(SIMULATED_THROUGH_MONTH)
  })

  it('GET /api/filter-options is FilterOptions', async () => {
    const options = FilterOptionsSchema.parse((await get(apiPaths.filterOptions)).body)
    expect(options.zones).toHaveLength(8)
    expect(options.ownerUnits.length).toBeGreaterThan(0)
  })
})

describe('the mock API serves what is in the store', () => {
  it('answers from records a test puts in the store', async () => {
    store.replace([makeProject({ id: 'P001', name: '唯一项目', annualPlanWan: 1200 })])
    const summary = SummarySchema.parse((await get(apiPaths.summary)).body)
    expect(summary.projectCount).toBe(1)
    expect(summary.annualPlanWan).toBe(1200)
    expect(summary.actualWan).toBe(900)
    expect(summary.gapPoints).toBe(0)
    const detail = ProjectDetailSchema.parse((await get(apiPaths.project('P001'))).body)
    expect(detail.name).toBe('唯一项目')
  })

  it('is back to the full dataset in the next test (tests/setup.ts resets it)', async () => {
    const summary = SummarySchema.parse((await get(apiPaths.summary)).body)
    expect(summary.projectCount).toBe(132)
  })
})
