import type { NotificationKind } from '@/contract/notifications'
import { reportDeadline, zhDate } from './calendar'

/**
 * What each notice says (docs/decisions/067): one sentence a person acts on, naming the project or the
 * month, the reason where there is one, and the date that matters. The server writes them; the header and
 * the 通知 page show them as they are.
 */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  'report-returned': '月报退回',
  'report-approved': '月报通过',
  'problem-assigned': '问题督办',
  'due-soon': '即将截止',
  overdue: '逾期未报',
  'month-published': '月份发布',
  reminder: '催报',
  'escalation-proposed': '拟挂牌督办',
  'escalation-listed': '挂牌督办',
}

/** Days before a month's deadline the scheduler tells a unit with reports not yet submitted. */
export const DEFAULT_REMIND_DAYS_BEFORE = 3
/** Days after the deadline it tells the unit (and the staff) what is still missing. */
export const DEFAULT_REMIND_DAYS_AFTER = 1

const DAY_MS = 86_400_000
/** Whole days from one ISO date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS)

/** Add whole days to an ISO date. */
export const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10)

const monthName = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`

export const noticeTexts = {
  reportReturned: (projectName: string, month: string, reason: string) => `「${projectName}」${monthName(month)}月报被退回：${reason}`,
  reportApproved: (projectName: string, month: string) => `「${projectName}」${monthName(month)}月报已审核通过，计入统计`,
  problemAssigned: (projectName: string, description: string, department: string, dueDate: string) =>
    `「${projectName}」的问题“${description}”已督办至${department}，请于${zhDate(dueDate)}前办结`,
  monthPublished: (month: string) => `${monthName(month)}数据已发布：总览、片区和通报默认显示截至${monthName(month)}的数据`,
  dueSoon: (month: string, deadline: string, daysLeft: number, projects: number) =>
    `${monthName(month)}月报将于${zhDate(deadline)}截止（${daysLeft === 0 ? '今天' : `还有${daysLeft}天`}），本单位还有${projects}个项目未提交`,
  overdueUnit: (month: string, deadline: string, projects: number) => `${monthName(month)}月报已于${zhDate(deadline)}截止，本单位还有${projects}个项目未提交，请尽快报送`,
  overdueStaff: (month: string, deadline: string, units: number, projects: number) =>
    `${monthName(month)}月报已于${zhDate(deadline)}截止：${units}个单位${projects}个项目尚未提交`,
  reminder: (month: string, deadline: string, projects: number, comment?: string) =>
    `发改委催报：${monthName(month)}月报截止日${zhDate(deadline)}，本单位还有${projects}个项目未提交${comment ? `。${comment}` : ''}`,
  escalationProposed: (month: string, names: readonly string[]) =>
    `${monthName(month)}发布后，${names.length}个项目符合挂牌督办规则，待确认：${names.slice(0, 3).map((n) => `「${n}」`).join('、')}${names.length > 3 ? '等' : ''}`,
  escalationListed: (projectName: string, reason: string) => `「${projectName}」已挂牌督办：${reason}`,
}

/**
 * Which reminders are due for a month on a day: 即将截止 from `before` days ahead to the deadline day, 逾期未报
 * from `after` days past it. Both are sent once per unit and month (their dedupe keys), so the day they go
 * out is the first run inside the window.
 */
export function remindersDue(year: number, month: number, today: string, deadlineDay: number, before = DEFAULT_REMIND_DAYS_BEFORE, after = DEFAULT_REMIND_DAYS_AFTER) {
  const deadline = reportDeadline(year, month, deadlineDay)
  const daysLeft = daysBetween(today, deadline)
  return { deadline, daysLeft, dueSoon: daysLeft >= 0 && daysLeft <= before, overdue: -daysLeft >= after && after > 0 }
}
