import { ROLES, type ProjectRecord } from '@/contract'
import {
  ReportDraftFieldsSchema,
  ReportFieldsSchema,
  ReportQueueSchema,
  ReportSchema,
  type Report,
  type ReportAction,
  type ReportFields,
  type ReportStatus,
} from '@/contract/reports'
import {
  applySave,
  applyTransition,
  buildReportQueue,
  checkTransition,
  completeReport,
  fieldsOfReport,
  mayAct,
  missingReturnReason,
  reportChanges,
  reportContextOf,
  reportsInMonth,
  validateReport,
  type QueueProject,
  type ReportActor,
  type ReportContext,
} from '@/domain/monthly-report'
import { makeProject, reportedThrough, withMonths } from '../factories'

/**
 * 月报 from both sides: an owner unit fills in a project's month, saves drafts and submits it; the
 * commission's staff approve it or return it with a reason. Every write names the version it was based
 * on, and every report is checked before it is stored.
 */

const OWN_UNIT = '区城市建设发展平台公司'
const OTHER_UNIT = '区城市更新平台公司'

const owner: ReportActor = { username: 'jianshe', role: 'owner', ownerUnit: OWN_UNIT }
const otherOwner: ReportActor = { username: 'gengxin', role: 'owner', ownerUnit: OTHER_UNIT }
const staff: ReportActor = { username: 'staff', role: 'staff', ownerUnit: null }

/** 3 October 2024, 10:00 in China: September's reports are being filled in. */
const OCT_3 = new Date('2024-10-03T02:00:00Z')

/** What an owner types into the form, through the contract's schema (so defaults apply as they would). */
function fieldsOf(overrides: Partial<ReportFields> = {}): ReportFields {
  return ReportFieldsSchema.parse({
    actualWan: 120,
    progressPercent: 45,
    progressText: '主体结构施工至第 8 层',
    ...overrides,
  })
}

/** A stored report; every one goes through ReportSchema so a fixture is something the API could hold. */
function makeReport(overrides: Partial<Report> = {}): Report {
  return ReportSchema.parse({
    projectId: 'P901',
    month: '2024-09',
    status: 'draft',
    version: 1,
    actualWan: 120,
    progressPercent: 45,
    progressText: '主体结构施工至第 8 层',
    milestonesReached: [],
    problems: '',
    coordination: '',
    nextMonthPlan: '',
    progressDropReason: null,
    overrunConfirmed: false,
    returnComment: null,
    forecastYearWan: null,
    forecastCompletionDate: null,
    confidence: null,
    confidenceReason: null,
    commissionConfidence: null,
    commissionConfidenceReason: null,
    flags: [],
    updatedAt: '2024-10-02T03:00:00.000Z',
    updatedBy: 'jianshe',
    submittedAt: null,
    submittedBy: null,
    reviewedAt: null,
    reviewedBy: null,
    simulated: false,
    photos: [],
    ...overrides,
  })
}

/** What validation needs, for September 2024 on 3 October, 800 of a 1,200 万元 plan approved so far. */
function contextOf(overrides: Partial<ReportContext> = {}): ReportContext {
  return {
    year: 2024,
    month: 9,
    planYear: 2024,
    now: OCT_3,
    annualPlanWan: 1200,
    otherMonthsApprovedWan: 800,
    previousProgressPercent: 40,
    ...overrides,
  }
}

describe('checkTransition: which step may follow which state', () => {
  const STATES: (ReportStatus | null)[] = [null, 'draft', 'submitted', 'approved', 'returned']
  const ACTIONS: ReportAction[] = ['save', 'submit', 'approve', 'return']
  // The workflow as the commission describes it.
  const ALLOWED: Record<ReportAction, (ReportStatus | null)[]> = {
    save: [null, 'draft', 'returned'],
    submit: ['draft', 'returned'],
    approve: ['submitted'],
    return: ['submitted'],
  }
  const currentIn = (state: ReportStatus | null) => (state ? makeReport({ status: state, version: 3 }) : null)

  it('lets an owner save a new report, a draft or a returned report', () => {
    expect(checkTransition('save', null, undefined)).toBeNull()
    expect(checkTransition('save', makeReport({ status: 'draft', version: 2 }), 2)).toBeNull()
    expect(checkTransition('save', makeReport({ status: 'returned', version: 4 }), 4)).toBeNull()
  })

  it('lets an owner submit a draft or a returned report', () => {
    expect(checkTransition('submit', makeReport({ status: 'draft', version: 1 }), 1)).toBeNull()
    expect(checkTransition('submit', makeReport({ status: 'returned', version: 5 }), 5)).toBeNull()
  })

  it('lets staff approve or return only a submitted report', () => {
    expect(checkTransition('approve', makeReport({ status: 'submitted', version: 2 }), 2)).toBeNull()
    expect(checkTransition('return', makeReport({ status: 'submitted', version: 2 }), 2)).toBeNull()
  })

  it('refuses every other step with 409 invalid_transition, and allows exactly the ones above', () => {
    for (const action of ACTIONS) {
      for (const state of STATES) {
        const current = currentIn(state)
        const refusal = checkTransition(action, current, current?.version)
        const label = `${action} from ${state ?? 'none'}`
        if (ALLOWED[action].includes(state)) expect(refusal, label).toBeNull()
        else expect(refusal, label).toMatchObject({ ok: false, status: 409, code: 'invalid_transition' })
      }
    }
  })

  it('says in Chinese what the report is now and what cannot be done to it', () => {
    expect(checkTransition('approve', makeReport({ status: 'draft', version: 1 }), 1)?.message).toBe('月报当前为「草稿」，不能审核通过')
    expect(checkTransition('save', makeReport({ status: 'approved', version: 3 }), 3)?.message).toBe('月报当前为「已通过」，不能保存草稿')
    expect(checkTransition('return', makeReport({ status: 'returned', version: 3 }), 3)?.message).toBe('月报当前为「已退回」，不能退回')
    expect(checkTransition('submit', makeReport({ status: 'submitted', version: 2 }), 2)?.message).toBe('月报当前为「待审核」，不能提交')
    expect(checkTransition('submit', null, undefined)?.message).toBe('月报当前为「未填报」，不能提交')
  })

  it('refuses a write based on a stale version with 409 conflict, naming the current and the edited version', () => {
    // Staff approved version 3 while the owner was still editing version 2.
    const refusal = checkTransition('save', makeReport({ status: 'draft', version: 3 }), 2)
    expect(refusal).toMatchObject({ ok: false, status: 409, code: 'conflict' })
    expect(refusal?.message).toContain('第 3 版')
    expect(refusal?.message).toContain('第 2 版')
  })

  it('reports the stale version before the state: a conflict, not an invalid transition', () => {
    // The owner's edit was of version 2; the report has since been submitted and approved (version 4).
    expect(checkTransition('save', makeReport({ status: 'approved', version: 4 }), 2)).toMatchObject({ status: 409, code: 'conflict' })
  })

  it('refuses to create a report that already exists (no version given) with 409 conflict', () => {
    // Two people opened the empty month; the first one's save created it.
    const refusal = checkTransition('save', makeReport({ status: 'draft', version: 1 }), undefined)
    expect(refusal).toMatchObject({ ok: false, status: 409, code: 'conflict' })
    expect(refusal?.message).toContain('已存在')
  })

  it('refuses a version for a report that does not exist with 409 conflict', () => {
    const refusal = checkTransition('save', null, 1)
    expect(refusal).toMatchObject({ ok: false, status: 409, code: 'conflict' })
    expect(refusal?.message).toContain('不存在')
    expect(checkTransition('approve', null, 2)).toMatchObject({ status: 409, code: 'conflict' })
  })
})

describe('mayAct: filling in is for the project’s own 业主单位, reviewing for the commission’s staff', () => {
  const project = makeProject({ ownerUnit: OWN_UNIT })

  it('lets the owner of the project’s unit save and submit', () => {
    expect(mayAct(owner, 'save', project)).toBeNull()
    expect(mayAct(owner, 'submit', project)).toBeNull()
  })

  it('refuses the owner of another unit with 403, saying the project is not theirs', () => {
    for (const action of ['save', 'submit'] as const) {
      const refusal = mayAct(otherOwner, action, project)
      expect(refusal, action).toMatchObject({ ok: false, status: 403, code: 'forbidden' })
      expect(refusal?.message).toContain('不属于本单位')
    }
  })

  it('does not let an owner approve or return, not even a report of its own unit', () => {
    expect(mayAct(owner, 'approve', project)).toMatchObject({ status: 403, code: 'forbidden' })
    expect(mayAct(owner, 'return', project)).toMatchObject({ status: 403, code: 'forbidden' })
  })

  it('lets staff approve and return, but not fill in a report', () => {
    expect(mayAct(staff, 'approve', project)).toBeNull()
    expect(mayAct(staff, 'return', project)).toBeNull()
    expect(mayAct(staff, 'save', project)).toMatchObject({ status: 403, code: 'forbidden', message: '只有业主单位可以填报月报' })
    expect(mayAct(staff, 'submit', project)).toMatchObject({ status: 403, code: 'forbidden' })
  })

  it('refuses a leader, a reviewer (督查) and an admin every step', () => {
    for (const role of ['leader', 'reviewer', 'admin'] as const) {
      const actor: ReportActor = { username: role, role, ownerUnit: null }
      for (const action of ['save', 'submit', 'approve', 'return'] as const) {
        expect(mayAct(actor, action, project), `${role} ${action}`).toMatchObject({ ok: false, status: 403, code: 'forbidden' })
      }
    }
  })

  it('allows each step to exactly one role', () => {
    for (const action of ['save', 'submit', 'approve', 'return'] as const) {
      const allowed = ROLES.filter((role) => mayAct({ username: role, role, ownerUnit: role === 'owner' ? OWN_UNIT : null }, action, project) === null)
      expect(allowed, action).toEqual([action === 'save' || action === 'submit' ? 'owner' : 'staff'])
    }
  })
})

describe('validateReport: what a valid report is, field by field in Chinese', () => {
  it('finds nothing wrong with an ordinary September report', () => {
    expect(validateReport(fieldsOf(), contextOf())).toEqual({})
  })

  it('refuses a month of another year on field month', () => {
    const problems = validateReport(fieldsOf(), contextOf({ year: 2023, month: 12 }))
    expect(Object.keys(problems)).toEqual(['month'])
    expect(problems.month).toContain('2024')
    expect(problems.month).toContain('2023')
  })

  it('refuses a month that has not begun yet, and accepts the month under way', () => {
    expect(validateReport(fieldsOf(), contextOf({ month: 11 })).month).toBe('2024年11月尚未开始，不能填报')
    expect(validateReport(fieldsOf(), contextOf({ month: 10 }))).toEqual({})
  })

  it('judges "not begun" by the date in China', () => {
    const octoberFirstInChina = new Date('2024-09-30T16:30:00Z')
    const septemberThirtiethInChina = new Date('2024-09-30T15:30:00Z')
    expect(validateReport(fieldsOf(), contextOf({ month: 10, now: octoberFirstInChina }))).toEqual({})
    expect(validateReport(fieldsOf(), contextOf({ month: 10, now: septemberThirtiethInChina }))).toHaveProperty('month')
  })

  describe('形象进度 lower than the last approved report', () => {
    it('needs a reason (progressDropReason), naming the previous percentage', () => {
      const problems = validateReport(fieldsOf({ progressPercent: 35 }), contextOf({ previousProgressPercent: 40 }))
      expect(Object.keys(problems)).toEqual(['progressDropReason'])
      expect(problems.progressDropReason).toContain('40%')
    })

    it('is accepted with a reason', () => {
      const fields = fieldsOf({ progressPercent: 35, progressDropReason: '设计变更，部分已完成结构需拆除重做' })
      expect(validateReport(fields, contextOf({ previousProgressPercent: 40 }))).toEqual({})
    })

    it('does not need a reason when progress stays the same, rises, or has no approved percentage before it', () => {
      expect(validateReport(fieldsOf({ progressPercent: 40 }), contextOf({ previousProgressPercent: 40 }))).toEqual({})
      expect(validateReport(fieldsOf({ progressPercent: 40.5 }), contextOf({ previousProgressPercent: 40 }))).toEqual({})
      expect(validateReport(fieldsOf({ progressPercent: 0 }), contextOf({ previousProgressPercent: null }))).toEqual({})
    })

    it('counts a drop of one tenth of a point', () => {
      expect(validateReport(fieldsOf({ progressPercent: 39.9 }), contextOf({ previousProgressPercent: 40 }))).toHaveProperty('progressDropReason')
    })
  })

  describe('a year’s cumulative total above 150% of the annual plan', () => {
    // Plan 1,200 万元: 150% is 1,800. Other months have 800 approved.
    it('passes at exactly 150%', () => {
      expect(validateReport(fieldsOf({ actualWan: 1000 }), contextOf({ annualPlanWan: 1200, otherMonthsApprovedWan: 800 }))).toEqual({})
    })

    it('needs confirmOverrun at 1 万元 more, naming the cumulative total and the plan', () => {
      const problems = validateReport(fieldsOf({ actualWan: 1001 }), contextOf({ annualPlanWan: 1200, otherMonthsApprovedWan: 800 }))
      expect(Object.keys(problems)).toEqual(['confirmOverrun'])
      expect(problems.confirmOverrun).toContain('1,801')
      expect(problems.confirmOverrun).toContain('1,200')
      expect(problems.confirmOverrun).toContain('150%')
    })

    it('is accepted once the owner confirms the figure', () => {
      expect(validateReport(fieldsOf({ actualWan: 1001, confirmOverrun: true }), contextOf({ annualPlanWan: 1200, otherMonthsApprovedWan: 800 }))).toEqual({})
    })

    it('handles an odd annual plan, whose 150% is not a whole number', () => {
      // 1,001 × 1.5 = 1,501.5: 1,501 is within, 1,502 is over.
      const ctx = contextOf({ annualPlanWan: 1001, otherMonthsApprovedWan: 1000 })
      expect(validateReport(fieldsOf({ actualWan: 501 }), ctx)).toEqual({})
      expect(validateReport(fieldsOf({ actualWan: 502 }), ctx)).toHaveProperty('confirmOverrun')
    })

    it('asks to confirm any investment in a project with no annual plan at all', () => {
      const ctx = contextOf({ annualPlanWan: 0, otherMonthsApprovedWan: 0 })
      const problems = validateReport(fieldsOf({ actualWan: 1 }), ctx)
      expect(Object.keys(problems)).toEqual(['confirmOverrun'])
      expect(problems.confirmOverrun).toContain('无年度计划投资')
      expect(validateReport(fieldsOf({ actualWan: 1, confirmOverrun: true }), ctx)).toEqual({})
      expect(validateReport(fieldsOf({ actualWan: 0 }), ctx)).toEqual({})
    })

    it('does not ask again in a month that adds nothing, even when earlier months already overran', () => {
      expect(validateReport(fieldsOf({ actualWan: 0 }), contextOf({ annualPlanWan: 1200, otherMonthsApprovedWan: 2000 }))).toEqual({})
      expect(validateReport(fieldsOf({ actualWan: 1 }), contextOf({ annualPlanWan: 1200, otherMonthsApprovedWan: 2000 }))).toHaveProperty('confirmOverrun')
    })
  })

  describe('milestones reached', () => {
    it('refuses a milestone dated after today, on the key of that milestone’s date', () => {
      const problems = validateReport(fieldsOf({ milestonesReached: [{ name: '竣工验收', date: '2024-10-04' }] }), contextOf())
      expect(problems).toEqual({ 'milestonesReached.0.date': '节点「竣工验收」的日期晚于今天' })
    })

    it('accepts today and earlier, and names only the milestone that is wrong', () => {
      const fields = fieldsOf({
        milestonesReached: [
          { name: '主体结构封顶', date: '2024-10-03' },
          { name: '二次结构完成', date: '2024-11-20' },
          { name: '基础完成', date: '2024-06-30' },
        ],
      })
      expect(Object.keys(validateReport(fields, contextOf()))).toEqual(['milestonesReached.1.date'])
    })

    it('judges "today" by the date in China', () => {
      const fields = fieldsOf({ milestonesReached: [{ name: '竣工验收', date: '2024-10-04' }] })
      // 16:30 UTC on 3 October is 00:30 on 4 October in China.
      expect(validateReport(fields, contextOf({ now: new Date('2024-10-03T16:30:00Z') }))).toEqual({})
      expect(validateReport(fields, contextOf({ now: new Date('2024-10-03T15:30:00Z') }))).toHaveProperty(['milestonesReached.0.date'])
    })
  })

  it('lists every broken rule at once', () => {
    const fields = fieldsOf({ actualWan: 5000, progressPercent: 10, milestonesReached: [{ name: '竣工验收', date: '2025-01-01' }] })
    expect(Object.keys(validateReport(fields, contextOf({ month: 12 }))).sort()).toEqual(
      ['confirmOverrun', 'milestonesReached.0.date', 'month', 'progressDropReason'].sort(),
    )
  })
})

describe('applySave: what a save stores', () => {
  it('creates version 1 as a draft with the owner’s fields', () => {
    const fields = fieldsOf({ actualWan: 300, milestonesReached: [{ name: '基础完成', date: '2024-09-20' }], problems: '征拆未完成', confirmOverrun: true })
    const report = applySave(null, fields, 'P901', '2024-09', owner, OCT_3)
    expect(ReportSchema.parse(report)).toEqual(report)
    expect(report).toMatchObject({
      projectId: 'P901',
      month: '2024-09',
      status: 'draft',
      version: 1,
      actualWan: 300,
      progressPercent: 45,
      progressText: '主体结构施工至第 8 层',
      milestonesReached: [{ name: '基础完成', date: '2024-09-20' }],
      problems: '征拆未完成',
      overrunConfirmed: true,
      returnComment: null,
      updatedAt: '2024-10-03T02:00:00.000Z',
      updatedBy: 'jianshe',
      submittedAt: null,
      submittedBy: null,
      reviewedAt: null,
      reviewedBy: null,
      simulated: false,
    })
  })

  it('marks a new report simulated only when asked to', () => {
    expect(applySave(null, fieldsOf(), 'P901', '2024-09', owner, OCT_3, true).simulated).toBe(true)
  })

  it('keeps whether an existing report is simulated when it is saved again', () => {
    const demo = makeReport({ simulated: true, version: 2 })
    const real = makeReport({ simulated: false, version: 2 })
    expect(applySave(demo, fieldsOf(), demo.projectId, demo.month, owner, OCT_3).simulated).toBe(true)
    expect(applySave(real, fieldsOf(), real.projectId, real.month, owner, OCT_3, true).simulated).toBe(false)
  })

  it('increments the version of a draft and replaces its fields rather than merging them', () => {
    const before = makeReport({ version: 2, milestonesReached: [{ name: '基础完成', date: '2024-09-20' }], coordination: '请协调电力迁改' })
    const after = applySave(before, fieldsOf({ actualWan: 130 }), before.projectId, before.month, owner, OCT_3)
    expect(after.version).toBe(3)
    expect(after.status).toBe('draft')
    expect(after.actualWan).toBe(130)
    expect(after.milestonesReached).toEqual([])
    expect(after.coordination).toBe('')
  })

  it('keeps the reason a returned report was returned for, and who returned it, until it is submitted again', () => {
    const before = makeReport({
      status: 'returned',
      version: 4,
      returnComment: '完成投资与财务凭证不符，请核实',
      submittedAt: '2024-10-02T01:00:00.000Z',
      submittedBy: 'jianshe',
      reviewedAt: '2024-10-02T06:00:00.000Z',
      reviewedBy: 'staff',
    })
    const after = applySave(before, fieldsOf({ actualWan: 110 }), before.projectId, before.month, owner, OCT_3)
    expect(after).toMatchObject({
      status: 'draft',
      version: 5,
      actualWan: 110,
      returnComment: '完成投资与财务凭证不符，请核实',
      submittedBy: 'jianshe',
      reviewedBy: 'staff',
      updatedAt: OCT_3.toISOString(),
    })
  })

  it('does not change the report it was given', () => {
    const before = makeReport({ version: 2 })
    const copy = structuredClone(before)
    applySave(before, fieldsOf({ actualWan: 999 }), before.projectId, before.month, owner, OCT_3)
    expect(before).toEqual(copy)
  })
})

describe('applyTransition: submit, approve and return', () => {
  const later = new Date('2024-10-04T01:00:00Z')

  it('submitting clears the return reason and records who submitted it and when', () => {
    const returned = makeReport({ status: 'returned', version: 5, returnComment: '请补充形象进度照片', reviewedBy: 'staff' })
    const submitted = applyTransition(returned, 'submit', owner, later)
    expect(submitted).toMatchObject({
      status: 'submitted',
      version: 6,
      returnComment: null,
      submittedAt: '2024-10-04T01:00:00.000Z',
      submittedBy: 'jianshe',
      updatedAt: '2024-10-04T01:00:00.000Z',
      updatedBy: 'jianshe',
    })
    expect(submitted.actualWan).toBe(returned.actualWan)
  })

  it('returning records the reason and the reviewer', () => {
    const submitted = makeReport({ status: 'submitted', version: 2, submittedBy: 'jianshe', submittedAt: OCT_3.toISOString() })
    const returned = applyTransition(submitted, 'return', staff, later, '完成投资与财务凭证不符，请核实')
    expect(returned).toMatchObject({
      status: 'returned',
      version: 3,
      returnComment: '完成投资与财务凭证不符，请核实',
      reviewedAt: '2024-10-04T01:00:00.000Z',
      reviewedBy: 'staff',
      updatedBy: 'staff',
      submittedBy: 'jianshe',
    })
  })

  it('approving records the reviewer and leaves the figures as submitted', () => {
    const submitted = makeReport({ status: 'submitted', version: 2, actualWan: 260, progressPercent: 52, submittedBy: 'jianshe' })
    const approved = applyTransition(submitted, 'approve', staff, later)
    expect(approved).toMatchObject({
      status: 'approved',
      version: 3,
      reviewedAt: '2024-10-04T01:00:00.000Z',
      reviewedBy: 'staff',
      updatedBy: 'staff',
      actualWan: 260,
      progressPercent: 52,
      submittedBy: 'jianshe',
      returnComment: null,
    })
  })

  it('does not change the report it was given', () => {
    const before = makeReport({ status: 'submitted', version: 2 })
    const copy = structuredClone(before)
    applyTransition(before, 'approve', staff, later)
    expect(before).toEqual(copy)
  })
})

describe('missingReturnReason: a return must say why', () => {
  it('asks for a comment when returning without one, or with only spaces', () => {
    for (const comment of [undefined, '', '   \n ']) {
      expect(missingReturnReason('return', comment), JSON.stringify(comment)).toEqual({ comment: '退回时请填写退回原因' })
    }
  })

  it('is satisfied by any reason', () => {
    expect(missingReturnReason('return', '数据有误')).toBeNull()
  })

  it('does not ask for a comment on any other step', () => {
    for (const action of ['save', 'submit', 'approve'] as const) expect(missingReturnReason(action, undefined), action).toBeNull()
  })
})

describe('reportChanges: the audit log’s before → after of each field', () => {
  it('on creation lists every field that has a value, each from null', () => {
    const created = makeReport({ status: 'draft', version: 1, problems: '', progressDropReason: null, returnComment: null })
    const changes = reportChanges(null, created)
    expect(changes.map((c) => c.field)).toEqual([
      'status',
      'actualWan',
      'progressPercent',
      'progressText',
      'milestonesReached',
      'problems',
      'coordination',
      'nextMonthPlan',
      'overrunConfirmed',
    ])
    for (const change of changes) {
      expect(change.before, change.field).toBeNull()
      expect(change.after, change.field).toEqual(created[change.field as keyof Report])
    }
  })

  it('is empty when nothing changed', () => {
    const report = makeReport({ milestonesReached: [{ name: '基础完成', date: '2024-09-20' }] })
    expect(reportChanges(report, structuredClone(report))).toEqual([])
  })

  it('does not see a change when the database returns a milestone’s keys in another order', () => {
    const typed = makeReport({ milestonesReached: [{ name: '基础完成', date: '2024-09-20' }] })
    const stored = { ...typed, milestonesReached: [{ date: '2024-09-20', name: '基础完成' }] }
    expect(reportChanges(stored, typed)).toEqual([])
    expect(reportChanges(typed, stored)).toEqual([])
  })

  it('sees a milestone’s changed date', () => {
    const before = makeReport({ milestonesReached: [{ name: '基础完成', date: '2024-09-20' }] })
    const after = makeReport({ milestonesReached: [{ name: '基础完成', date: '2024-09-21' }] })
    expect(reportChanges(before, after)).toEqual([
      { field: 'milestonesReached', before: before.milestonesReached, after: after.milestonesReached },
    ])
  })

  it('lists only the fields that changed, not the version or timestamps', () => {
    const before = makeReport({ status: 'returned', version: 4, returnComment: '请补充照片', actualWan: 100 })
    const after = makeReport({ status: 'submitted', version: 5, returnComment: null, actualWan: 100, updatedAt: '2024-10-05T00:00:00.000Z', submittedBy: 'jianshe' })
    expect(reportChanges(before, after)).toEqual([
      { field: 'status', before: 'returned', after: 'submitted' },
      { field: 'returnComment', before: '请补充照片', after: null },
    ])
  })
})

describe('reportContextOf: what validation needs from the approved figures', () => {
  it('sums the approved figures of the other months, not of the month being reported', () => {
    const record = makeProject({ annualPlanWan: 1200, monthlyActualWan: withMonths(reportedThrough(100, 9), { 4: 250 }) })
    // 8 × 100 + 250 = 1,050 in all; September's own 100 is left out when September is re-reported.
    expect(reportContextOf(record, 2024, 9, 2024, OCT_3).otherMonthsApprovedWan).toBe(950)
    expect(reportContextOf(record, 2024, 10, 2024, OCT_3).otherMonthsApprovedWan).toBe(1050)
    expect(reportContextOf(record, 2024, 4, 2024, OCT_3).otherMonthsApprovedWan).toBe(800)
  })

  it('passes on the month, the plan year, the clock and the annual plan', () => {
    const record = makeProject({ annualPlanWan: 3600 })
    expect(reportContextOf(record, 2024, 9, 2024, OCT_3)).toMatchObject({ year: 2024, month: 9, planYear: 2024, now: OCT_3, annualPlanWan: 3600 })
  })

  it('takes the previous 形象进度 from the latest entry before the month', () => {
    const record = makeProject({
      baselineProgress: { percent: 5, text: '完成桩基' },
      progressHistory: [
        { month: 1, percent: 10, text: 'a' },
        { month: 3, percent: 30, text: 'b' },
        { month: 5, percent: 50, text: 'c' },
      ],
    })
    expect(reportContextOf(record, 2024, 5, 2024, OCT_3).previousProgressPercent).toBe(30)
    expect(reportContextOf(record, 2024, 4, 2024, OCT_3).previousProgressPercent).toBe(30)
    expect(reportContextOf(record, 2024, 9, 2024, OCT_3).previousProgressPercent).toBe(50)
    expect(reportContextOf(record, 2024, 2, 2024, OCT_3).previousProgressPercent).toBe(10)
  })

  it('falls back to the year-start baseline, or to none', () => {
    const history = [{ month: 3, percent: 30, text: 'b' }]
    expect(reportContextOf(makeProject({ baselineProgress: { percent: 5, text: '完成桩基' }, progressHistory: history }), 2024, 3, 2024, OCT_3).previousProgressPercent).toBe(5)
    expect(reportContextOf(makeProject({ baselineProgress: null, progressHistory: history }), 2024, 3, 2024, OCT_3).previousProgressPercent).toBeNull()
  })

  it('skips progress stated only in words', () => {
    const record = makeProject({
      baselineProgress: { percent: 5, text: '完成桩基' },
      progressHistory: [
        { month: 2, percent: 20, text: 'a' },
        { month: 3, percent: null, text: '按计划推进' },
      ],
    })
    expect(reportContextOf(record, 2024, 4, 2024, OCT_3).previousProgressPercent).toBe(20)
    const wordsOnly = makeProject({ baselineProgress: { percent: 5, text: '完成桩基' }, progressHistory: [{ month: 2, percent: null, text: '按计划推进' }] })
    expect(reportContextOf(wordsOnly, 2024, 4, 2024, OCT_3).previousProgressPercent).toBe(5)
  })
})

describe('reportsInMonth: a completed project stops reporting after the month it was completed in', () => {
  it('an unfinished project reports every month', () => {
    expect(reportsInMonth({ actualCompletionDate: null }, 2024, 12)).toBe(true)
  })

  it('a project completed on 31 March reports for March, not for April', () => {
    expect(reportsInMonth({ actualCompletionDate: '2024-03-31' }, 2024, 3)).toBe(true)
    expect(reportsInMonth({ actualCompletionDate: '2024-03-31' }, 2024, 4)).toBe(false)
  })

  it('a project completed on the first of a month still reports for that month', () => {
    expect(reportsInMonth({ actualCompletionDate: '2024-04-01' }, 2024, 4)).toBe(true)
  })

  it('a project completed last year reports for no month of this year', () => {
    expect(reportsInMonth({ actualCompletionDate: '2023-12-20' }, 2024, 1)).toBe(false)
  })
})

describe('buildReportQueue: a month’s reporting state for the commission’s staff', () => {
  // Units chosen so that zh-CN order (甲 jiǎ before 乙 yǐ) differs from code-point order (乙 U+4E59 first).
  const project = (id: string, ownerUnit: string, responsibleUnit: string, actualCompletionDate: string | null = null): QueueProject =>
    makeProject({ id, ownerUnit, responsibleUnit, actualCompletionDate })

  const projects = [
    project('P905', '甲公司', '区交通局'), // approved
    project('P904', '甲公司', '区交通局'), // missing
    project('P903', '乙公司', '区教委'), // draft
    project('P902', '乙公司', '区交通局'), // returned
    project('P901', '甲公司', '区教委'), // submitted
    project('P906', '乙公司', '区教委'), // missing
    project('P907', '甲公司', '区教委', '2024-08-31'), // completed before September: not listed
    project('P908', '乙公司', '区教委', '2024-09-10'), // completed during September: still reports, approved
  ]
  const reports = new Map<string, Report>([
    ['P905', makeReport({ projectId: 'P905', status: 'approved', version: 3, actualWan: 150, progressPercent: 60 })],
    ['P903', makeReport({ projectId: 'P903', status: 'draft', version: 1, actualWan: 80 })],
    ['P902', makeReport({ projectId: 'P902', status: 'returned', version: 3, returnComment: '请补充照片' })],
    ['P901', makeReport({ projectId: 'P901', status: 'submitted', version: 2, submittedAt: '2024-10-02T01:00:00.000Z' })],
    ['P908', makeReport({ projectId: 'P908', status: 'approved', version: 3 })],
  ])
  const reportOf = (id: string) => reports.get(id) ?? null

  /** 5 October, 23:00 in China: the last hour of the deadline day. */
  const lastHourOnTime = new Date('2024-10-05T15:00:00Z')
  /** 6 October, 00:30 in China (still 5 October in UTC). */
  const justPast = new Date('2024-10-05T16:30:00Z')

  it('lists every project that reports in the month, in the order staff work through them', () => {
    const queue = buildReportQueue(projects, reportOf, 2024, 9, lastHourOnTime, 5)
    expect(ReportQueueSchema.parse(queue)).toEqual(queue)
    expect(queue.month).toBe('2024-09')
    expect(queue.deadline).toBe('2024-10-05')
    expect(queue.items.map((i) => [i.state, i.projectId])).toEqual([
      ['submitted', 'P901'],
      ['returned', 'P902'],
      ['draft', 'P903'],
      ['missing', 'P904'],
      ['missing', 'P906'],
      ['approved', 'P905'],
      ['approved', 'P908'],
    ])
  })

  it('lists a submitted report flagged 需核实 before the other submitted ones, with its reasons, forecast and confidence', () => {
    const flagged = makeReport({
      projectId: 'P906',
      status: 'submitted',
      version: 2,
      forecastYearWan: 1500,
      confidence: 'fairly-low',
      confidenceReason: '征地未完成',
      flags: [{ code: 'progress-jump', message: '形象进度由 40% 升至 80%，一个月上升 40 个百分点（超过 30 个百分点）' }],
    })
    const queue = buildReportQueue(projects, (id) => (id === 'P906' ? flagged : reportOf(id)), 2024, 9, lastHourOnTime, 5)
    expect(queue.items.slice(0, 2).map((i) => [i.state, i.projectId])).toEqual([
      ['submitted', 'P906'],
      ['submitted', 'P901'],
    ])
    expect(queue.items[0]).toMatchObject({ forecastYearWan: 1500, confidence: 'fairly-low', commissionConfidence: null, flags: flagged.flags })
    expect(queue.items[1]!.flags).toEqual([])
  })

  it('leaves out a project completed before the month began', () => {
    const queue = buildReportQueue(projects, reportOf, 2024, 9, lastHourOnTime, 5)
    expect(queue.items.map((i) => i.projectId)).not.toContain('P907')
    expect(buildReportQueue(projects, reportOf, 2024, 8, lastHourOnTime, 5).items.map((i) => i.projectId)).toContain('P907')
  })

  it('shows each report’s version, figures, submission and return reason; a missing one shows none', () => {
    const items = new Map(buildReportQueue(projects, reportOf, 2024, 9, lastHourOnTime, 5).items.map((i) => [i.projectId, i]))
    expect(items.get('P901')).toMatchObject({ projectName: projects[4]!.name, ownerUnit: '甲公司', responsibleUnit: '区教委', version: 2, submittedAt: '2024-10-02T01:00:00.000Z' })
    expect(items.get('P902')).toMatchObject({ version: 3, returnComment: '请补充照片' })
    expect(items.get('P905')).toMatchObject({ version: 3, actualWan: 150, progressPercent: 60 })
    expect(items.get('P904')).toMatchObject({ state: 'missing', version: null, actualWan: null, progressPercent: null, submittedAt: null, returnComment: null })
  })

  it('marks nothing overdue up to the end of the deadline day in China', () => {
    const queue = buildReportQueue(projects, reportOf, 2024, 9, lastHourOnTime, 5)
    expect(queue.pastDeadline).toBe(false)
    expect(queue.items.filter((i) => i.overdue)).toEqual([])
  })

  it('after the deadline marks every report not yet approved overdue, including those waiting for review, never an approved one', () => {
    const queue = buildReportQueue(projects, reportOf, 2024, 9, justPast, 5)
    expect(queue.pastDeadline).toBe(true)
    expect(queue.items.filter((i) => i.overdue).map((i) => i.projectId)).toEqual(['P901', 'P902', 'P903', 'P904', 'P906'])
    expect(queue.items.filter((i) => i.state === 'approved').every((i) => !i.overdue)).toBe(true)
  })

  it('marks every report not yet approved late once the month is published, even before its deadline (待报送 until then)', () => {
    expect(buildReportQueue(projects, reportOf, 2024, 9, lastHourOnTime, 5, false).items.some((i) => i.overdue)).toBe(false)
    const published = buildReportQueue(projects, reportOf, 2024, 9, lastHourOnTime, 5, true)
    expect(published.pastDeadline).toBe(false)
    expect(published.items.filter((i) => i.overdue).map((i) => i.projectId)).toEqual(['P901', 'P902', 'P903', 'P904', 'P906'])
  })

  it('follows the deployment’s deadline day', () => {
    const queue = buildReportQueue(projects, reportOf, 2024, 9, justPast, 10)
    expect(queue.deadline).toBe('2024-10-10')
    expect(queue.pastDeadline).toBe(false)
    expect(queue.items.some((i) => i.overdue)).toBe(false)
  })

  it('counts each 业主单位’s projects by state, the unit with most overdue first', () => {
    const queue = buildReportQueue(projects, reportOf, 2024, 9, justPast, 5)
    expect(queue.byOwnerUnit).toEqual([
      // 乙: P903 draft, P902 returned, P906 missing, P908 approved → 3 overdue.
      { unit: '乙公司', projects: 4, approved: 1, submitted: 0, returned: 1, draft: 1, missing: 1, overdue: 3 },
      // 甲: P905 approved, P904 missing, P901 submitted → 2 overdue.
      { unit: '甲公司', projects: 3, approved: 1, submitted: 1, returned: 0, draft: 0, missing: 1, overdue: 2 },
    ])
  })

  it('counts by 责任单位 too', () => {
    const queue = buildReportQueue(projects, reportOf, 2024, 9, justPast, 5)
    const byUnit = new Map(queue.byResponsibleUnit.map((c) => [c.unit, c]))
    expect(byUnit.get('区教委')).toEqual({ unit: '区教委', projects: 4, approved: 1, submitted: 1, returned: 0, draft: 1, missing: 1, overdue: 3 })
    expect(byUnit.get('区交通局')).toEqual({ unit: '区交通局', projects: 3, approved: 1, submitted: 0, returned: 1, draft: 0, missing: 1, overdue: 2 })
    expect(queue.byResponsibleUnit.map((c) => c.unit)).toEqual(['区教委', '区交通局'])
  })

  it('orders units with equal overdue counts in zh-CN (pinyin) order', () => {
    // Before the deadline nobody is overdue: 甲 (jiǎ) comes before 乙 (yǐ), though 乙 has the lower code point.
    const queue = buildReportQueue(projects, reportOf, 2024, 9, lastHourOnTime, 5)
    expect(queue.byOwnerUnit.map((c) => [c.unit, c.overdue])).toEqual([
      ['甲公司', 0],
      ['乙公司', 0],
    ])
  })

  it('is empty for a month no project reports in', () => {
    const done: ProjectRecord[] = [makeProject({ id: 'P950', actualCompletionDate: '2024-02-10' })]
    const queue = buildReportQueue(done, () => null, 2024, 9, justPast, 5)
    expect(queue).toMatchObject({ items: [], byOwnerUnit: [], byResponsibleUnit: [] })
  })
})

describe('drafts save anything; submit needs a complete report (decision 65)', () => {
  it('a draft may be empty, or hold any one field', () => {
    expect(ReportDraftFieldsSchema.parse({})).toMatchObject({ actualWan: null, progressPercent: null, progressText: '', milestonesReached: [] })
    expect(ReportDraftFieldsSchema.parse({ actualWan: 80 })).toMatchObject({ actualWan: 80, progressPercent: null, progressText: '' })
    const report = applySave(null, ReportDraftFieldsSchema.parse({ progressText: '桩基施工' }), 'P901', '2024-09', owner, OCT_3)
    expect(report).toMatchObject({ status: 'draft', actualWan: null, progressPercent: null, progressText: '桩基施工' })
  })

  it('what a draft fills in must still be well-formed, the message naming the field', () => {
    const negative = ReportDraftFieldsSchema.safeParse({ actualWan: -5 })
    expect(negative.success).toBe(false)
    expect(negative.error?.issues[0]).toMatchObject({ path: ['actualWan'], message: '当月完成投资不能为负数' })
    expect(ReportDraftFieldsSchema.safeParse({ actualWan: 1.5 }).error?.issues[0]?.message).toBe('当月完成投资应为整数万元')
    expect(ReportDraftFieldsSchema.safeParse({ progressPercent: 101 }).error?.issues[0]?.message).toBe('形象进度应为 0-100')
    expect(ReportDraftFieldsSchema.safeParse({ milestonesReached: [{ name: '封顶', date: '' }] }).success).toBe(false)
  })

  it('submit names every field still missing, in Chinese', () => {
    const half = fieldsOfReport(applySave(null, ReportDraftFieldsSchema.parse({ actualWan: 80 }), 'P901', '2024-09', owner, OCT_3))
    const incomplete = completeReport(half)
    expect(incomplete).toEqual({
      ok: false,
      message: '月报尚未填写完整，不能提交：请填写形象进度（%）、形象进度描述',
      fields: { progressPercent: '请填写形象进度（%）', progressText: '请填写形象进度描述' },
    })
    const empty = completeReport(ReportDraftFieldsSchema.parse({}))
    expect(empty.ok ? [] : Object.keys(empty.fields)).toEqual(['actualWan', 'progressPercent', 'progressText'])
    expect(completeReport(fieldsOf())).toEqual({ ok: true, fields: fieldsOf() })
  })
})
