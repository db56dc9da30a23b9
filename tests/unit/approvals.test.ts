import { describe, expect, it } from 'vitest'
import type { Approval } from '@/contract/approvals'
import {
  DEFAULT_APPROVAL_KINDS,
  applyApprovalSave,
  approvalOf,
  approvalWriteProblem,
  missingApprovalCounts,
  missingApprovals,
  missingApprovalsNow,
  nextKindSlug,
  notStartedApprovalsText,
} from '@/domain/approvals'

/** 前期手续 (decision 80): which approvals a project lacks, when that matters, and what a save must hold. */

const kinds = DEFAULT_APPROVAL_KINDS.map((k) => ({ ...k, retired: false }))
const name = (kind: string) => kinds.find((k) => k.kind === kind)!.name

describe('missing approvals', () => {
  it('a project with no record lacks all six, in the list order', () => {
    expect(missingApprovals(kinds, []).map((m) => m.name)).toEqual(['立项（可研）批复', '用地预审与选址意见', '用地规划许可', '工程规划许可', '施工许可', '环评批复'])
  })

  it('已取得 and 不需要 settle an approval; 未启动 and 办理中 do not; a retired kind is asked for no more', () => {
    const records = [
      { kind: 'project-approval', status: 'obtained' as const },
      { kind: 'land-pre-review', status: 'not-needed' as const },
      { kind: 'land-planning-permit', status: 'in-progress' as const },
      { kind: 'works-planning-permit', status: 'not-started' as const },
      { kind: 'eia-approval', status: 'obtained' as const },
    ]
    // Left: 用地规划许可 (办理中), 工程规划许可 (未启动), 施工许可 (no record).
    expect(missingApprovals(kinds, records)).toEqual([
      { kind: 'land-planning-permit', name: '用地规划许可' },
      { kind: 'works-planning-permit', name: '工程规划许可' },
      { kind: 'construction-permit', name: '施工许可' },
    ])
    const retired = kinds.map((k) => (k.kind === 'works-planning-permit' ? { ...k, retired: true } : k))
    expect(missingApprovals(retired, records).map((m) => m.kind)).toEqual(['land-planning-permit', 'construction-permit'])
  })

  it('matter only while the project is 应开未开: a project started, on pace or not yet due names none', () => {
    expect(missingApprovalsNow('not-started', kinds, [])).toHaveLength(6)
    for (const lagClass of ['pending-start', 'on-pace', 'lagging', 'not-reported', 'completed'] as const) expect(missingApprovalsNow(lagClass, kinds, [])).toEqual([])
  })
})

describe('the bulletin sentence', () => {
  const lacking = (...k: string[]) => ({ missingApprovals: k.map((kind) => ({ kind, name: name(kind) })) })

  it('counts by kind, the most first, ties in the list order', () => {
    // Five 应开未开 projects: 施工许可 missing in 3, 用地规划许可 in 2, 环评批复 in 2, 立项 in 1.
    // 用地规划许可 (3rd on the list) comes before 环评批复 (6th) at 2 each.
    const projects = [
      lacking('construction-permit', 'eia-approval'),
      lacking('construction-permit', 'land-planning-permit'),
      lacking('construction-permit'),
      lacking('eia-approval', 'land-planning-permit', 'project-approval'),
      lacking(),
    ]
    const counts = missingApprovalCounts(projects, kinds)
    expect(counts).toEqual([
      { kind: 'construction-permit', name: '施工许可', count: 3 },
      { kind: 'land-planning-permit', name: '用地规划许可', count: 2 },
      { kind: 'eia-approval', name: '环评批复', count: 2 },
      { kind: 'project-approval', name: '立项（可研）批复', count: 1 },
    ])
    expect(notStartedApprovalsText(5, counts)).toBe('应开未开5个：其中施工许可未取得3个、用地规划许可未取得2个、环评批复未取得2个、立项（可研）批复未取得1个。')
  })

  it('says so when nothing is missing, or nothing is 应开未开', () => {
    expect(notStartedApprovalsText(2, [])).toBe('应开未开2个，前期手续均已取得或不需要。')
    expect(notStartedApprovalsText(0, [])).toBe('没有应开未开的项目。')
  })
})

describe('saving an approval', () => {
  const today = '2024-10-15'
  const none = approvalOf({ kind: 'construction-permit', name: '施工许可' })

  it('a first save (no version) of 已取得 with its date, 文号 and 办理部门 becomes version 1, the change in words', () => {
    const result = applyApprovalSave(none, { status: 'obtained', obtainedOn: '2024-10-15', number: '渝建施〔2024〕0123号', department: '区住房城乡建委' }, today)
    expect(result).toEqual({
      ok: true,
      approval: { ...none, status: 'obtained', obtainedOn: '2024-10-15', number: '渝建施〔2024〕0123号', department: '区住房城乡建委', version: 1 },
      changes: [
        { field: '施工许可·状态', before: '未启动', after: '已取得' },
        { field: '施工许可·取得日期', before: null, after: '2024-10-15' },
        { field: '施工许可·文号', before: null, after: '渝建施〔2024〕0123号' },
        { field: '施工许可·办理部门', before: null, after: '区住房城乡建委' },
      ],
    })
  })

  it('已取得 needs a date no later than today; a date on anything else is refused', () => {
    const refused = (body: Parameters<typeof applyApprovalSave>[1]) => {
      const result = applyApprovalSave(none, body, today)
      return result.ok ? null : { status: result.status, fields: result.fields }
    }
    expect(refused({ status: 'obtained' })).toEqual({ status: 422, fields: { obtainedOn: '已取得的手续请填写取得日期' } })
    expect(refused({ status: 'obtained', obtainedOn: '2024-10-16' })).toEqual({ status: 422, fields: { obtainedOn: '取得日期不能晚于今天' } })
    expect(refused({ status: 'in-progress', obtainedOn: '2024-10-01' })).toEqual({ status: 422, fields: { obtainedOn: '只有已取得的手续填写取得日期' } })
    expect(refused({ status: 'in-progress', department: '区住房城乡建委' })).toBeNull()
  })

  it('a stale version is 409 with the approval as it is; the same content again changes nothing', () => {
    const saved: Approval = { ...none, status: 'in-progress', department: '区住房城乡建委', version: 2 }
    const stale = applyApprovalSave(saved, { version: 1, status: 'obtained', obtainedOn: '2024-10-01' }, today)
    expect(stale).toMatchObject({ ok: false, status: 409, code: 'conflict', current: saved })
    expect(applyApprovalSave(saved, { status: 'in-progress' }, today)).toMatchObject({ ok: false, status: 409 })
    expect(applyApprovalSave(saved, { version: 2, status: 'in-progress', department: '区住房城乡建委' }, today)).toEqual({ ok: true, approval: saved, changes: [] })
  })
})

describe('who writes approvals', () => {
  it('the staff, and the owner unit of the project; no other unit, leader or reviewer', () => {
    expect(approvalWriteProblem({ role: 'staff', ownerUnit: null }, '区城市建设发展平台公司')).toBeNull()
    expect(approvalWriteProblem({ role: 'owner', ownerUnit: '区城市建设发展平台公司' }, '区城市建设发展平台公司')).toBeNull()
    expect(approvalWriteProblem({ role: 'owner', ownerUnit: '区城市更新平台公司' }, '区城市建设发展平台公司')).toBe('该项目不属于本单位，不能填写其前期手续')
    expect(approvalWriteProblem({ role: 'owner', ownerUnit: null }, '区城市建设发展平台公司')).not.toBeNull()
    expect(approvalWriteProblem({ role: 'leader', ownerUnit: null }, '区城市建设发展平台公司')).not.toBeNull()
    expect(approvalWriteProblem({ role: 'reviewer', ownerUnit: null }, '区城市建设发展平台公司')).not.toBeNull()
  })

  it('a kind added without a slug is other-N, the first N free', () => {
    expect(nextKindSlug(kinds.map((k) => k.kind))).toBe('other-1')
    expect(nextKindSlug(['other-1', 'other-3'])).toBe('other-2')
  })
})
