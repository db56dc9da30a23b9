import { PageHeader } from '@/components/page-header'
import { ProjectBrowser } from '@/features/projects/components/project-browser'
import { useViewMonth } from '@/lib/as-of'
import { monthRange } from '@/lib/format'

export function Component() {
  const month = useViewMonth()
  return (
    <>
      <title>滞后项目 · 南岸区重点项目进度监测</title>
      <PageHeader
        title="滞后项目督查清单"
        subtitle={`${month === undefined ? '' : `截至${monthRange(month)}：`}滞后、严重滞后、应开未开及未报送的项目，默认按欠序时进度金额排序`}
      />
      <ProjectBrowser mode="delayed" />
    </>
  )
}
