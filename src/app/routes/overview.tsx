import { lazy, Suspense } from 'react'
import { PageHeader } from '@/components/page-header'
import { OverviewDashboard, preloadOverviewDetails } from '@/features/overview/components/overview-dashboard'
import { useAsOf, useCalendar, useViewMonth, useViewYear } from '@/lib/as-of'
import { isPublished } from '@/domain/calendar'
import { monthRange, percent } from '@/lib/format'
import { scheduleRate } from '@/domain/rules'
import { summaryQueries } from '@/features/overview/api/summary'
import { forecastQueries } from '@/features/overview/api/forecast'
import type { Prefetch } from '../prefetch'

// Its own chunk, after the headline figures: the first page's JavaScript stays within budget.
const OverdueProblems = lazy(() => import('@/features/problems/components/overdue-problems'))

/** Started by the router with this module's own load (../prefetch.ts). */
export const prefetch: Prefetch = (client, _args, asOf) => {
  void client.prefetchQuery(summaryQueries.detail(asOf))
  void client.prefetchQuery(forecastQueries.detail(asOf))
  preloadOverviewDetails()
}

export function Component() {
  const asOf = useAsOf()
  const shown = useViewMonth()
  const planYear = useViewYear()
  const calendar = useCalendar()
  // A month not yet published (the staff's view of the month in progress) says so (decision 63).
  const unpublished = calendar !== undefined && shown !== undefined && planYear !== undefined && !isPublished(calendar, planYear, shown) ? '（未发布）' : ''
  return (
    <>
      <title>总览 · 南岸区重点项目进度监测</title>
      <PageHeader
        title={`${planYear ?? ''}年重点项目总览`}
        subtitle={shown === undefined || planYear === undefined ? '' : `数据截至${planYear}年${monthRange(shown)}${unpublished} · 序时进度${percent(scheduleRate(shown))}`}
      />
      <div className="stack">
        <OverviewDashboard asOf={asOf} />
        <Suspense fallback={null}>
          <OverdueProblems asOf={asOf} />
        </Suspense>
      </div>
    </>
  )
}
