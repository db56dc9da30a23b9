import { REPORT_PLAN_YEAR } from '@/contract'
import { projectMonthlySeries } from '@/domain/aggregate'
import { classifyProject, missedMonthsText, staleFiguresText } from '@/domain/rules'
import { monthlyChartSummary, scheduleLine } from '@/components/charts/chart-data'
import { scaleUnitFor } from '@/lib/format'
import { badgeLook } from '@/components/tone'
import { makeProject, reportedThrough } from '../factories'

describe('stale is stale: which month a project’s figures are from', () => {
  it('counts the months missed in a row up to the as-of month', () => {
    expect(missedMonthsText(9, 8)).toBe('9月未报送')
    expect(missedMonthsText(9, 7)).toBe('8、9月连续未报送')
    expect(missedMonthsText(9, 4)).toBe('5-9月连续5个月未报送')
    expect(missedMonthsText(3, null)).toBe('1-3月连续3个月未报送')
  })

  it('labels the figures with the month they are from', () => {
    expect(staleFiguresText(9, 8)).toBe('截至8月累计，9月未报送')
    expect(staleFiguresText(9, 7)).toBe('截至7月累计，8、9月连续未报送')
    expect(staleFiguresText(1, null)).toBe('本年度尚无报送，1月未报送')
  })

  it('is the rule a project that missed the as-of month is shown with', () => {
    const months = [...reportedThrough(100, 7)]
    const status = classifyProject(makeProject({ monthlyActualWan: months }), 9, REPORT_PLAN_YEAR)
    expect(status).toMatchObject({ lagClass: 'not-reported', lastReportMonth: 7, rule: '截至7月累计，8、9月连续未报送', cumulativeActualWan: 700 })
  })
})

describe('a project’s monthly series: gaps where it did not report, zeros after it finished', () => {
  it('breaks the line at a month not reported and resumes the cumulative line after it', () => {
    const months = [100, 100, null, 100, 100, 100, null, null, null, null, null, null]
    const series = projectMonthlySeries(makeProject({ monthlyActualWan: months }), 9, REPORT_PLAN_YEAR)
    expect(series.map((p) => p.actualWan)).toEqual([100, 100, null, 100, 100, 100, null, null, null, null, null, null])
    expect(series.map((p) => p.cumulativeActualWan)).toEqual([100, 200, null, 300, 400, 500, null, null, null, null, null, null])
  })

  it('a finished project has nothing left to report: months after completion are 0, not gaps', () => {
    const months = [100, 100, 100, 100, 100, 100, null, null, null, null, null, null]
    const record = makeProject({ monthlyActualWan: months, actualCompletionDate: `${REPORT_PLAN_YEAR}-06-20` })
    const series = projectMonthlySeries(record, 9, REPORT_PLAN_YEAR)
    expect(series.slice(6, 9).map((p) => p.actualWan)).toEqual([0, 0, 0])
    expect(series[8]!.cumulativeActualWan).toBe(600)
    // Months after the as-of month have no figures yet either way.
    expect(series[9]!.actualWan).toBeNull()
  })
})

describe('the charts draw the 序时 line the headline judges against', () => {
  it('序时 is annual plan × M/12 at the end of each month', () => {
    const line = scheduleLine(2_770_800)
    expect(line).toHaveLength(12)
    expect(line[8]).toBe(2_078_100) // 277.08亿 × 9/12 = 207.81亿
    expect(line[11]).toBe(2_770_800)
  })

  it('the chart’s words give completion, the 序时 line and the monthly plans at the latest month', () => {
    const data = Array.from({ length: 12 }, (_, i) => ({
      month: i + 1,
      planWan: 100_000,
      actualWan: i < 9 ? 90_000 : null,
      cumulativePlanWan: 100_000 * (i + 1),
      cumulativeActualWan: i < 9 ? 90_000 * (i + 1) : null,
    }))
    expect(monthlyChartSummary('全区', data, 1_200_000)).toBe(
      '全区逐月计划与完成投资图：截至9月累计完成81.00亿元，序时进度线90.00亿元，分月计划累计90.00亿元',
    )
  })

  it('a chart of small figures is drawn in 万元, so a small project’s bars do not vanish as 0.00亿', () => {
    expect(scaleUnitFor([1_200, 3_680])).toBe('wan')
    // The largest figure sets the scale: a 1,200 万元 bar is drawn beside 3.68 亿元, not read as 0.12亿.
    expect(scaleUnitFor([1_200, 36_800])).toBe('yi')
    expect(scaleUnitFor([-36_800, 0])).toBe('yi')
    // A chart of zeros is in 亿元, like the cards beside it (moneyUnitFor: zero reads well in either unit).
    expect(scaleUnitFor([0, 0])).toBe('yi')
  })
})

describe('status looks: two grey classes that mean different things look different', () => {
  it('未报送 (a reporting failure) and 未到开工期 (nothing wrong) differ in icon and style', () => {
    const missing = badgeLook('not-reported', 'grey')
    const pending = badgeLook('pending-start', 'grey')
    expect(missing.icon).not.toBe(pending.icon)
    expect(missing.className).not.toBe(pending.className)
  })

  it('应开未开 takes its severity’s colour, never grey', () => {
    expect(badgeLook('not-started', 'yellow').className).toContain('badge-yellow')
    expect(badgeLook('not-started', 'red').className).toContain('badge-red')
  })
})
