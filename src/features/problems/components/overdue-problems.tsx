import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { paths } from '@/config/paths'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
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
            <TableScroll label="逾期未办结的问题（可横向滚动）">
              <table className="table table-compact">
                <caption className="sr-only">逾期未办结的问题</caption>
                <thead>
                  <tr>
                    <th scope="col">项目</th>
                    <th scope="col" className="num">
                      逾期天数
                    </th>
                    <th scope="col">问题</th>
                    <th scope="col">督办部门</th>
                    <th scope="col">办结时限</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((item) => (
                    <tr key={item.problem.id}>
                      <th scope="row" className="cell-name">
                        <Link to={paths.project.getHref(item.projectId)}>{item.projectName}</Link>
                        <small className="cell-id"> {item.zoneName}</small>
                      </th>
                      <td className="num neg">{item.daysOverdue}</td>
                      <td>
                        {item.problem.category}：{item.problem.description}
                      </td>
                      <td>{item.problem.assignedTo ?? '未督办'}</td>
                      <td>{zhDate(item.problem.dueDate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </Section>
      )}
    </QueryBoundary>
  )
}
