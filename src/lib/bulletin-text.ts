import type { ProjectListItem, Summary } from '@/contract'
import type { BulletinContent } from '@/contract/bulletins'
import { compareZh } from '@/domain/zh-order'
import { LAG_CLASS_LABELS } from '@/domain/labels'
import { notStartedApprovalsText } from '@/domain/approvals'
import { count, gapText, money, moneyUnitFor, monthRange, percent, wanNumber, zhDate } from './format'

/**
 * The words of the issued bulletin, once for the page (/bulletin) and the Word document (server/docx/):
 * its sections in order, the sentence of 一、总体情况, and the lists grouped by 责任单位 (decision 64).
 */
export const BULLETIN_SECTIONS = {
  overall: '一、总体情况',
  byCategory: '二、分类推进情况',
  zones: '三、片区排名',
  severe: '四、严重滞后项目（按责任单位）',
  lagging: '五、滞后项目（按责任单位）',
  notStarted: '六、应开未开项目（按责任单位）',
  notReported: '七、未报送项目（按责任单位）',
  problems: '八、逾期未办结的问题',
  // Decisions 75 and 76: after the sections bulletins already had, so their numbers stay as issued.
  escalated: '九、挂牌督办项目',
  catchUp: '十、冲刺项目（完成年度计划难度最大的项目）',
} as const

/** How many projects the bulletin's 冲刺 table lists (decision 75). */
export const BULLETIN_CATCH_UP_ROWS = 10

/** A catch-up's ratio in words: "6.00倍", or 无完成月份 when no month delivered anything. */
export const catchUpRatioText = (ratio: number | null) => (ratio === null ? '无完成月份' : `${ratio.toFixed(2)}倍`)

/** The columns of 九、挂牌督办项目 (page and Word document alike), and one project's row. */
export const ESCALATED_COLUMNS = ['项目', '挂牌日期', '挂牌理由', '连续滞后月数', '状态', '欠序时进度（万元）'] as const
export const ESCALATED_EMPTY = '没有挂牌督办的项目。'
export function escalatedRow(item: ProjectListItem): string[] {
  return [
    `${item.name}（${item.id}）`,
    item.escalation.since ? zhDate(item.escalation.since) : '—',
    item.escalation.reason ?? '—',
    item.lagStreakMonths > 0 ? `${item.lagStreakMonths}个月` : '—',
    statusText(item),
    wanNumber(item.status.shortfallWan),
  ]
}

/** The lists of projects, in the order the bulletin reads, with what to say when one is empty. */
export const BULLETIN_LISTS = [
  { key: 'severe', title: BULLETIN_SECTIONS.severe, empty: '没有严重滞后的项目。' },
  { key: 'lagging', title: BULLETIN_SECTIONS.lagging, empty: '没有滞后的项目。' },
  { key: 'notStarted', title: BULLETIN_SECTIONS.notStarted, empty: '没有应开未开的项目。' },
  { key: 'notReported', title: BULLETIN_SECTIONS.notReported, empty: '所有项目均已报送。' },
] as const satisfies readonly { key: keyof BulletinContent; title: string; empty: string }[]

/**
 * The line a list opens with, where it has one: 六、's 应开未开5个：其中施工许可未取得3个、… (decision 80); none for
 * an empty list, another list, or a bulletin issued before approvals were kept.
 */
export function listLead(content: BulletinContent, key: (typeof BULLETIN_LISTS)[number]['key']): string | null {
  if (key !== 'notStarted' || content.notStarted.length === 0 || content.notStartedApprovals === null) return null
  return notStartedApprovalsText(content.notStarted.length, content.notStartedApprovals)
}

/** The three tables of 二、分类推进情况. */
export const BULLETIN_CATEGORIES = [
  { key: 'byInvestmentType', title: '（一）按投资类别' },
  { key: 'byFocusArea', title: '（二）按四个聚焦' },
  { key: 'byStage', title: '（三）按建设性质' },
] as const satisfies readonly { key: keyof Summary; title: string }[]

/** 一、总体情况 in one paragraph. */
export function overallText(summary: Omit<Summary, 'published'>): string {
  const period = monthRange(summary.asOfMonth)
  const unit = moneyUnitFor(summary.annualPlanWan, summary.cumulativeActualWan)
  return (
    `${summary.planYear}年全区安排重点项目${count(summary.projectCount)}，年度计划投资${money(summary.annualPlanWan, unit)}。${period}累计完成投资` +
    `${money(summary.cumulativeActualWan, unit)}，完成年度计划的${percent(summary.completionRate)}，序时进度${percent(summary.scheduleRate)}，` +
    `${gapText(summary.gapPoints)}。严重滞后${count(summary.lagCounts.severe)}、滞后${count(summary.lagCounts.lagging)}、应开未开` +
    `${count(summary.lagCounts['not-started'])}、未报送${count(summary.lagCounts['not-reported'])}；已完工${count(summary.completedCount)}。` +
    `新开工项目截至${summary.asOfMonth}月应开工${summary.newStarts.dueToDate}个，已开工${summary.newStarts.startedOfDue}个，开工率${percent(summary.newStarts.startRateToDate)}。`
  )
}

/** A list's projects by 责任单位 (zh-CN order), each unit's in the list's order (largest shortfall first). */
export function byResponsibleUnit(items: readonly ProjectListItem[]): { unit: string; items: ProjectListItem[] }[] {
  const groups = new Map<string, ProjectListItem[]>()
  for (const item of items) groups.set(item.responsibleUnit, [...(groups.get(item.responsibleUnit) ?? []), item])
  return [...groups.keys()].sort(compareZh).map((unit) => ({ unit, items: groups.get(unit)! }))
}

/** A project's 状态 in a list (严重滞后, 滞后, 应开未开, 未报送). */
export const statusText = (item: ProjectListItem) => LAG_CLASS_LABELS[item.status.lagClass]

/** The line under 八、: the day the problems were judged on, and how many. */
export function problemsNote(problems: BulletinContent['problems']): string {
  return `截至${zhDate(problems.asOfDate)}（月末），逾期未办结的问题${count(problems.total)}，逾期最久的在前`
}
