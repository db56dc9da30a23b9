import { Link } from 'react-router'
import type { ProjectListItem } from '@/contract'
import { money, percent, signedPoints } from '@/lib/format'
import { SimulatedBadge, StatusBadge } from './status-badge'
import { TableScroll } from './table-scroll'

/** Projects furthest short of 序时 pace, with the rule that fired. Links come from the caller. */
export function BehindTable({
  items,
  caption,
  hrefOf,
  showZone = true,
}: {
  items: ProjectListItem[]
  caption: string
  hrefOf: (id: string) => string
  showZone?: boolean
}) {
  return (
    <TableScroll label={caption}>
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            {showZone && <th scope="col">片区</th>}
            <th scope="col">状态</th>
            <th scope="col" className="num">完成率</th>
            <th scope="col" className="num">较序时</th>
            <th scope="col" className="num">欠序时进度</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="cell-name">
                <Link to={hrefOf(item.id)}>{item.name}</Link> {item.simulatedName && <SimulatedBadge />}
                <div className="cell-sub">{item.status.rule}</div>
              </th>
              {showZone && <td>{item.zoneName}</td>}
              <td>
                <StatusBadge lagClass={item.status.lagClass} severity={item.status.severity} />
              </td>
              <td className="num">{percent(item.status.completionRate, 1)}</td>
              <td className="num neg">{signedPoints(item.status.gapPoints)}</td>
              <td className="num">{money(item.status.shortfallWan)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
