import { effectiveConfidence } from '@/domain/forecast-report'
import { REPORT_PLAN_YEAR, type LagClass } from '@/contract'
import { NO_ESCALATION, type Escalation } from '@/contract/escalation'
import { buildProjectDetail } from '@/domain/answers'
import {
  DEFAULT_ESCALATION_RULE,
  escalationEvidence,
  escalationOf,
  escalationStepProblem,
  lagStreakMonths,
  lagStreakText,
  shouldPropose,
  type EscalationInput,
} from '@/domain/escalation'
import { makeProject, reportedThrough } from '../factories'

const months = (n: number) => Array.from({ length: n }, (_, i) => i + 1)
/** Twelve classes from a month → class map (months not named: not judged). */
const series = (byMonth: Record<number, LagClass>): (LagClass | null)[] => Array.from({ length: 12 }, (_, i) => byMonth[i + 1] ?? null)

describe('连续滞后月数: published months in a row, to the month in view, judged 滞后 or 严重滞后', () => {
  it('counts back from the month in view while each month is 滞后 or 严重滞后: 6–9 lagging or severe is 4', () => {
    const classes = series({ 1: 'on-pace', 2: 'on-pace', 3: 'slightly-behind', 4: 'on-pace', 5: 'on-pace', 6: 'lagging', 7: 'severe', 8: 'lagging', 9: 'severe' })
    expect(lagStreakMonths(classes, months(9), 9)).toBe(4)
    // Seen at July: 6 and 7.
    expect(lagStreakMonths(classes, months(9), 7)).toBe(2)
    // Seen at May: on pace, no run.
    expect(lagStreakMonths(classes, months(9), 5)).toBe(0)
  })

  it('ends a run at a month in another class: 未报送 in 8 leaves 9 alone', () => {
    const classes = series({ 5: 'severe', 6: 'severe', 7: 'severe', 8: 'not-reported', 9: 'severe' })
    expect(lagStreakMonths(classes, months(9), 9)).toBe(1)
    expect(lagStreakMonths(classes, months(9), 7)).toBe(3)
  })

  it('ends a run at a month not judged (a gap in the series): 5 judged, 6 missing, 7–8 lagging is 2', () => {
    const classes = series({ 5: 'lagging', 7: 'lagging', 8: 'lagging' })
    expect(lagStreakMonths(classes, months(8), 8)).toBe(2)
  })

  it('counts published months only: a month in view not yet published adds nothing, the run ends at the latest published one', () => {
    // Lagging all year; January to September published, October open.
    const classes = series(Object.fromEntries(months(12).map((m) => [m, 'lagging' as LagClass])))
    expect(lagStreakMonths(classes, months(9), 10)).toBe(9)
    // Nothing published: no run, however far behind.
    expect(lagStreakMonths(classes, [], 10)).toBe(0)
  })

  it('ends a run at a month not published in the middle (a withdrawn publication is not a publication)', () => {
    const classes = series({ 1: 'severe', 2: 'severe', 3: 'severe', 4: 'severe' })
    expect(lagStreakMonths(classes, [1, 2, 4], 4)).toBe(1)
  })

  it('is 0 for a finished project: 已完工 from July ends its run of 严重滞后', () => {
    const classes = series({ 4: 'severe', 5: 'severe', 6: 'severe', 7: 'completed', 8: 'completed', 9: 'completed' })
    expect(lagStreakMonths(classes, months(9), 9)).toBe(0)
    expect(lagStreakMonths(classes, months(9), 6)).toBe(3)
  })

  it('reads 连续滞后N个月, nothing when not in a run', () => {
    expect(lagStreakText(3)).toBe('连续滞后3个月')
    expect(lagStreakText(0)).toBeNull()
  })

  it('is part of a project page: plan 100 a month, 0 done each month is 滞后 from February, 严重滞后 from April', () => {
    // Month m: 0 done against m/12 of the plan, the gap is −m × 8.33 points: −8.33 in January (略低于), −16.67 in
    // February and −25.00 in March (滞后), −33.33 from April (严重滞后). Published January–September: 2–9 is 8 months.
    const project = makeProject({ annualPlanWan: 1200, monthlyActualWan: reportedThrough(0, 9) })
    const detail = buildProjectDetail([project], project.id, 9, REPORT_PLAN_YEAR, { publishedMonths: months(9), escalation: NO_ESCALATION })
    expect(detail?.status.lagClass).toBe('severe')
    expect(detail?.lagStreakMonths).toBe(8)
    // Published only to July: the run ends there, 2–7 is 6.
    expect(buildProjectDetail([project], project.id, 9, REPORT_PLAN_YEAR, { publishedMonths: months(7), escalation: NO_ESCALATION })?.lagStreakMonths).toBe(6)
  })
})

const input = (overrides: Partial<EscalationInput>): EscalationInput => ({
  year: 2024,
  publishedMonth: 9,
  publishedMonths: months(9),
  classes: [],
  lowConfidenceMonths: [],
  ...overrides,
})

describe('the 挂牌督办 rule: 3 published months in a row 严重滞后, or 完成信心 低 in 2 approved reports of the year', () => {
  it('defaults to 3 months and 2 reports', () => {
    expect(DEFAULT_ESCALATION_RULE).toEqual({ severeMonths: 3, lowConfidenceReports: 2 })
  })

  it('holds on 7, 8 and 9 严重滞后 when September is published, its evidence September', () => {
    const evidence = escalationEvidence(input({ classes: series({ 7: 'severe', 8: 'severe', 9: 'severe' }) }))
    expect(evidence).toEqual({ month: '2024-09', rule: '2024年7-9月连续3个月严重滞后' })
  })

  it('does not hold on two months 严重滞后, nor on 滞后 in one of the three, nor when the run is broken by 未报送', () => {
    expect(escalationEvidence(input({ classes: series({ 8: 'severe', 9: 'severe' }) }))).toBeNull()
    expect(escalationEvidence(input({ classes: series({ 7: 'severe', 8: 'lagging', 9: 'severe' }) }))).toBeNull()
    expect(escalationEvidence(input({ classes: series({ 6: 'severe', 7: 'severe', 8: 'not-reported', 9: 'severe' }) }))).toBeNull()
  })

  it('does not hold before three months are published (February), nor on months not published', () => {
    expect(escalationEvidence(input({ publishedMonth: 2, publishedMonths: [1, 2], classes: series({ 1: 'severe', 2: 'severe' }) }))).toBeNull()
    expect(escalationEvidence(input({ publishedMonths: [1, 2, 3, 4, 5, 6, 7, 9], classes: series({ 7: 'severe', 8: 'severe', 9: 'severe' }) }))).toBeNull()
  })

  it('holds on two reports with 完成信心 低, in months not in a row (3 and 8), its evidence the later report', () => {
    expect(escalationEvidence(input({ lowConfidenceMonths: [3, 8] }))).toEqual({ month: '2024-08', rule: '2024年2次月报完成信心为低（3月、8月）' })
    // One is not enough; a report after the month published does not count.
    expect(escalationEvidence(input({ lowConfidenceMonths: [8] }))).toBeNull()
    expect(escalationEvidence(input({ publishedMonth: 7, publishedMonths: months(7), lowConfidenceMonths: [3, 8] }))).toBeNull()
  })

  it('names both reasons when both hold, with the later evidence', () => {
    const evidence = escalationEvidence(input({ classes: series({ 7: 'severe', 8: 'severe', 9: 'severe' }), lowConfidenceMonths: [2, 4] }))
    expect(evidence).toEqual({ month: '2024-09', rule: '2024年7-9月连续3个月严重滞后；2次月报完成信心为低（2月、4月）' })
  })

  it('follows its settings: 2 months, and the 完成信心 part off (0)', () => {
    const rule = { severeMonths: 2, lowConfidenceReports: 0 }
    expect(escalationEvidence(input({ classes: series({ 8: 'severe', 9: 'severe' }), lowConfidenceMonths: [1, 2, 3] }), rule)).toEqual({ month: '2024-09', rule: '2024年8-9月连续2个月严重滞后' })
    expect(escalationEvidence(input({ lowConfidenceMonths: [1, 2, 3] }), rule)).toBeNull()
  })

  it('takes the commission’s 完成信心 when it gave one, else the owner’s', () => {
    expect(effectiveConfidence({ confidence: 'medium', commissionConfidence: 'low' })).toBe('low')
    expect(effectiveConfidence({ confidence: 'low', commissionConfidence: 'medium' })).toBe('medium')
    expect(effectiveConfidence({ confidence: 'low', commissionConfidence: null })).toBe('low')
  })
})

describe('proposing again: never while proposed or listed; after 不予挂牌 or 摘牌 only on a later month’s evidence', () => {
  const september = { month: '2024-09', rule: '…' }
  const october = { month: '2024-10', rule: '…' }
  it('proposes a project never proposed, and nothing without evidence', () => {
    expect(shouldPropose(null, september)).toBe(true)
    expect(shouldPropose(null, null)).toBe(false)
  })
  it('proposes nothing more while proposed or listed (publishing a month again is idempotent)', () => {
    expect(shouldPropose({ status: 'proposed', settledThrough: null }, october)).toBe(false)
    expect(shouldPropose({ status: 'listed', settledThrough: null }, october)).toBe(false)
  })
  it('declined in September: not again on September’s evidence, again on October’s (a further month 严重滞后)', () => {
    expect(shouldPropose({ status: 'declined', settledThrough: '2024-09' }, september)).toBe(false)
    expect(shouldPropose({ status: 'declined', settledThrough: '2024-09' }, october)).toBe(true)
    expect(shouldPropose({ status: 'lifted', settledThrough: '2024-10' }, october)).toBe(false)
  })
})

describe('the staff’s steps: 确认挂牌 and 不予挂牌 on a proposal, 摘牌 on a listed project, on the version seen', () => {
  const proposed: Escalation = { status: 'proposed', since: '2024-10-08', reason: 'r', rule: 'r', version: 2 }
  const listed: Escalation = { ...proposed, status: 'listed' }
  it('allows confirm and decline on a proposal, lift on a listed project', () => {
    expect(escalationStepProblem('confirm', proposed, 2)).toBeNull()
    expect(escalationStepProblem('decline', proposed, 2)).toBeNull()
    expect(escalationStepProblem('lift', listed, 2)).toBeNull()
  })
  it('refuses a stale version and a step the status does not allow, with 409', () => {
    expect(escalationStepProblem('confirm', proposed, 1)).toMatchObject({ status: 409, code: 'version_conflict' })
    expect(escalationStepProblem('lift', proposed, 2)).toMatchObject({ status: 409, code: 'invalid_transition', message: '该项目未挂牌督办，不能摘牌' })
    expect(escalationStepProblem('confirm', listed, 2)).toMatchObject({ status: 409, code: 'invalid_transition' })
    expect(escalationStepProblem('decline', NO_ESCALATION, 0)).toMatchObject({ status: 409 })
  })
  it('shows a declined or lifted project as neither proposed nor listed, keeping its version', () => {
    expect(escalationOf({ status: 'declined', since: '2024-10-09', reason: '已有专班', rule: 'r', version: 3 })).toEqual({ status: null, since: null, reason: null, rule: null, version: 3 })
    expect(escalationOf({ status: 'listed', since: '2024-10-09', reason: '确认', rule: 'r', version: 2 })).toEqual({ status: 'listed', since: '2024-10-09', reason: '确认', rule: 'r', version: 2 })
    expect(escalationOf(null)).toEqual(NO_ESCALATION)
  })
})
