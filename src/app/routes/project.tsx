import { useQuery } from '@tanstack/react-query'
import { Navigate, useLocation, useParams } from 'react-router'
import { paths } from '@/config/paths'
import { ProjectIdSchema } from '@/contract'
import { projectQueries } from '@/features/projects/api/projects'
import { ProjectDetailView } from '@/features/projects/components/project-detail'
import { ProjectEdit } from '@/features/projects/components/project-edit'
import { ProjectEscalation } from '@/features/projects/components/project-escalation'
import { ProjectApprovals } from '@/features/projects/components/project-approvals'
import { ProjectReports } from '@/features/reports/components/project-reports'
import { LatestPhotos, PhotoTimeline } from '@/features/reports/components/project-photos'
import { photoQueries } from '@/features/reports/api/photos'
import { reportQueries } from '@/features/reports/api/reports'
import { approvalQueries } from '@/features/projects/api/approvals'
import { historyQueries } from '@/features/history/api/history'
import { ProblemDesk } from '@/features/problems/components/problem-desk'
import { ChangeHistory } from '@/features/history/components/change-history'
import { Section } from '@/components/page-header'
import { useCan, useCurrentUser } from '@/lib/session'
import { approvalWriteProblem } from '@/domain/approvals'
import { calendarNow, useAsOf, useCalendar } from '@/lib/as-of'
import { judgedAt } from '@/domain/calendar'
import type { Prefetch } from '../prefetch'

/** Started by the router with this module's own load (../prefetch.ts). */
export const prefetch: Prefetch = (client, { params }, asOf) => {
  if (!ProjectIdSchema.safeParse(params.projectId).success) return
  void client.prefetchQuery(projectQueries.detail(params.projectId ?? '', asOf))
  const id = params.projectId ?? ''
  // The newest photos are on the first screen: asked for with the project, not after it.
  void client.prefetchQuery(photoQueries.ofProject(id))
  // The sections below the figures, asked for with them too: the server draws the whole page (decision 84).
  // Asked for after the figures had been drawn, each pushed what was below it as it came (a layout shift of
  // 0.64 on a phone, read in a quick flick).
  void client.prefetchQuery(approvalQueries.list(id))
  void client.prefetchQuery(reportQueries.ofProject(id))
  void client.prefetchQuery(historyQueries.entries({ projectId: id }))
}

/** A project's page: its figures, and below them its 月报 (filled in, reviewed, counted). */
export function Component() {
  const { projectId = '' } = useParams()
  const asOf = useAsOf()
  // The same query the detail view makes (one request): the reports need the project's 业主单位.
  const managesProblems = useCan('problem:manage')
  const editsProjects = useCan('project:edit')
  const decidesEscalation = useCan('escalation:decide')
  const fillsReports = useCan('report:write')
  const user = useCurrentUser()
  const project = useQuery({ ...projectQueries.detail(projectId, asOf), enabled: ProjectIdSchema.safeParse(projectId).success })
  // 督办部门 is chosen from the 责任单位 list: asked for only by those who assign problems.
  const departments = useQuery({ ...projectQueries.filterOptions(), enabled: managesProblems, select: (o) => o.responsibleUnits })
  const calendar = useCalendar()
  const openYear = calendar?.planYear
  const inOpenYear = project.data !== undefined && project.data.planYear === openYear
  const location = useLocation()
  // A typed or shared id in lower case (/projects/p025) is the same project: go to its canonical address.
  const canonical = projectId.toUpperCase()
  if (canonical !== projectId && ProjectIdSchema.safeParse(canonical).success) {
    return <Navigate replace to={`${paths.project.getHref(canonical)}${location.search}${location.hash}`} />
  }
  return (
    <div className="stack">
      {fillsReports && project.data && inOpenYear && (
        // An owner comes to fill in a month: the form is below the figures, one tap away.
        <a className="button jump-link" href="#reports">
          填报或查看本项目月报 ↓
        </a>
      )}
      <ProjectDetailView projectId={projectId} asOf={asOf} latestPhotos={<LatestPhotos projectId={projectId} />} />
      {/* 挂牌督办: the staff decide on the rule's proposal, or lift a listed project (decision 76). */}
      {project.data && decidesEscalation && <ProjectEscalation project={project.data} />}
      {/* A closed year is read only: edits go to the open year's list. */}
      {project.data && editsProjects && inOpenYear && <ProjectEdit project={project.data} />}
      {/* 前期手续 (decision 80): every reader sees them; the staff and the project's own owner unit fill them in. */}
      {project.data && (
        <ProjectApprovals
          projectId={project.data.id}
          canWrite={inOpenYear && !project.data.retired && approvalWriteProblem(user, project.data.ownerUnit) === null}
        />
      )}
      {project.data && managesProblems && !project.data.retired && (
        <ProblemDesk
          projectId={project.data.id}
          problems={project.data.problems}
          simulated={project.data.simulated}
          judgedDate={judgedAt(project.data.planYear, project.data.asOfMonth, calendarNow(calendar))}
          departments={departments.data}
        />
      )}
      {/* The 月报 below are the open year's: a closed year's page shows its figures only. */}
      {project.data && inOpenYear && (
        <div id="reports">
          <ProjectReports projectId={project.data.id} ownerUnit={project.data.ownerUnit} retired={project.data.retired !== null} schedule={project.data} />
        </div>
      )}
      {/* 形象进度照片 by month (全部照片 on the first screen leads here). */}
      {project.data && <PhotoTimeline projectId={project.data.id} />}
      {project.data && (
        <Section title="修改记录" note="月报与问题的每一次修改，新的在前">
          <ChangeHistory filters={{ projectId: project.data.id }} caption="本项目的修改记录" />
        </Section>
      )}
    </div>
  )
}
