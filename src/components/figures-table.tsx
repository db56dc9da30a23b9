import type { KeyedFigures } from '@/contract'
import { count, percent, signedPoints, yiNumber } from '@/lib/format'
import { ProgressBar } from './progress-bar'
import { TableScroll } from './table-scroll'
import { severityOfGap } from '@/domain/rules'
import { BAR_TONE, TEXT_CLASS } from './tone'

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
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">类别</th>
            <th scope="col" className="num">项目数</th>
            <th scope="col" className="num">年度计划（亿元）</th>
            <th scope="col" className="num">{monthLabel}完成（亿元）</th>
            <th scope="col" className="col-bar">完成率</th>
            <th scope="col" className="num">较序时（个百分点）</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{count(row.projectCount)}</td>
              <td className="num">{yiNumber(row.annualPlanWan)}</td>
              <td className="num">{yiNumber(row.cumulativeActualWan)}</td>
              <td className="col-bar">
                <ProgressBar
                  compact
                  label={`${row.label}投资完成率`}
                  value={row.completionRate === null ? null : row.completionRate * 100}
                  valueText={percent(row.completionRate)}
                  marker={scheduleRate * 100}
                  tone={BAR_TONE[severityOfGap(row.gapPoints)]}
                />
              </td>
              <td className={`num ${TEXT_CLASS[severityOfGap(row.gapPoints)]}`}>{signedPoints(row.gapPoints)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {footnote && <p className="footnote">{footnote}</p>}
    </TableScroll>
  )
}
