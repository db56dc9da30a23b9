import { Link } from 'react-router'
import type { ProjectListItem } from '@/contract'
import { percent, signedPoints, wanNumber } from '@/lib/format'
import { SimulatedBadge, StatusBadge } from './status-badge'
import { EscalationMark, LagStreak } from './escalation-mark'
import { TableScroll } from './table-scroll'
import { TEXT_CLASS } from './tone'

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
      {/* Below 600 px a card per project (decision 78's cards): its name, then its figures and status three to a line, nothing cut. */}
      <table className="table table-stack table-stack-three" role="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr role="row">
            <th scope="col" role="columnheader">项目</th>
            {/* The figures right after the name, so a phone shows them without scrolling sideways. */}
            <th scope="col" role="columnheader" className="num">完成率</th>
            <th scope="col" role="columnheader" className="num">较序时（个百分点）</th>
            <th scope="col" role="columnheader" className="num">欠序时进度（万元）</th>
            <th scope="col" role="columnheader">状态</th>
            {showZone && <th scope="col" role="columnheader">片区</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} role="row">
              <th scope="row" role="rowheader" className="cell-name">
                <Link to={hrefOf(item.id)}>{item.name}</Link> {item.simulatedName && <SimulatedBadge />} <EscalationMark escalation={item.escalation} />{' '}
                <LagStreak months={item.lagStreakMonths} />
                <div className="cell-sub">{item.status.rule}</div>
              </th>
              <td className="num" data-label="完成率">{percent(item.status.completionRate)}</td>
              <td className={`num ${TEXT_CLASS[item.status.severity]}`} data-label="较序时（个百分点）">{signedPoints(item.status.gapPoints)}</td>
              <td className="num" data-label="欠序时进度（万元）">{wanNumber(item.status.shortfallWan)}</td>
              <td className="cell-card-wide" data-label="状态">
                <StatusBadge lagClass={item.status.lagClass} severity={item.status.severity} />
              </td>
              {showZone && <td data-label="片区">{item.zoneName}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
