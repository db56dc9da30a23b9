import { useParams } from 'react-router'
import { ProjectDetailView } from '@/features/projects/components/project-detail'
import { useAsOfMonth } from '@/lib/as-of'

export function Component() {
  const { projectId = '' } = useParams()
  const month = useAsOfMonth()
  return <ProjectDetailView projectId={projectId} asOfMonth={month} />
}
