import { REPORT_PLAN_YEAR } from '@/contract'
import type { Report } from '@/contract/reports'
import { approvedReportsOf, withApprovedReport } from '@/domain/monthly-report'
import { store } from './store'

/**
 * The mock API's monthly reports: storage only. The seeded months are the records' approved figures;
 * reports written through the API are kept here, and an approval writes its figures into the record,
 * which is what the database's read model does on the server.
 */
let written = new Map<string, Report>()
const keyOf = (projectId: string, month: string) => `${projectId}|${month}`

export const reportStore = {
  get(projectId: string, month: string): Report | null {
    const own = written.get(keyOf(projectId, month))
    if (own) return own
    const record = store.all().find((r) => r.id === projectId)
    return record ? (approvedReportsOf(record, REPORT_PLAN_YEAR).find((r) => r.month === month) ?? null) : null
  },
  list(projectId: string): Report[] {
    const record = store.all().find((r) => r.id === projectId)
    if (!record) return []
    const byMonth = new Map(approvedReportsOf(record, REPORT_PLAN_YEAR).map((r) => [r.month, r]))
    for (const report of written.values()) if (report.projectId === projectId) byMonth.set(report.month, report)
    return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1))
  },
  put(report: Report) {
    written.set(keyOf(report.projectId, report.month), report)
    const month = Number(report.month.slice(5, 7))
    store.replace(
      store.all().map((r) => {
        if (r.id !== report.projectId) return r
        // Awaiting review is shown as such (not as missing) until approved or returned.
        const pendingReportMonths = [...r.pendingReportMonths.filter((m) => m !== month), ...(report.status === 'submitted' ? [month] : [])].sort((a, b) => a - b)
        const next = { ...r, pendingReportMonths }
        return report.status === 'approved' ? withApprovedReport(next, report) : next
      }),
    )
  },
}
store.onReset(() => {
  written = new Map()
})
