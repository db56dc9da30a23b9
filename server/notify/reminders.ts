import { sql } from 'drizzle-orm'
import { chinaDate, DEFAULT_REPORT_DEADLINE_DAY } from '@/domain/calendar'
import { monthEnd } from '@/domain/milestones'
import { noticeTexts, remindersDue, DEFAULT_REMIND_DAYS_AFTER, DEFAULT_REMIND_DAYS_BEFORE } from '@/domain/notifications'
import { reportMonthOf } from '@/domain/monthly-report'
import type { Db } from '../db/handle'
import { planYearOf } from '../db/plan-year'
import { unitsNotSubmittedIn } from './month-reporting'
import { notify } from './notices'

/**
 * 催报 by itself (docs/decisions/067): for each month of the open year that is over and not yet
 * published, a unit with reports not submitted is told `before` days ahead of the deadline (即将截止) and
 * `after` days past it (逾期未报, and the staff once with the totals). Each notice has a key of its kind,
 * month and unit, so a run repeated — after a restart, or by a second server on the same PostgreSQL —
 * makes none twice. Safe to run as often as one likes.
 */
export type ReminderSettings = { beforeDays?: number; afterDays?: number; deadlineDay?: number }

/** The open year's months that are over and not published, oldest first. */
export async function openMonthsOver(db: Db, today: string): Promise<{ year: number; months: number[] }> {
  const year = await planYearOf(db)
  const [row] = ((await db.execute(sql`select coalesce(max(month), 0)::int as published from month_publications where year = ${year}`)) as unknown as { rows: { published: number }[] }).rows
  const months: number[] = []
  for (let m = Number(row?.published ?? 0) + 1; m <= 12 && monthEnd(year, m) < today; m++) months.push(m)
  return { year, months }
}

export async function sendDueReminders(db: Db, now: Date, outbound: boolean, settings: ReminderSettings = {}): Promise<{ made: number }> {
  const today = chinaDate(now)
  const deadlineDay = settings.deadlineDay ?? DEFAULT_REPORT_DEADLINE_DAY
  const { year, months } = await openMonthsOver(db, today)
  let made = 0
  for (const m of months) {
    const due = remindersDue(year, m, today, deadlineDay, settings.beforeDays ?? DEFAULT_REMIND_DAYS_BEFORE, settings.afterDays ?? DEFAULT_REMIND_DAYS_AFTER)
    if (!due.dueSoon && !due.overdue) continue
    const month = reportMonthOf(year, m)
    const units = await unitsNotSubmittedIn(db, year, m)
    if (units.length === 0) continue
    await db.transaction(async (tx) => {
      for (const { unit, projects } of units) {
        const notice = due.dueSoon
          ? { kind: 'due-soon' as const, text: noticeTexts.dueSoon(month, due.deadline, due.daysLeft, projects) }
          : { kind: 'overdue' as const, text: noticeTexts.overdueUnit(month, due.deadline, projects) }
        const id = await notify(tx, { ...notice, at: now, link: '/todo', dedupeKey: `${notice.kind}:${month}:${unit}`, to: { ownerUnits: [unit] } }, outbound)
        if (id !== null) made++
      }
      if (due.overdue) {
        const total = units.reduce((sum, u) => sum + u.projects, 0)
        const text = noticeTexts.overdueStaff(month, due.deadline, units.length, total)
        const id = await notify(tx, { kind: 'overdue', text, at: now, link: `/reports?month=${month}`, dedupeKey: `overdue:${month}:staff`, to: { roles: ['staff'] } }, outbound)
        if (id !== null) made++
      }
    })
  }
  return { made }
}
