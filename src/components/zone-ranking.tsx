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
      {/* Below 600 px a card per zone (decision 78's cards): its rank and name, then 完成率, 较序时 and 名次变化 on one
          line — nothing cut, nothing to scroll sideways; the other figures are on the zone's own page and on /zones. */}
      <table className="table table-stack table-stack-three" role="table">
        <caption className="sr-only">片区完成率排名</caption>
        <thead>
          <tr role="row">
            {/* 完成率 and 较序时 right after the zone: on a phone they show without scrolling sideways. */}
            <th scope="col" role="columnheader" className="num">排名</th>
            <th scope="col" role="columnheader">片区</th>
            <th scope="col" role="columnheader" className="num">完成率</th>
            <th scope="col" role="columnheader" className="num">较序时（个百分点）</th>
            <th scope="col" role="columnheader" className="num">完成率较上月（个百分点）</th>
            <th scope="col" role="columnheader">名次变化</th>
            <th scope="col" role="columnheader" className="num">项目数</th>
            <th scope="col" role="columnheader" className="num">年度计划（亿元）</th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((zone) => {
            const change =
              zone.completionRate !== null && zone.previousCompletionRate !== null ? gapInPoints(zone.completionRate, zone.previousCompletionRate) : null
            const rankMove = zone.previousRank === null || zone.rank === null ? null : zone.previousRank - zone.rank
            return (
              <tr key={zone.id} role="row">
                <td className="num cell-card-hidden" data-label="排名">{zone.rank ?? <span title="跨片区/全区项目不参与七大片区排名">不排名</span>}</td>
                <th scope="row" role="rowheader">
                  <span className="card-rank">{zone.rank === null ? '不排名' : `第${zone.rank}名`}</span>
                  <Link to={hrefOf(zone.id)}>{zone.name}</Link>
                </th>
                <td className="num" data-label="完成率">{percent(zone.completionRate)}</td>
                <td className={`num ${TEXT_CLASS[severityOfGap(zone.gapPoints)]}`} data-label="较序时（个百分点）">{signedPoints(zone.gapPoints)}</td>
                <td className="num cell-card-hidden" data-label="较上月（个百分点）">{signedPoints(change)}</td>
                <td data-label="名次变化">
                  {rankMove === null ? '—' : rankMove > 0 ? `↑ 上升${rankMove}位` : rankMove < 0 ? `↓ 下降${-rankMove}位` : '— 持平'}
                </td>
                <td className="num cell-card-hidden" data-label="项目数">{zone.projectCount}</td>
                <td className="num cell-card-hidden" data-label="年度计划（亿元）">{yiNumber(zone.annualPlanWan)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableScroll>
  )
}
