import { REPORT_PLAN_YEAR } from '@/contract'
import {
  DEFAULT_FORECAST_SETTINGS,
  catchUpOfRecord,
  computedForecastWan,
  forecastInputOf,
  groupCatchUpOf,
  isOptimistic,
  monthlyPattern,
  ownerForecastOf,
  windowShare,
  withFeasibility,
} from '@/domain/forecast'
import { classifyProject } from '@/domain/rules'
import { makeProject, reportedThrough } from '../factories'

const Y = REPORT_PLAN_YEAR
const EVEN = monthlyPattern([], new Array<number>(12).fill(100))
const forecastAt = (record: ReturnType<typeof makeProject>, month: number, pattern = EVEN) =>
  computedForecastWan(forecastInputOf(record, month, Y), pattern, month)
const catchUpAt = (record: ReturnType<typeof makeProject>, month: number) =>
  catchUpOfRecord(record, classifyProject(record, month, Y).lagClass, month)

describe('the district’s monthly pattern', () => {
  it('comes from the approved months of the closed years when there are any, summed over them', () => {
    // 2022: 100 a month but 300 in December (1,400); 2023: 200 in each of the last two months only (400).
    const pattern = monthlyPattern(
      [
        { year: 2023, monthlyActualWan: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 200] },
        { year: 2022, monthlyActualWan: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 300] },
        { year: 2021, monthlyActualWan: new Array<number>(12).fill(0) },
      ],
      new Array<number>(12).fill(1),
    )
    expect(pattern.source).toBe('closed-years')
    // The year without any approved month does not count.
    expect(pattern.years).toEqual([2022, 2023])
    // Total 1,800: January 100/1,800, November 300/1,800, December 500/1,800.
    expect(pattern.shares[0]).toBeCloseTo(100 / 1800, 12)
    expect(pattern.shares[10]).toBeCloseTo(300 / 1800, 12)
    expect(pattern.shares[11]).toBeCloseTo(500 / 1800, 12)
  })

  it('falls back to this year’s plan shape, and to even months when there is no plan at all', () => {
    const plan = [0, 0, 100, 100, 100, 100, 100, 100, 100, 100, 100, 300]
    const pattern = monthlyPattern([], plan)
    expect(pattern.source).toBe('plan')
    expect(pattern.shares[0]).toBe(0)
    expect(pattern.shares[11]).toBe(300 / 1200)
    expect(monthlyPattern([], new Array<number>(12).fill(0))).toMatchObject({ source: 'even', shares: new Array<number>(12).fill(1 / 12) })
  })

  it('is counted over a project’s own planned months only', () => {
    // Even months; a new start planned July–December is half-way through its months at the end of September.
    expect(windowShare(EVEN, 7, 12, 9)).toBeCloseTo(0.5, 12)
    expect(windowShare(EVEN, 7, 12, 6)).toBe(0)
    // A project planned to finish in August has had all its months by then.
    expect(windowShare(EVEN, 1, 8, 8)).toBe(1)
    expect(windowShare(EVEN, null, null, 9)).toBeCloseTo(0.75, 12)
  })
})

describe('the computed forecast of a project', () => {
  it('is the plan for a project exactly on plan: 900 done by September at an even pattern is 900 ÷ 0.75 = 1,200', () => {
    const onPlan = makeProject({ annualPlanWan: 1200, monthlyActualWan: reportedThrough(100, 9) })
    expect(forecastAt(onPlan, 9)).toBe(1200)
    // Exactly on 序时: no catch-up.
    expect(catchUpAt(onPlan, 9)).toBeNull()
  })

  it('is its actual for a project finished early: done in June with 1,000 of 1,200, nothing more comes', () => {
    const finished = makeProject({ annualPlanWan: 1200, actualCompletionDate: `${Y}-06-20`, monthlyActualWan: [200, 200, 200, 200, 100, 100, null, null, null, null, null, null] })
    expect(forecastAt(finished, 9)).toBe(1000)
    expect(catchUpAt(finished, 9)).toBeNull()
    // Before it finished it was judged on its pace: 800 by April at 4/12 → 2,400, capped at 2 × its plan.
    expect(forecastAt(finished, 4)).toBe(2400)
  })

  it('assumes no pace for a project with no approved month once its planned months have begun, and its plan before', () => {
    const silent = makeProject({ annualPlanWan: 1200, monthlyActualWan: new Array<number | null>(12).fill(null) })
    expect(forecastAt(silent, 9)).toBe(0)
    // Its owner said nothing either: the owners' figure counts its plan.
    expect(ownerForecastOf(null, forecastInputOf(silent, 9, Y))).toEqual({ wan: 1200, given: false })
    // It needs (1,200 − 0) ÷ 3 = 400 a month and has no best month to measure it against: 难以完成.
    expect(catchUpAt(silent, 9)).toEqual({ neededPerMonthWan: 400, bestMonthWan: 0, averageMonthWan: 0, ratioToBest: null, feasible: false })

    // A new start whose plan runs October–December (reporting 0 until then) has not had a planned month by
    // September: its plan stands, and it is not due to start (未到开工期), so it has no catch-up.
    const later = makeProject({
      stage: 'new-start',
      plannedStartDate: `${Y}-10-01`,
      actualStartDate: null,
      annualPlanWan: 1200,
      monthlyPlanWan: [0, 0, 0, 0, 0, 0, 0, 0, 0, 400, 400, 400],
      monthlyActualWan: reportedThrough(0, 9),
    })
    expect(forecastAt(later, 9)).toBe(1200)
    expect(catchUpAt(later, 9)).toBeNull()
  })

  it('is its actual for a project retired mid-year', () => {
    const retired = makeProject({ annualPlanWan: 1200, monthlyActualWan: reportedThrough(100, 5), retired: { reason: '移出清单', at: `${Y}-06-10T00:00:00.000Z` } })
    expect(forecastAt(retired, 9)).toBe(500)
  })

  it('follows a 中期调整: the adjusted plan is the one to reach, and the pattern decides how the pace is read', () => {
    // Issued at 1,200 (100 a month), raised to 2,400 in July: 100 a month to June, 300 a month after.
    const adjusted = makeProject({
      annualPlanWan: 2400,
      monthlyPlanWan: [100, 100, 100, 100, 100, 100, 300, 300, 300, 300, 300, 300],
      monthlyActualWan: [100, 100, 100, 100, 100, 100, 300, 300, 300, null, null, null],
      planAdjustment: { originalAnnualPlanWan: 1200, reason: '中期调整', adjustedAt: `${Y}-07-01` },
    })
    // Even pattern: 1,500 ÷ 0.75 = 2,000, short of the adjusted plan.
    expect(forecastAt(adjusted, 9)).toBe(2000)
    // The plan's own shape as the pattern: 1,500 of 2,400 planned by September is 0.625 → 1,500 ÷ 0.625 = 2,400.
    expect(forecastAt(adjusted, 9, monthlyPattern([], adjusted.monthlyPlanWan))).toBe(2400)
    // 12 × 1,500 < 9 × 2,400: behind 序时. (2,400 − 1,500) ÷ 3 = 300 a month, its best month exactly: ratio 1.
    // Average: 1,500 ÷ 9 = 166.7 → 167.
    expect(catchUpAt(adjusted, 9)).toEqual({ neededPerMonthWan: 300, bestMonthWan: 300, averageMonthWan: 167, ratioToBest: 1, feasible: true })
  })

  it('caps an early month’s spurt at twice the plan, and at what is left of the project', () => {
    const spurt = makeProject({ annualPlanWan: 1200, totalInvestmentWan: 10_000, completedBeforeYearWan: 0, monthlyActualWan: reportedThrough(600, 1) })
    // 600 ÷ (1/12) = 7,200 → 2 × 1,200.
    expect(forecastAt(spurt, 1)).toBe(2400)
    const nearlyDone = makeProject({ annualPlanWan: 1200, totalInvestmentWan: 5_000, completedBeforeYearWan: 3_500, monthlyActualWan: reportedThrough(600, 1) })
    // 1,500 left of the project.
    expect(forecastAt(nearlyDone, 1)).toBe(1500)
  })
})

describe('预计偏乐观 and the owners’ forecast', () => {
  it('marks an owner’s forecast more than the margin (20%) above the computed one, exactly on whole 万元', () => {
    expect(DEFAULT_FORECAST_SETTINGS.optimismMarginPercent).toBe(20)
    // 1,200 × 1.2 = 1,440: 1,441 is above, 1,440 is not.
    expect(isOptimistic(1441, 1200)).toBe(true)
    expect(isOptimistic(1440, 1200)).toBe(false)
    expect(isOptimistic(1441, 1200, { optimismMarginPercent: 30 })).toBe(false)
    // Nothing computed and a forecast given: above any margin. No forecast given: never marked.
    expect(isOptimistic(1, 0)).toBe(true)
    expect(isOptimistic(null, 0)).toBe(false)
  })

  it('counts an owner’s latest forecast; without one, a finished project’s actual and any other’s plan', () => {
    const input = { finished: false, annualPlanWan: 1200, cumulativeActualWan: 700 }
    expect(ownerForecastOf(900, input)).toEqual({ wan: 900, given: true })
    expect(ownerForecastOf(null, input)).toEqual({ wan: 1200, given: false })
    expect(ownerForecastOf(null, { ...input, finished: true })).toEqual({ wan: 700, given: false })
  })
})

describe('the catch-up (冲刺)', () => {
  it('needs the plan left over the months left, rounded up, against the best month (2× is the limit)', () => {
    // Plan 1,200; 100, 200, 50 then 100 a month to September = 850 (12 × 850 = 10,200 < 9 × 1,200 = 10,800).
    const behind = makeProject({ annualPlanWan: 1200, monthlyActualWan: [100, 200, 50, 100, 100, 100, 100, 50, 50, null, null, null] })
    // (1,200 − 850) ÷ 3 = 116.67 → 117 a month; best 200: ratio 0.58; average 850 ÷ 9 = 94.4 → 94.
    expect(catchUpAt(behind, 9)).toEqual({ neededPerMonthWan: 117, bestMonthWan: 200, averageMonthWan: 94, ratioToBest: 0.58, feasible: true })
    // Far behind: 300 done, best 50 → (1,200 − 300) ÷ 3 = 300 a month = 6 × the best month.
    const far = makeProject({ annualPlanWan: 1200, monthlyActualWan: [50, 50, 50, 50, 50, 50, 0, 0, 0, null, null, null] })
    expect(catchUpAt(far, 9)).toMatchObject({ neededPerMonthWan: 300, bestMonthWan: 50, ratioToBest: 6, feasible: false })
  })

  it('is feasible up to the ratio setting, inclusive', () => {
    const figures = { neededPerMonthWan: 400, bestMonthWan: 200, averageMonthWan: 100, ratioToBest: 2 }
    expect(withFeasibility(figures)?.feasible).toBe(true)
    expect(withFeasibility({ ...figures, ratioToBest: 2.01 })?.feasible).toBe(false)
    expect(withFeasibility({ ...figures, ratioToBest: 2.01 }, { feasibleRatio: 3 })?.feasible).toBe(true)
  })

  it('has no month left in December', () => {
    const behind = makeProject({ annualPlanWan: 1200, monthlyActualWan: new Array<number | null>(12).fill(50) })
    expect(catchUpAt(behind, 12)).toBeNull()
  })

  it('for a zone or the district: the plan left per month against the last three months’ average', () => {
    // Plan 12,000, 6,000 done by September: 2,000 a month; July–September delivered 500, 700, 900 → 700: 2.86×.
    expect(groupCatchUpOf(12_000, 6_000, 9, [400, 500, 700, 900])).toEqual({ neededPerMonthWan: 2000, recentMonthlyAverageWan: 700, ratio: 2.86 })
    expect(groupCatchUpOf(12_000, 12_000, 9, [1, 2, 3])).toBeNull()
    expect(groupCatchUpOf(12_000, 0, 2, [0, 0])).toEqual({ neededPerMonthWan: 1200, recentMonthlyAverageWan: 0, ratio: null })
  })
})
