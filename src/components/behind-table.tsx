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
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            {/* The figures right after the name, so a phone shows them without scrolling sideways. */}
            <th scope="col" className="num">完成率</th>
            <th scope="col" className="num">较序时（个百分点）</th>
            <th scope="col" className="num">欠序时进度（万元）</th>
            {/* Below 600 px these two go under the project's name (cell-narrow), so the table fits a phone's width. */}
            <th scope="col" className="cell-wide">状态</th>
            {showZone && <th scope="col" className="cell-wide">片区</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="cell-name">
                <Link to={hrefOf(item.id)}>{item.name}</Link> {item.simulatedName && <SimulatedBadge />} <EscalationMark escalation={item.escalation} />{' '}
                <LagStreak months={item.lagStreakMonths} />
                <div className="cell-narrow">
                  <StatusBadge lagClass={item.status.lagClass} severity={item.status.severity} />
                  {showZone && <span className="cell-sub cell-zone">{item.zoneName}</span>}
                </div>
                <div className="cell-sub">{item.status.rule}</div>
              </th>
              <td className="num">{percent(item.status.completionRate)}</td>
              <td className={`num ${TEXT_CLASS[item.status.severity]}`}>{signedPoints(item.status.gapPoints)}</td>
              <td className="num">{wanNumber(item.status.shortfallWan)}</td>
              <td className="cell-wide">
                <StatusBadge lagClass={item.status.lagClass} severity={item.status.severity} />
              </td>
              {showZone && <td className="cell-wide">{item.zoneName}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
