import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { OverdueProblem } from '@/contract/problems'
import { paths } from '@/config/paths'
import { zhDate } from '@/lib/format'
import { TableScroll } from './table-scroll'

/**
 * The overdue problems, most overdue first: the overview's (project names link to the project) and the
 * issued bulletin's (names as plain text, as on paper). One table, so both read the same.
 */
export function OverdueProblemsTable({ items, linked, label = '逾期未办结的问题' }: { items: readonly OverdueProblem[]; linked: boolean; label?: string }) {
  const nameOf = (item: OverdueProblem): ReactNode => (linked ? <Link to={paths.project.getHref(item.projectId)}>{item.projectName}</Link> : item.projectName)
  return (
    <TableScroll label={label}>
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
          {items.map((item) => (
            <tr key={item.problem.id}>
              <th scope="row" className="cell-name">
                {nameOf(item)}
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
  )
}
