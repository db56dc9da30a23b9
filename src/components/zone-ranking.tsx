import { Link } from 'react-router'
import type { ZoneSummary } from '@/contract'
import { gapInPoints, severityOfGap } from '@/domain/rules'
import { percent, signedPoints, yiNumber } from '@/lib/format'
import { TableScroll } from './table-scroll'
import { TEXT_CLASS } from './tone'

/**
 * The zones ranked by 完成率 (the overview, the bulletin): the seven zones by rank, then 跨片区/全区 (counted,
 * not ranked), with the change from last month. 完成率 and 较序时 come right after the zone's name.
 */
export function ZoneRanking({ zones, hrefOf }: { zones: readonly ZoneSummary[]; hrefOf: (zoneId: string) => string }) {
  const ranking = [...zones].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
  return (
    <TableScroll label="片区完成率排名">
      <table className="table">
        <caption className="sr-only">片区完成率排名</caption>
        <thead>
          <tr>
            {/* 完成率 and 较序时 right after the zone: on a phone they show without scrolling sideways. */}
            <th scope="col" className="num">排名</th>
            <th scope="col">片区</th>
            <th scope="col" className="num">完成率</th>
            <th scope="col" className="num">较序时（个百分点）</th>
            <th scope="col" className="num">完成率较上月（个百分点）</th>
            <th scope="col">名次变化</th>
            <th scope="col" className="num">项目数</th>
            <th scope="col" className="num">年度计划（亿元）</th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((zone) => {
            const change =
              zone.completionRate !== null && zone.previousCompletionRate !== null ? gapInPoints(zone.completionRate, zone.previousCompletionRate) : null
            const rankMove = zone.previousRank === null || zone.rank === null ? null : zone.previousRank - zone.rank
            return (
              <tr key={zone.id}>
                <td className="num">{zone.rank ?? <span title="跨片区/全区项目不参与七大片区排名">不排名</span>}</td>
                <th scope="row">
                  <Link to={hrefOf(zone.id)}>{zone.name}</Link>
                </th>
                <td className="num">{percent(zone.completionRate)}</td>
                <td className={`num ${TEXT_CLASS[severityOfGap(zone.gapPoints)]}`}>{signedPoints(zone.gapPoints)}</td>
                <td className="num">{signedPoints(change)}</td>
                <td>
                  {rankMove === null ? '—' : rankMove > 0 ? `↑ 上升${rankMove}位` : rankMove < 0 ? `↓ 下降${-rankMove}位` : '— 持平'}
                </td>
                <td className="num">{zone.projectCount}</td>
                <td className="num">{yiNumber(zone.annualPlanWan)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableScroll>  )
}
