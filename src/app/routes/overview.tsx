import { lazy, Suspense } from 'react'
import { PageHeader } from '@/components/page-header'
import { OverviewDashboard } from '@/features/overview/components/overview-dashboard'
import { useAsOfMonth, useViewMonth } from '@/lib/as-of'
import { PLAN_YEAR } from '@/contract'
import { monthRange, percent } from '@/lib/format'
import { scheduleRate } from '@/domain/rules'

// Its own chunk, after the headline figures: the first page's JavaScript stays within budget.
const OverdueProblems = lazy(() => import('@/features/problems/components/overdue-problems'))

export function Component() {
  const month = useAsOfMonth()
  const shown = useViewMonth()
  return (
    <>
      <title>总览 · 南岸区重点项目进度监测</title>
      <PageHeader
        title={`${PLAN_YEAR}年重点项目总览`}
        subtitle={shown === undefined ? '' : `数据截至${PLAN_YEAR}年${monthRange(shown)} · 序时进度${percent(scheduleRate(shown))}`}
      />
      <div className="stack">
        <OverviewDashboard asOfMonth={month} />
        <Suspense fallback={null}>
          <OverdueProblems />
        </Suspense>
      </div>
    </>
  )
}
