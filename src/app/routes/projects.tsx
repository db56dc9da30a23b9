import { PageHeader } from '@/components/page-header'
import { ProjectBrowser } from '@/features/projects/components/project-browser'
import { ProjectCreate } from '@/features/projects/components/project-create'
import { useCan } from '@/lib/session'
import { useCalendar, useViewMonth, useViewYear } from '@/lib/as-of'
import { monthRange } from '@/lib/format'

export function Component() {
  const month = useViewMonth()
  const editsProjects = useCan('project:edit')
  const planYear = useViewYear()
  const openYear = useCalendar()?.planYear
  return (
    <>
      <title>项目库 · 南岸区重点项目进度监测</title>
      <PageHeader title="项目库" subtitle={`${planYear ?? ''}年重点项目${month === undefined ? '' : ` · 数据截至${monthRange(month)}`} · 筛选条件保存在链接中，可直接分享`} />
      {/* New projects join the open year's list; a closed year's is read only. */}
      {editsProjects && planYear !== undefined && planYear === openYear && <ProjectCreate />}
      <ProjectBrowser />
    </>
  )
}
