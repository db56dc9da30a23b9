import { apiRoutes, authRoutes } from '@/contract'
import { reportRoutes } from '@/contract/reports'
import { problemRoutes } from '@/contract/problems'
import { projectEditRoutes } from '@/contract/project-edit'
import { importPaths } from '@/contract/imports'
import { monthRoutes } from '@/contract/months'
import { notificationRoutes } from '@/contract/notifications'
import { bulletinRoutes } from '@/contract/bulletins'
import { escalationRoutes } from '@/contract/escalation'
import { photoRoutes } from '@/contract/photos'
import { approvalRoutes } from '@/contract/approvals'
import type { Permission } from './access'

/**
 * Who may call each API route: public, any signed-in account, or a permission of src/domain/access.ts.
 * The server registers a route only through this table (server/app.ts throws at start-up for a route
 * missing here), and the role × route test walks it, so no route can exist without a declared rule.
 */
export type RouteAccess = 'public' | 'signed-in' | Permission
export type RouteMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

export const ROUTE_ACCESS = [
  { method: 'GET', path: '/api/health', access: 'public' },
  { method: 'POST', path: authRoutes.login, access: 'public' },
  { method: 'GET', path: authRoutes.me, access: 'signed-in' },
  { method: 'POST', path: authRoutes.logout, access: 'signed-in' },
  // Every account changes its own password (the current one is checked, and counted by the sign-in throttle).
  { method: 'POST', path: authRoutes.password, access: 'signed-in' },
  { method: 'GET', path: '/api/openapi.json', access: 'signed-in' },
  { method: 'GET', path: '/api/docs', access: 'signed-in' },
  { method: 'GET', path: apiRoutes.summary, access: 'data:read' },
  { method: 'GET', path: apiRoutes.zones, access: 'data:read' },
  { method: 'GET', path: apiRoutes.zone, access: 'data:read' },
  { method: 'GET', path: apiRoutes.projects, access: 'data:read' },
  { method: 'GET', path: apiRoutes.project, access: 'data:read' },
  { method: 'GET', path: apiRoutes.filterOptions, access: 'data:read' },
  { method: 'GET', path: apiRoutes.calendar, access: 'data:read' },
  { method: 'GET', path: apiRoutes.forecast, access: 'data:read' },
  { method: 'GET', path: authRoutes.accounts, access: 'accounts:manage' },
  { method: 'POST', path: authRoutes.accounts, access: 'accounts:manage' },
  { method: 'PATCH', path: authRoutes.account, access: 'accounts:manage' },
  { method: 'POST', path: authRoutes.accountPassword, access: 'accounts:manage' },
  { method: 'GET', path: authRoutes.ownerUnits, access: 'accounts:manage' },
  { method: 'GET', path: authRoutes.signInThrottle, access: 'accounts:manage' },
  { method: 'POST', path: authRoutes.signInThrottleLift, access: 'accounts:manage' },
  // The admin reads the sign-in and account entries; the roles that read project data read the report entries.
  { method: 'GET', path: authRoutes.audit, access: 'signed-in' },
  { method: 'GET', path: reportRoutes.list, access: 'data:read' },
  { method: 'PUT', path: reportRoutes.one, access: 'report:write' },
  { method: 'POST', path: reportRoutes.submit, access: 'report:write' },
  { method: 'POST', path: reportRoutes.approve, access: 'report:review' },
  { method: 'POST', path: reportRoutes.return, access: 'report:review' },
  // The commission's own 完成信心 beside the owner's (decision 74): the reviewers' call.
  { method: 'PUT', path: reportRoutes.commissionConfidence, access: 'report:review' },
  { method: 'GET', path: reportRoutes.month, access: 'data:read' },
  // 形象进度照片 (decision 81): the owner unit adds and deletes its report's photos (its own projects, checked per
  // record, while the report is a draft or returned); every reader of the project sees them and their files.
  { method: 'POST', path: photoRoutes.upload, access: 'report:write' },
  { method: 'DELETE', path: photoRoutes.one, access: 'report:write' },
  { method: 'GET', path: photoRoutes.ofProject, access: 'data:read' },
  { method: 'GET', path: photoRoutes.display, access: 'data:read' },
  { method: 'GET', path: photoRoutes.thumb, access: 'data:read' },
  { method: 'GET', path: monthRoutes.one, access: 'month:publish' },
  { method: 'POST', path: monthRoutes.publish, access: 'month:publish' },
  { method: 'POST', path: monthRoutes.unpublish, access: 'month:unpublish' },
  { method: 'POST', path: problemRoutes.create, access: 'problem:manage' },
  { method: 'POST', path: problemRoutes.assign, access: 'problem:manage' },
  { method: 'POST', path: problemRoutes.resolve, access: 'problem:manage' },
  // 问题类别 (decision 79): every reader of data sees the list (口径说明); the staff who register problems maintain it.
  { method: 'GET', path: problemRoutes.categories, access: 'data:read' },
  { method: 'POST', path: problemRoutes.categories, access: 'problem:manage' },
  { method: 'PATCH', path: problemRoutes.category, access: 'problem:manage' },
  // Everyone signed in has notices and a 待办 (empty for the roles with nothing to do); 催报 is the staff's.
  { method: 'GET', path: notificationRoutes.list, access: 'signed-in' },
  { method: 'POST', path: notificationRoutes.read, access: 'signed-in' },
  { method: 'GET', path: notificationRoutes.todo, access: 'signed-in' },
  { method: 'POST', path: notificationRoutes.remind, access: 'month:publish' },
  { method: 'GET', path: problemRoutes.overdue, access: 'data:read' },
  { method: 'PATCH', path: projectEditRoutes.update, access: 'project:edit' },
  { method: 'POST', path: projectEditRoutes.create, access: 'project:edit' },
  { method: 'POST', path: projectEditRoutes.retire, access: 'project:edit' },
  { method: 'GET', path: importPaths.projectTemplate, access: 'project:edit' },
  { method: 'POST', path: importPaths.projects, access: 'project:edit' },
  { method: 'GET', path: importPaths.reportTemplate, access: 'report:import' },
  { method: 'POST', path: importPaths.reports, access: 'report:import' },
  { method: 'GET', path: importPaths.exportProjects, access: 'list:export' },
  { method: 'GET', path: importPaths.exportBulletin, access: 'data:read' },
  // The issued bulletins: every reader of data (an owner unit limited to its own projects is refused by the route).
  { method: 'GET', path: bulletinRoutes.list, access: 'data:read' },
  { method: 'GET', path: bulletinRoutes.one, access: 'data:read' },
  { method: 'GET', path: bulletinRoutes.docx, access: 'data:read' },
  // 挂牌督办: the staff decide on the rule's proposals and lift a listed project (decision 76).
  { method: 'POST', path: escalationRoutes.confirm, access: 'escalation:decide' },
  { method: 'POST', path: escalationRoutes.decline, access: 'escalation:decide' },
  { method: 'POST', path: escalationRoutes.lift, access: 'escalation:decide' },
  // 前期手续 (decision 80): every reader of the project reads them (owner scope checked per record); the staff
  // and the project's own owner unit write them (the unit checked per record); the staff keep the list of kinds.
  { method: 'GET', path: approvalRoutes.list, access: 'data:read' },
  { method: 'PUT', path: approvalRoutes.one, access: 'approval:write' },
  // An approval's PDF (decision 83): attached, replaced and removed as the approval is written; read by its project's readers.
  { method: 'POST', path: approvalRoutes.file, access: 'approval:write' },
  { method: 'DELETE', path: approvalRoutes.file, access: 'approval:write' },
  { method: 'GET', path: approvalRoutes.file, access: 'data:read' },
  { method: 'GET', path: approvalRoutes.kinds, access: 'data:read' },
  { method: 'POST', path: approvalRoutes.kinds, access: 'project:edit' },
  { method: 'PATCH', path: approvalRoutes.kind, access: 'project:edit' },
] as const satisfies readonly { method: RouteMethod; path: string; access: RouteAccess }[]

export function accessOf(method: RouteMethod, path: string): RouteAccess {
  const entry = ROUTE_ACCESS.find((r) => r.method === method && r.path === path)
  if (!entry) throw new Error(`route ${method} ${path} has no access rule in src/domain/route-access.ts`)
  return entry.access
}

/** Every path of the table with the methods it answers (for 405 and its Allow header). */
export function methodsByPath(): Map<string, RouteMethod[]> {
  const map = new Map<string, RouteMethod[]>()
  for (const r of ROUTE_ACCESS) map.set(r.path, [...(map.get(r.path) ?? []), r.method])
  return map
}
