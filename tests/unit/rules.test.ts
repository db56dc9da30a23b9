import { REPORT_PLAN_YEAR } from '@/contract'
import {
  LAG_THRESHOLDS,
  classifyMoneyGap,
  classifyProject,
  cumulativeTo,
  gapInPoints,
  inPoints,
  monthOf,
  scheduleRate,
  severityOfGap,
  shortfallWan,
} from '@/domain/rules'
import { makeNewStart, makeProject, reportedThrough, withMonths } from '../factories'

describe('序时进度 (scheduleRate) is the share of the year gone by', () => {
  it('is 75% at the end of September and a third at the end of April', () => {
    expect(scheduleRate(9)).toBe(0.75)
    expect(scheduleRate(4)).toBeCloseTo(1 / 3, 12)
  })

  it('runs from 1/12 in January to 100% in December', () => {
    expect(scheduleRate(1)).toBeCloseTo(1 / 12, 12)
    expect(scheduleRate(12)).toBe(1)
  })
})

describe('severityOfGap: one colour band for a group’s gap, on the lag thresholds', () => {
  it('is green inside 正常 (down to the lagging threshold), yellow to the severe one, red below, grey with no plan', () => {
    expect(severityOfGap(3)).toBe('green')
    expect(severityOfGap(0)).toBe('green')
    expect(severityOfGap(-6.97)).toBe('green')
    expect(severityOfGap(LAG_THRESHOLDS.laggingBelowPoints)).toBe('green')
    expect(severityOfGap(LAG_THRESHOLDS.laggingBelowPoints - 0.01)).toBe('yellow')
    expect(severityOfGap(LAG_THRESHOLDS.severeBelowPoints)).toBe('yellow')
    expect(severityOfGap(LAG_THRESHOLDS.severeBelowPoints - 0.01)).toBe('red')
    expect(severityOfGap(null)).toBe('grey')
  })
  it('agrees with the project rule wherever the rounded gap is exact', () => {
    // 12 months, plan 1,200: actual 1,080 at month 12 is −10.00 points exactly.
    for (const actual of [1200, 1100, 1080, 1079, 840, 839, 0]) {
      const exact = classifyMoneyGap(actual, 1200, 12)
      expect(severityOfGap(gapInPoints(actual / 1200, 1)), String(actual)).toBe(exact.severity)
    }
  })
})

describe('gapInPoints: the difference to 序时 in 个百分点', () => {
  it('reproduces the published check in DOMAIN.md: Chongqing 1-9月 81.8% is 6.8 points above 75%', () => {
    expect(gapInPoints(0.818, scheduleRate(9))).toBe(6.8)
  })

  it('reproduces 1-4月 34.7% being "超1.4个百分点" over 33.3% (1.37 to two decimals)', () => {
    expect(gapInPoints(0.347, scheduleRate(4))).toBe(1.37)
    expect(gapInPoints(0.347, scheduleRate(4))).toBeCloseTo(1.4, 1)
  })

  it('is negative below pace and rounded to 0.01 so that a floating-point near miss lands on the boundary', () => {
    // 780 / 1200 = 0.65 is 0.0999999… below 0.75 in floating point; the rule must see exactly −10.
    expect(gapInPoints(780 / 1200, scheduleRate(9))).toBe(-10)
    expect(gapInPoints(540 / 1200, scheduleRate(9))).toBe(-30)
    expect(gapInPoints(0.5, 0.75)).toBe(-25)
    expect(gapInPoints(0.75, 0.75)).toBe(0)
  })

  it('is inPoints of the difference: a rate in points to 0.01, the one formula for gaps, a month’s change and the CSV’s rates', () => {
    expect(inPoints(0.68025)).toBe(68.03)
    expect(inPoints(0.4)).toBe(40)
    expect(gapInPoints(0.6, 0.55)).toBe(inPoints(0.6 - 0.55))
  })
})

describe('shortfallWan: how far a project is behind 序时, in whole 万元', () => {
  it('is the annual plan × M/12 minus the cumulative actual', () => {
    // 1,200 × 9/12 = 900; 780 done → 120 short.
    expect(shortfallWan(1200, 780, 9)).toBe(120)
    expect(shortfallWan(1200, 0, 12)).toBe(1200)
  })

  it('rounds to the nearest 万元 (half up)', () => {
    expect(shortfallWan(1000, 0, 1)).toBe(83) // 83.33…
    expect(shortfallWan(1000, 0, 5)).toBe(417) // 416.66…
    expect(shortfallWan(6, 0, 1)).toBe(1) // exactly 0.5
    expect(shortfallWan(1000, 83, 1)).toBe(0) // 0.33… short rounds to nothing
  })

  it('is never negative: a project ahead of pace is 0 short, not "minus" short', () => {
    expect(shortfallWan(1200, 900, 9)).toBe(0)
    expect(shortfallWan(1200, 1500, 9)).toBe(0)
    expect(shortfallWan(0, 10, 3)).toBe(0)
  })

  it('always returns an integer', () => {
    for (let plan = 1; plan < 400; plan += 7)
      for (let month = 1; month <= 12; month++) expect(Number.isInteger(shortfallWan(plan, 3, month))).toBe(true)
  })
})

describe('cumulativeTo: 1-N月 sums', () => {
  const values = [100, null, 50, 25, null, null, null, null, null, null, null, null]

  it('adds the first N months and counts a missing report as 0', () => {
    expect(cumulativeTo(values, 1)).toBe(100)
    expect(cumulativeTo(values, 2)).toBe(100)
    expect(cumulativeTo(values, 3)).toBe(150)
    expect(cumulativeTo(values, 4)).toBe(175)
  })

  it('is 0 for month 0 and does not run past the end of the array', () => {
    expect(cumulativeTo(values, 0)).toBe(0)
    expect(cumulativeTo([1, 2, 3], 12)).toBe(6)
    expect(cumulativeTo([null, null], 2)).toBe(0)
  })
})

describe('monthOf: where a date falls in the plan year', () => {
  it('gives the month of a date in the plan year', () => {
    expect(monthOf('2024-01-31', 2024)).toBe(1)
    expect(monthOf('2024-09-30', 2024)).toBe(9)
    expect(monthOf('2024-12-01', 2024)).toBe(12)
  })

  it('puts earlier years before January (0) and later years after December (13)', () => {
    expect(monthOf('2023-12-31', 2024)).toBe(0)
    expect(monthOf('2019-06-01', 2024)).toBe(0)
    expect(monthOf('2025-01-01', 2024)).toBe(13)
  })
})

describe('classifyMoneyGap: the money traffic light against 序时', () => {
  it('keeps the thresholds where DOMAIN.md puts them', () => {
    expect(LAG_THRESHOLDS.laggingBelowPoints).toBe(-10)
    expect(LAG_THRESHOLDS.severeBelowPoints).toBe(-30)
    expect(LAG_THRESHOLDS.notStartedRedAfterMonths).toBe(3)
  })

  it.each([
    [12.5, 'on-pace', 'green'],
    [0, 'on-pace', 'green'],
    [-0.01, 'slightly-behind', 'green'],
    [-9.99, 'slightly-behind', 'green'],
    [-10, 'slightly-behind', 'green'],
    [-10.01, 'lagging', 'yellow'],
    [-29.99, 'lagging', 'yellow'],
    [-30, 'lagging', 'yellow'],
    [-30.01, 'severe', 'red'],
    [-75, 'severe', 'red'],
  ] as const)('a gap of %s points is %s (%s)', (gap, lagClass, severity) => {
    // Plan 1,000,000 万元 at 9月: each point of gap is 10,000 万元 of cumulative actual.
    const judged = classifyMoneyGap(Math.round(750_000 + 10_000 * gap), 1_000_000, 9)
    expect({ lagClass: judged.lagClass, severity: judged.severity }).toEqual({ lagClass, severity })
  })
})

describe('classifyProject: how one project stands at the end of a month', () => {
  const judge = (record: Parameters<typeof classifyProject>[0], month = 9) => classifyProject(record, month, REPORT_PLAN_YEAR)

  describe('on money, for a project under way', () => {
    it('a project that did exactly its plan is on pace with nothing short', () => {
      const status = judge(makeProject())
      expect(status).toMatchObject({
        lagClass: 'on-pace',
        severity: 'green',
        cumulativeActualWan: 900,
        cumulativePlanWan: 900,
        completionRate: 0.75,
        gapPoints: 0,
        shortfallWan: 0,
        monthsOverdue: 0,
        lastReportMonth: 9,
      })
      expect(status.rule).not.toContain('高于')
      expect(status.rule).toContain('达到序时进度')
    })

    it('says how far above pace a project is', () => {
      const status = judge(makeProject({ monthlyActualWan: reportedThrough(110, 9) })) // 990 / 1200 = 82.5%
      expect(status.lagClass).toBe('on-pace')
      expect(status.gapPoints).toBe(7.5)
      expect(status.rule).toBe('完成率高于序时进度7.50个百分点')
    })

    it('exactly 10 points behind is still 正常 (slightly behind), 10.08 behind is lagging', () => {
      const at = (cumulative: number) =>
        judge(makeProject({ monthlyActualWan: withMonths(reportedThrough(0, 9), { 1: cumulative }) }))
      expect(at(780)).toMatchObject({
        lagClass: 'slightly-behind',
        severity: 'green',
        gapPoints: -10,
        shortfallWan: 120,
      })
      expect(at(779)).toMatchObject({ lagClass: 'lagging', severity: 'yellow', gapPoints: -10.08, shortfallWan: 121 })
      expect(at(779).rule).toBe('完成率低于序时进度10.08个百分点')
    })

    it('exactly 30 points behind is lagging, anything more is severe', () => {
      const at = (cumulative: number) =>
        judge(makeProject({ monthlyActualWan: withMonths(reportedThrough(0, 9), { 1: cumulative }) }))
      expect(at(540)).toMatchObject({ lagClass: 'lagging', severity: 'yellow', gapPoints: -30, shortfallWan: 360 })
      expect(at(539)).toMatchObject({ lagClass: 'severe', severity: 'red', shortfallWan: 361 })
    })

    it('judges against 序时 (M/12), not against the project’s own monthly plan', () => {
      // Plan loaded into the last quarter: by September the own plan is 300, 序时 expects 900.
      const monthlyPlanWan = [0, 0, 0, 0, 0, 0, 100, 100, 100, 300, 300, 300]
      const status = judge(
        makeProject({ monthlyPlanWan, monthlyActualWan: withMonths(monthlyPlanWan, { 10: null, 11: null, 12: null }) }),
      )
      expect(status.cumulativePlanWan).toBe(300)
      expect(status.cumulativeActualWan).toBe(300)
      expect(status.gapPoints).toBe(-50)
      expect(status.lagClass).toBe('severe')
      expect(status.shortfallWan).toBe(600)
    })

    it('a project with no money planned this year is not judged on money', () => {
      const status = judge(makeProject({ annualPlanWan: 0, monthlyActualWan: reportedThrough(0, 9) }))
      expect(status.completionRate).toBeNull()
      expect(status.gapPoints).toBeNull()
      expect(status.shortfallWan).toBe(0)
    })
  })

  describe('completed (已完工) comes first', () => {
    it('a project finished in June is completed in September although it reports nothing after June', () => {
      const record = makeProject({
        actualCompletionDate: '2024-06-20',
        monthlyActualWan: reportedThrough(50, 6), // 300 of 1,200: far below 序时 on money
      })
      const status = judge(record)
      expect(status.lagClass).toBe('completed')
      expect(status.severity).toBe('green')
      expect(status.shortfallWan).toBe(0)
      expect(status.lastReportMonth).toBe(6)
      expect(status.rule).toBe('已于2024年6月20日完工')
    })

    it('counts from the month of completion itself, not before', () => {
      const record = makeProject({ actualCompletionDate: '2024-06-20', monthlyActualWan: reportedThrough(100, 6) })
      expect(judge(record, 6).lagClass).toBe('completed')
      expect(judge(record, 5).lagClass).not.toBe('completed')
    })

    it('a completion date after the as-of month is not known yet', () => {
      const record = makeProject({ actualCompletionDate: '2024-11-05' })
      expect(judge(record).lagClass).toBe('on-pace')
    })
  })

  describe('not reported (未报送) is never shown as on pace', () => {
    it('a project ahead on money that skipped the as-of month is not-reported, grey', () => {
      // 1-8月 already 1,200 of a 1,200 plan: 100% against 75% — but September was not reported.
      const record = makeProject({ monthlyActualWan: reportedThrough(150, 8) })
      const status = judge(record)
      expect(status.lagClass).toBe('not-reported')
      expect(status.severity).toBe('grey')
      expect(status.lastReportMonth).toBe(8)
      expect(status.rule).toBe('截至8月累计，9月未报送')
      // The money figures are still there for the reader, they just do not make it green.
      expect(status.cumulativeActualWan).toBe(1200)
      expect(status.gapPoints).toBe(25)
    })

    it('a project that never reported this year says so', () => {
      const status = judge(makeProject({ monthlyActualWan: reportedThrough(0, 0) }))
      expect(status.lagClass).toBe('not-reported')
      expect(status.lastReportMonth).toBeNull()
      expect(status.rule).toBe('本年度尚无报送，1-9月连续9个月未报送')
      expect(status.shortfallWan).toBe(900)
    })

    it('a gap in an earlier month does not make the as-of month not-reported', () => {
      const record = makeProject({ monthlyActualWan: withMonths(reportedThrough(100, 9), { 5: null }) })
      const status = judge(record)
      expect(status.lagClass).toBe('slightly-behind') // 800 / 1200 = 66.67%, 8.33 points behind
      expect(status.gapPoints).toBe(-8.33)
      expect(status.lastReportMonth).toBe(9)
    })

    it('a new start that has not reported is not-reported before anything about its start', () => {
      const record = makeNewStart(3, { monthlyActualWan: reportedThrough(0, 8) })
      expect(judge(record).lagClass).toBe('not-reported')
    })
  })

  describe('new starts (新开工) are judged on their start first', () => {
    it('not started at the end of its planned month: 应开未开, yellow, 0 months overdue', () => {
      const status = judge(makeNewStart(9))
      expect(status).toMatchObject({ lagClass: 'not-started', severity: 'yellow', monthsOverdue: 0 })
      expect(status.rule).toBe('计划9月开工，本月未开工')
    })

    it('stays yellow while fewer than three months are overdue, and turns red at three', () => {
      const red = LAG_THRESHOLDS.notStartedRedAfterMonths
      const justYellow = judge(makeNewStart(9 - (red - 1)))
      expect(justYellow).toMatchObject({ lagClass: 'not-started', severity: 'yellow', monthsOverdue: red - 1 })
      const nowRed = judge(makeNewStart(9 - red))
      expect(nowRed).toMatchObject({ lagClass: 'not-started', severity: 'red', monthsOverdue: red })
      expect(nowRed.rule).toBe(`计划${9 - red}月开工，已逾期${red}个月未开工`)
    })

    it('the same unstarted project goes yellow → red as the months pass', () => {
      const record = makeNewStart(5)
      expect(judge(record, 4).lagClass).toBe('pending-start')
      expect(judge(record, 5).severity).toBe('yellow')
      expect(judge(record, 7).severity).toBe('yellow')
      expect(judge(record, 8)).toMatchObject({ severity: 'red', monthsOverdue: 3 })
    })

    it('before its planned month it is pending-start, grey, with no gap and no shortfall', () => {
      const status = judge(makeNewStart(11))
      expect(status).toMatchObject({ lagClass: 'pending-start', severity: 'grey', gapPoints: null, shortfallWan: 0, monthsOverdue: 0 })
      // Its completion rate is still a fact (nothing spent of its plan); only the judgement is withheld.
      expect(status.completionRate).toBe(0)
      expect(status.rule).toContain('11月')
    })

    it('a start recorded after the as-of month does not count yet', () => {
      const record = makeNewStart(6, { actualStartDate: '2024-10-08' })
      expect(judge(record)).toMatchObject({ lagClass: 'not-started', monthsOverdue: 3, severity: 'red' })
    })

    it('once started it is judged on money like any other project', () => {
      const record = makeNewStart(3, { actualStartDate: '2024-03-10', monthlyActualWan: reportedThrough(100, 9) })
      expect(judge(record)).toMatchObject({ lagClass: 'on-pace', gapPoints: 0, monthsOverdue: 0 })
    })

    it('a continuing project without a start date is never 应开未开 (the rule is for new starts only)', () => {
      const record = makeProject({ stage: 'continuing', actualStartDate: null, plannedStartDate: '2024-02-01' })
      expect(judge(record).lagClass).toBe('on-pace')
    })
  })
})

describe('应开未开 across a year boundary', () => {
  it('counts the months since a planned start in the previous year', async () => {
    const { makeNewStart } = await import('../factories')
    const { classifyProject } = await import('@/domain/rules')
    const project = makeNewStart(11, { plannedStartDate: '2023-11-01' })
    const status = classifyProject(project, 1, 2024)
    expect(status.lagClass).toBe('not-started')
    expect(status.monthsOverdue).toBe(2)
    expect(status.rule).toBe('计划2023年11月开工，已逾期2个月未开工')
  })
})

describe('the money gap is judged on exact 万元, not on the rounded figure', () => {
  it.each([
    ['exactly −10 points is still 正常', 780, 1200, 'slightly-behind'],
    ['−10.004 points is 滞后 although it shows as −10.00', 64_996, 100_000, 'lagging'],
    ['−0.004 points is 略低于 although it shows as 0.00', 74_996, 100_000, 'slightly-behind'],
    ['exactly on pace', 75_000, 100_000, 'on-pace'],
    ['exactly −30 points is 滞后, not 严重滞后', 45_000, 100_000, 'lagging'],
    ['−30.001 points is 严重滞后', 44_999, 100_000, 'severe'],
  ] as const)('%s', async (_name, actual, plan, expected) => {
    const { classifyMoneyGap } = await import('@/domain/rules')
    expect(classifyMoneyGap(actual, plan, 9).lagClass).toBe(expected)
  })

  it('words the rule by the exact judgement', async () => {
    const { makeProject } = await import('../factories')
    const { classifyProject } = await import('@/domain/rules')
    const plan = Array.from({ length: 12 }, (_, i) => (i < 11 ? 8333 : 8337))
    const project = makeProject({
      annualPlanWan: 100_000,
      monthlyPlanWan: plan,
      monthlyActualWan: [74_996, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null],
    })
    const status = classifyProject(project, 9, 2024)
    expect(status.lagClass).toBe('slightly-behind')
    expect(status.rule).toBe('完成率低于序时进度0.00个百分点')
  })
})
