import { describe, expect, it } from 'vitest'
import { ReportDraftFieldsSchema, ReportSchema, type Report } from '@/contract/reports'
import {
  DEFAULT_REPORT_CHECKS,
  applyCommissionConfidence,
  asksCompletionDate,
  commissionConfidenceProblem,
  confidenceNeedsReason,
  effectiveConfidence,
  forecastNeedOf,
  forecastRequired,
  missingForecastFields,
} from '@/domain/forecast-report'
import { CONFIDENCE_COLOURS, CONFIDENCE_LABELS } from '@/domain/labels'
import { completeReport } from '@/domain/monthly-report'
import { simulatedForecast } from '@/dataset/forecasts'
import { generateDataset } from '@/dataset/generate'
import { makeProject, reportedThrough } from '../factories'

/**
 * The owner's forecast in a monthly report (decision 74): from 6月 (the deployment may say otherwise) a
 * report is submitted with its 全年预计完成投资 and 完成信心, and with 预计完工日期 when the project is due to
 * finish this year or next; a 完成信心 of 中 or lower always says why. The commission may rate it too, and
 * its rating is the one that counts.
 */

const draft = (fields: Record<string, unknown> = {}) =>
  ReportDraftFieldsSchema.parse({ actualWan: 100, progressPercent: 40, progressText: '主体施工', ...fields })

const schedule = (plannedCompletionDate: string, buildEndYear: number, actualCompletionDate: string | null = null) => ({ plannedCompletionDate, buildEndYear, actualCompletionDate })

describe('when the forecast is required', () => {
  it('from 6月 by default: May is optional, June and December required', () => {
    expect(DEFAULT_REPORT_CHECKS.forecastRequiredFrom).toBe(6)
    expect([1, 5, 6, 12].map((m) => forecastRequired(m, DEFAULT_REPORT_CHECKS))).toEqual([false, false, true, true])
  })

  it('follows the deployment’s month: from 9月, August is optional', () => {
    expect(forecastRequired(8, { forecastRequiredFrom: 9 })).toBe(false)
    expect(forecastRequired(9, { forecastRequiredFrom: 9 })).toBe(true)
  })
})

describe('asksCompletionDate: 预计完工日期 is asked of a project due to finish this year or next', () => {
  it('asks when the planned completion is this year or next, or already past and not completed', () => {
    expect(asksCompletionDate(schedule('2024-12-31', 2024), 2024)).toBe(true)
    expect(asksCompletionDate(schedule('2025-06-30', 2025), 2024)).toBe(true)
    expect(asksCompletionDate(schedule('2023-12-31', 2023), 2024)).toBe(true)
  })

  it('does not ask a project due in 2026 or later, nor one already completed', () => {
    expect(asksCompletionDate(schedule('2026-03-31', 2026), 2024)).toBe(false)
    expect(asksCompletionDate(schedule('2024-10-31', 2024, '2024-10-15'), 2024)).toBe(false)
  })

  it('reads the 建设年限 too: a project whose 建设年限 ends next year is asked even if its date says later', () => {
    expect(asksCompletionDate(schedule('2026-06-30', 2025), 2024)).toBe(true)
  })

  it('is asked only in a month that requires the forecast', () => {
    const due = schedule('2024-12-31', 2024)
    expect(forecastNeedOf(5, DEFAULT_REPORT_CHECKS, due, 2024)).toEqual({ required: false, completionDate: false })
    expect(forecastNeedOf(6, DEFAULT_REPORT_CHECKS, due, 2024)).toEqual({ required: true, completionDate: true })
    expect(forecastNeedOf(6, DEFAULT_REPORT_CHECKS, schedule('2027-12-31', 2027), 2024)).toEqual({ required: true, completionDate: false })
  })
})

describe('missingForecastFields and completeReport at submit', () => {
  const need = { required: true, completionDate: true }

  it('names each missing forecast field in Chinese', () => {
    expect(missingForecastFields(draft(), need)).toEqual({
      forecastYearWan: '请填写全年预计完成投资（万元）',
      forecastCompletionDate: '请填写预计完工日期（本年或明年完工的项目）',
      confidence: '请选择完成信心',
    })
  })

  it('needs a reason for 中, 较低 and 低, not for 高 or 较高', () => {
    expect(['high', 'fairly-high', 'medium', 'fairly-low', 'low'].map((c) => confidenceNeedsReason(c as never))).toEqual([false, false, true, true, true])
    expect(missingForecastFields(draft({ forecastYearWan: 900, forecastCompletionDate: '2024-12-20', confidence: 'fairly-low' }), need)).toEqual({
      confidenceReason: '完成信心为“较低”时，请用一句话说明原因（信心说明）',
    })
    expect(missingForecastFields(draft({ forecastYearWan: 900, forecastCompletionDate: '2024-12-20', confidence: 'fairly-low', confidenceReason: '征地未完成' }), need)).toEqual({})
  })

  it('asks the reason of a low confidence even before the required month; asks nothing else then', () => {
    expect(missingForecastFields(draft({ confidence: 'low', confidenceReason: '  ' }), { required: false, completionDate: false })).toEqual({
      confidenceReason: '完成信心为“低”时，请用一句话说明原因（信心说明）',
    })
    expect(missingForecastFields(draft(), { required: false, completionDate: false })).toEqual({})
  })

  it('completeReport names the forecast fields after the report’s own, in one sentence', () => {
    const result = completeReport(draft({ actualWan: null }), need)
    expect(result).toEqual({
      ok: false,
      message: '月报尚未填写完整，不能提交：请填写当月完成投资（万元）、全年预计完成投资（万元）、预计完工日期、完成信心',
      fields: {
        actualWan: '请填写当月完成投资（万元）',
        forecastYearWan: '请填写全年预计完成投资（万元）',
        forecastCompletionDate: '请填写预计完工日期（本年或明年完工的项目）',
        confidence: '请选择完成信心',
      },
    })
  })

  it('completeReport passes a May report without a forecast (the default need is none)', () => {
    expect(completeReport(draft()).ok).toBe(true)
  })
})

describe('the forecast fields’ own checks (the contract)', () => {
  it('takes 万元 as a whole number, not negative, under the cap; a date that exists; a reason up to 200 characters', () => {
    const issues = (fields: Record<string, unknown>) => {
      const parsed = ReportDraftFieldsSchema.safeParse(fields)
      return parsed.success ? [] : parsed.error.issues.map((i) => i.message)
    }
    expect(issues({ forecastYearWan: 12.5 })).toEqual(['全年预计完成投资应为整数万元'])
    expect(issues({ forecastYearWan: -1 })).toEqual(['全年预计完成投资不能为负数'])
    expect(issues({ forecastYearWan: 10_000_001 })).toEqual(['全年预计完成投资超过 1,000 亿元，请检查单位（万元）'])
    expect(issues({ forecastCompletionDate: '2024-02-30' })).toEqual(['日期无效（应为真实存在的日期，如 2024-10-31）'])
    expect(issues({ confidence: 'sure' })).toEqual(['完成信心应为 高、较高、中、较低 或 低'])
    expect(issues({ confidenceReason: '因'.repeat(201) })).toEqual(['信心说明最长 200 个字'])
    expect(issues({ forecastYearWan: 0, confidence: 'low', confidenceReason: '因'.repeat(200) })).toEqual([])
  })
})

describe('labels and colours', () => {
  it('names the five levels 高 … 低 and shows them green → red', () => {
    expect(Object.values(CONFIDENCE_LABELS)).toEqual(['高', '较高', '中', '较低', '低'])
    expect(Object.values(CONFIDENCE_COLOURS)).toEqual(['green', 'green-amber', 'amber', 'amber-red', 'red'])
  })
})

const report = (overrides: Partial<Report> = {}): Report =>
  ReportSchema.parse({
    projectId: 'P901',
    month: '2024-09',
    status: 'submitted',
    version: 3,
    actualWan: 100,
    progressPercent: 40,
    progressText: '主体施工',
    milestonesReached: [],
    problems: '',
    coordination: '',
    nextMonthPlan: '',
    progressDropReason: null,
    overrunConfirmed: false,
    returnComment: null,
    forecastYearWan: 1100,
    forecastCompletionDate: null,
    confidence: 'high',
    confidenceReason: null,
    commissionConfidence: null,
    commissionConfidenceReason: null,
    flags: [],
    updatedAt: '2024-10-02T03:00:00.000Z',
    updatedBy: 'jianshe',
    submittedAt: '2024-10-02T03:00:00.000Z',
    submittedBy: 'jianshe',
    reviewedAt: null,
    reviewedBy: null,
    simulated: false,
    photos: [],
    ...overrides,
  })

describe('effectiveConfidence and the commission’s rating', () => {
  it('is the commission’s when it gave one, else the owner’s, else none', () => {
    expect(effectiveConfidence(report({ confidence: 'high', commissionConfidence: 'fairly-low' }))).toBe('fairly-low')
    expect(effectiveConfidence(report({ confidence: 'medium' }))).toBe('medium')
    expect(effectiveConfidence(report({ confidence: null }))).toBeNull()
  })

  it('may be given on a submitted or approved report, not on a draft or a returned one, nor on none', () => {
    expect(commissionConfidenceProblem(report({ status: 'submitted' }))).toBeNull()
    expect(commissionConfidenceProblem(report({ status: 'approved' }))).toBeNull()
    expect(commissionConfidenceProblem(report({ status: 'draft' }))).toBe('月报尚未提交，不能评定完成信心')
    expect(commissionConfidenceProblem(report({ status: 'returned' }))).toBe('月报已退回，待业主单位重新提交后再评定完成信心')
    expect(commissionConfidenceProblem(null)).toBe('该月尚无月报，不能评定完成信心')
  })

  it('keeps the owner’s rating and content, and makes a new version', () => {
    const before = report({ confidence: 'high' })
    const after = applyCommissionConfidence(before, 'fairly-low', ' 征地拆迁尚未完成 ')
    expect(after).toEqual({ ...before, version: 4, commissionConfidence: 'fairly-low', commissionConfidenceReason: '征地拆迁尚未完成' })
  })
})

describe('the demo’s simulated forecasts', () => {
  it('start in 6月, and are the same on every run', () => {
    const record = generateDataset().find((r) => r.monthlyActualWan[8] !== null && r.actualCompletionDate === null)!
    expect(simulatedForecast(record, 5, 2024)).toBeNull()
    expect(simulatedForecast(record, 9, 2024)).toEqual(simulatedForecast(structuredClone(record), 9, 2024))
    expect(simulatedForecast(record, 9, 2024)!.forecastYearWan).toBeGreaterThanOrEqual(record.monthlyActualWan.slice(0, 9).reduce<number>((a, b) => a + (b ?? 0), 0))
  })

  it('give a reason wherever the confidence is 中 or lower, and come in every level across the dataset', () => {
    const forecasts = generateDataset().flatMap((r) => simulatedForecast(r, 9, 2024) ?? [])
    for (const f of forecasts) expect(confidenceNeedsReason(f.confidence) ? f.confidenceReason : 'none').toBeTruthy()
    expect(new Set(forecasts.map((f) => f.confidence))).toEqual(new Set(['high', 'fairly-high', 'medium', 'fairly-low', 'low']))
  })

  it('are none for a project whose figures are not simulated', () => {
    expect(simulatedForecast(makeProject({ simulated: false, monthlyActualWan: reportedThrough(100, 9) }), 9, 2024)).toBeNull()
  })

  it('of a project exactly on its pace: its pace, near the plan, with high or fairly high confidence', () => {
    const f = simulatedForecast(makeProject({ id: 'P950', annualPlanWan: 1200, monthlyActualWan: reportedThrough(100, 9) }), 9, 2024)!
    // 900 万元 in nine months: 1,200 by December, times a wobble of 0.95–1.08 (or the plan, for an optimist).
    expect(f.forecastYearWan).toBeGreaterThanOrEqual(1140)
    expect(f.forecastYearWan).toBeLessThanOrEqual(1296)
  })
})
