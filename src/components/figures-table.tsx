import type { KeyedFigures } from '@/contract'
import { count, percent, signedPoints, yiNumber } from '@/lib/format'
import { ProgressBar } from './progress-bar'
import { TableScroll } from './table-scroll'
import { severityOfGap } from '@/domain/rules'
import { BAR_TONE, TEXT_CLASS } from './tone'

/**
 * A heading whose unit may go to a second line, never a word split: in half a desktop's width (the zone page's
 * two columns) the table then fits, 较序时 included, without scrolling sideways. Its name stays one phrase.
 */
const withUnit = (label: string, unit: string) => (
  <>
    <span className="nowrap">{label}</span>
    <wbr />
    <span className="nowrap">{unit}</span>
  </>
)

/** The 快报 table: 项目数 | 年度计划 | 1-N月完成 | 完成率 | 与序时差, per group. */
export function FiguresTable({
  caption,
  rows,
  scheduleRate,
  monthLabel,
  footnote,
}: {
  caption: string
  rows: KeyedFigures[]
  scheduleRate: number
  monthLabel: string
  footnote?: string
}) {
  return (
    <TableScroll label={caption}>
      {/* Below 600 px a card per category (decision 78's cards): its name, then 项目数, 年度计划 and 完成 on one line and
          完成率 with 较序时 on the next — nothing cut, nothing to scroll sideways. */}
      <table className="table table-stack table-stack-three" role="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr role="row">
            <th scope="col" role="columnheader">类别</th>
            <th scope="col" role="columnheader" className="num">项目数</th>
            <th scope="col" role="columnheader" className="num th-wrap">{withUnit('年度计划', '（亿元）')}</th>
            <th scope="col" role="columnheader" className="num th-wrap">{withUnit(`${monthLabel}完成`, '（亿元）')}</th>
            <th scope="col" role="columnheader" className="col-bar">完成率</th>
            <th scope="col" role="columnheader" className="num th-wrap">{withUnit('较序时', '（个百分点）')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} role="row">
              <th scope="row" role="rowheader">{row.label}</th>
              <td className="num" data-label="项目数">{count(row.projectCount)}</td>
              <td className="num" data-label="年度计划（亿元）">{yiNumber(row.annualPlanWan)}</td>
              <td className="num" data-label={`${monthLabel}完成（亿元）`}>{yiNumber(row.cumulativeActualWan)}</td>
              <td className="col-bar cell-card-wide" data-label="完成率">
                <ProgressBar
                  compact
                  label={`${row.label}投资完成率`}
                  value={row.completionRate === null ? null : row.completionRate * 100}
                  valueText={percent(row.completionRate)}
                  marker={scheduleRate * 100}
                  tone={BAR_TONE[severityOfGap(row.gapPoints)]}
                />
              </td>
              <td className={`num ${TEXT_CLASS[severityOfGap(row.gapPoints)]}`} data-label="较序时（个百分点）">{signedPoints(row.gapPoints)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {footnote && <p className="footnote">{footnote}</p>}
    </TableScroll>
  )
}
