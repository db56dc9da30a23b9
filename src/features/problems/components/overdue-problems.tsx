import { useQuery } from '@tanstack/react-query'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { OverdueProblemsTable } from '@/components/overdue-problems-table'
import { ApiRequestError } from '@/lib/api-client'
import { zhDate } from '@/lib/format'
import { problemQueries } from '../api/problems'

/**
 * For leaders on the overview: the problems not settled by their due date, most overdue first, with who
 * has them. Loaded after the headline figures (its own request and its own chunk).
 */
export default function OverdueProblems({ asOf }: { asOf: string | undefined }) {
  const query = useQuery(problemQueries.overdue(asOf))
  // A month not yet published is explained once, by the page's figures above; this section stays away.
  if (query.error instanceof ApiRequestError && query.error.code === 'month_unpublished') return null
  return (
    <QueryBoundary query={query} loadingLabel="正在加载逾期问题…">
      {(list) => (
        <Section
          className="defer-render"
          title={`逾期未办结的问题（${list.total}个）`}
          note={`截至${zhDate(list.asOfDate)}${list.simulated ? '；问题与时限为模拟数据' : ''}${list.total > list.items.length ? `；列出逾期最久的${list.items.length}个` : ''}`}
        >
          {list.items.length === 0 ? (
            <p className="empty">没有逾期未办结的问题。</p>
          ) : (
            <OverdueProblemsTable items={list.items} linked label="逾期未办结的问题（可横向滚动）" />
          )}
        </Section>
      )}
    </QueryBoundary>
  )
}
