import { PageHeader } from '@/components/page-header'
import { OverviewDashboard } from '@/features/overview/components/overview-dashboard'
import { useAsOfMonth } from '@/lib/as-of'
import { monthRange, percent } from '@/lib/format'
import { scheduleRate } from '@/domain/rules'

export function Component() {
  const month = useAsOfMonth()
  return (
    <>
      <title>总览 · 南岸区重点项目进度监测</title>
      <PageHeader title="2024年重点项目总览" subtitle={`数据截至2024年${monthRange(month)} · 序时进度${percent(scheduleRate(month))}`} />
      <OverviewDashboard asOfMonth={month} />
    </>
  )
}
