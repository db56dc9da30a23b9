import { DELAYED_CLASSES, apiPaths, type ProjectFilters } from '@/contract'
import { toSearch } from '@/lib/api-client'

/**
 * The two project lists' URLs, shared by the pages that ask for them and by the server, which names a
 * list page's first answers in its HTML (server/page-hints.ts). The browser hands a preloaded answer to the
 * page's fetch only when the URLs are equal, so both spell them here.
 */
export type ListMode = 'all' | 'delayed'

/** Each list's sort and filters when its link names none. */
export const LIST_DEFAULTS: Record<ListMode, Partial<ProjectFilters>> = {
  all: { sort: 'id', order: 'asc' },
  delayed: { sort: 'shortfall', order: 'desc', status: [...DELAYED_CLASSES] },
}

/** The list endpoint's query parameters for a view's filters, always in this order. */
export function toProjectListParams(filters: ProjectFilters) {
  return {
    asOf: filters.asOf,
    zone: filters.zone,
    focusArea: filters.focusArea,
    investmentType: filters.investmentType,
    stage: filters.stage,
    status: filters.status,
    escalation: filters.escalation,
    missingApproval: filters.missingApproval,
    owner: filters.owner,
    dept: filters.dept,
    q: filters.q,
    sort: filters.sort,
    order: filters.order,
    page: filters.page,
    pageSize: filters.pageSize,
  }
}

/** The queue's counts per class: the same view with every 滞后 class and one row, so each chip can say its count. */
export const delayedCountsFilters = (filters: ProjectFilters): ProjectFilters => ({ ...filters, status: [...DELAYED_CLASSES], page: 1, pageSize: 1 })

export const projectListUrl = (filters: ProjectFilters) => `${apiPaths.projects}${toSearch(toProjectListParams(filters))}`

/** The list answers a list page asks for first when its link names no filters (only `asOf`, or nothing). */
export function firstListUrls(mode: ListMode, asOf: string | undefined): string[] {
  const filters: ProjectFilters = { ...LIST_DEFAULTS[mode], asOf }
  return mode === 'delayed' ? [projectListUrl(filters), projectListUrl(delayedCountsFilters(filters))] : [projectListUrl(filters)]
}
