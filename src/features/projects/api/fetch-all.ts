import type { QueryClient } from '@tanstack/react-query'
import { MAX_PAGE_SIZE, type ProjectFilters, type ProjectList, type ProjectListItem } from '@/contract'
import { projectQueries } from './projects'

/** Every page of a filtered, sorted list (for export and print): exactly the list on screen, all of it. */
export async function fetchAllProjects(queryClient: QueryClient, filters: ProjectFilters) {
  // The total shown may still be the previous filter's while a new answer loads: page until the
  // server's own total for these filters is reached.
  const items: ProjectListItem[] = []
  let simulatedNotice: string | null = null
  let month = 1
  let planYear = 0
  // The sums of the whole filtered list (every page carries them): the printed list's totals row.
  let totals: ProjectList['totals'] | null = null
  for (let page = 1; ; page++) {
    const list = await queryClient.fetchQuery(projectQueries.list({ ...filters, page, pageSize: MAX_PAGE_SIZE }))
    items.push(...list.items)
    simulatedNotice ??= list.provenance.notice
    month = list.asOfMonth
    planYear = list.planYear
    totals ??= list.totals
    if (items.length >= list.total || list.items.length === 0 || list.page < page) break
  }
  return { items, month, planYear, simulatedNotice, totals: totals! }
}
