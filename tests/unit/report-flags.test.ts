import { describe, expect, it } from 'vitest'
import { DEFAULT_REPORT_CHECKS } from '@/domain/forecast-report'
import { flaggedApprovalProblem, reportFlags, type FlagInput } from '@/domain/report-flags'

/**
 * 需核实 (decision 74): a report unlike the project's own pattern is held for a look — the staff see why,
 * first in the queue, and approve it only with a comment saying they checked.
 */

const checks = DEFAULT_REPORT_CHECKS
const months = (...values: (number | null)[]) => [...values, ...Array.from({ length: 12 - values.length }, () => null)]

/** An October report of a project planned at 1,200 万元, approved 100 a month Jan–Sep, 形象进度 40% before. */
const input = (overrides: Partial<FlagInput> = {}): FlagInput => ({
  month: 10,
  actualWan: 120,
  progressPercent: 45,
  previousProgressPercent: 40,
  annualPlanWan: 1200,
  monthlyActualWan: months(100, 100, 100, 100, 100, 100, 100, 100, 100),
  ...overrides,
})

describe('reportFlags', () => {
  it('finds nothing off in an ordinary month', () => {
    expect(reportFlags(input(), checks)).toEqual([])
  })

  it('flags an amount above 3× the largest approved month (here 150 in 4月: 3× = 450; 451 is flagged, 450 is not)', () => {
    const shape = { monthlyActualWan: months(100, 100, 100, 150, 0, 0, 0, 0, 0), annualPlanWan: 5000 }
    expect(reportFlags(input({ ...shape, actualWan: 450 }), checks)).toEqual([])
    expect(reportFlags(input({ ...shape, actualWan: 451 }), checks)).toEqual([
      { code: 'amount-over-largest', message: '当月完成投资 451 万元，超过本年已审核最大月份（4月 150 万元）的 3 倍' },
    ])
  })

  it('does not compare with the largest month when the project has no approved month with an amount', () => {
    expect(reportFlags(input({ monthlyActualWan: months(), actualWan: 1000, annualPlanWan: 5000 }), checks)).toEqual([])
    expect(reportFlags(input({ monthlyActualWan: months(0, 0, 0), actualWan: 1000, annualPlanWan: 5000 }), checks)).toEqual([])
  })

  it('flags an amount above the remaining plan: 1,200 − 900 approved before October = 300; 301 is flagged, 300 is not', () => {
    // The largest month is 110 (3× = 330): only the remaining plan is exceeded.
    const shape = { monthlyActualWan: months(110, 90, 100, 100, 100, 100, 100, 100, 100) }
    expect(reportFlags(input({ ...shape, actualWan: 300 }), checks)).toEqual([])
    expect(reportFlags(input({ ...shape, actualWan: 301 }), checks)).toEqual([
      { code: 'amount-over-remaining', message: '当月完成投资 301 万元，超过年度计划剩余 300 万元（年度计划 1,200 万元，此前已审核完成 900 万元）' },
    ])
  })

  it('counts only the months before this one for the remaining plan, and skips it when there is no plan', () => {
    // A later month already approved (November, 500) does not shrink October's remainder.
    expect(reportFlags(input({ actualWan: 300, monthlyActualWan: [...months(100, 100, 100, 100, 100, 100, 100, 100, 100, null, 500)] }), checks)).toEqual([])
    expect(reportFlags(input({ annualPlanWan: 0, actualWan: 250 }), checks)).toEqual([])
  })

  it('flags 形象进度 up by more than 30 points: 40 → 70 is not, 40 → 70.1 is', () => {
    expect(reportFlags(input({ progressPercent: 70 }), checks)).toEqual([])
    expect(reportFlags(input({ progressPercent: 70.1 }), checks)).toEqual([
      { code: 'progress-jump', message: '形象进度由 40% 升至 70.1%，一个月上升 30.1 个百分点（超过 30 个百分点）' },
    ])
  })

  it('flags an amount of 0 while 形象进度 rises, not while it stays', () => {
    expect(reportFlags(input({ actualWan: 0, progressPercent: 40 }), checks)).toEqual([])
    expect(reportFlags(input({ actualWan: 0, progressPercent: 42.5 }), checks)).toEqual([{ code: 'progress-without-amount', message: '当月完成投资为 0，但形象进度由 40% 升至 42.5%' }])
  })

  it('judges nothing about progress stated only in words, or with no progress before it', () => {
    expect(reportFlags(input({ progressPercent: null, actualWan: 0 }), checks)).toEqual([])
    expect(reportFlags(input({ previousProgressPercent: null, progressPercent: 90, actualWan: 0 }), checks)).toEqual([])
  })

  it('lists every reason at once, and follows the deployment’s thresholds', () => {
    const many = reportFlags(input({ actualWan: 400, progressPercent: 80 }), checks)
    expect(many.map((f) => f.code)).toEqual(['amount-over-largest', 'amount-over-remaining', 'progress-jump'])
    // With 5× and 50 points, 400 (4× the largest) and +40 points pass; only the remaining plan is exceeded.
    expect(reportFlags(input({ actualWan: 400, progressPercent: 80 }), { flagAmountRatio: 5, flagProgressJumpPoints: 50 }).map((f) => f.code)).toEqual(['amount-over-remaining'])
  })
})

describe('flaggedApprovalProblem: approving a flagged report needs a confirming comment', () => {
  const flagged = { flags: [{ code: 'progress-jump', message: '形象进度由 40% 升至 80%' }] }

  it('asks for the comment, naming the reason, when approving a flagged report without one (or with only spaces)', () => {
    expect(flaggedApprovalProblem('approve', flagged, undefined)).toEqual({ comment: '该月报需核实（形象进度由 40% 升至 80%），审核通过前请填写确认意见' })
    expect(flaggedApprovalProblem('approve', flagged, '  ')).not.toBeNull()
  })

  it('is satisfied by a comment, and asks nothing of an unflagged report or another step', () => {
    expect(flaggedApprovalProblem('approve', flagged, '已电话核实，监理确认')).toBeNull()
    expect(flaggedApprovalProblem('approve', { flags: [] }, undefined)).toBeNull()
    expect(flaggedApprovalProblem('return', flagged, undefined)).toBeNull()
  })
})
