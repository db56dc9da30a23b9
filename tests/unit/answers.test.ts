import { REPORT_PLAN_YEAR, type ProjectRecord } from '@/contract'
import { buildProjectDetail, normaliseSearch, rankNames, searchTextOf } from '@/domain/answers'
import { makeProject, reportedThrough } from '../factories'

/**
 * What the answers take from the domain: a project's page from its record, and the zh-CN ranks and search
 * texts the server stores. The answers themselves (filters, sorting, paging, totals, ranks) are asked of the
 * server's API in tests/server/answers.test.ts and tests/server/report-figures.test.ts.
 */

function projects(): ProjectRecord[] {
  return [
    makeProject({ id: 'P001', name: '中山路改造', zoneId: 'nanping' }),
    // 20/月 → 180 at 9月 of a 1,200 plan (序时 900): severe, 720 short.
    makeProject({ id: 'P004', name: '东港码头', zoneId: 'nanshan', ownerUnit: 'ABC建设有限公司', monthlyActualWan: reportedThrough(20, 9) }),
  ]
}

describe('buildProjectDetail', () => {
  const records = projects()

  it('answers null for an unknown project id', () => {
    expect(buildProjectDetail(records, 'P999', 9, REPORT_PLAN_YEAR)).toBeNull()
  })

  it('gives a known project with its zone name and its status at the month', () => {
    const detail = buildProjectDetail(records, 'P004', 9, REPORT_PLAN_YEAR)
    expect(detail).toMatchObject({ id: 'P004', zoneName: '南山', asOfMonth: 9, planYear: REPORT_PLAN_YEAR })
    expect(detail!.status.lagClass).toBe('severe')
    expect(detail!.status.shortfallWan).toBe(720)
  })
})

describe('what the server stores for sorting and search', () => {
  it('ranks names in zh-CN order; equal names share a place', () => {
    const ranks = rankNames([
      { id: 'P3', name: '中山路改造' },
      { id: 'P1', name: '安澜大道' },
      { id: 'P2', name: '东港码头' },
      { id: 'P4', name: '东港码头' },
    ])
    expect(Object.fromEntries(ranks)).toEqual({ P1: 0, P2: 1, P4: 1, P3: 3 })
  })

  it('folds width and case in the search text and the query alike', () => {
    expect(normaliseSearch('  ＡＢＣ建设 ')).toBe('abc建设')
    expect(searchTextOf({ id: 'P004', name: '东港码头', ownerUnit: 'ABC建设有限公司', responsibleUnit: '区交通局' })).toBe('p004 东港码头 abc建设有限公司 区交通局')
  })
})
