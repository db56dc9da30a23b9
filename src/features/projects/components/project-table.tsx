import { Link } from 'react-router'
import type { ProjectList, ProjectListItem, ProjectSortKey, SortOrder } from '@/contract'
import { ProgressBar } from '@/components/progress-bar'
import { SimulatedBadge, StatusBadge } from '@/components/status-badge'
import { ConfidenceTag } from '@/components/confidence-tag'
import { EscalationMark, LagStreak } from '@/components/escalation-mark'
import { paths } from '@/config/paths'
import { STAGE_LABELS } from '@/domain/labels'
import { asOfSearch } from '@/lib/as-of'
import { percent, percentFigure, signedPoints, wanNumber, yiNumber } from '@/lib/format'
import { TableScroll } from '@/components/table-scroll'
import { useRowsInSteps } from '@/lib/rows-in-steps'
import { BAR_TONE, TEXT_CLASS } from '@/components/tone'

type Column = {
  key: string
  label: string
  sortKey?: ProjectSortKey
  numeric?: boolean
  /** In a card (a phone), the cell takes the card's whole width: words that need it. */
  wide?: boolean
  render: (item: ProjectListItem, ctx: { asOfMonth: number; explicitAsOf: string | undefined; scheduleRate: number; proposedShown?: boolean }) => React.ReactNode
  /** The column's figure in the printed totals row, as the screen's totals line and the workbook's 合计 have it. */
  total?: (totals: ProjectList['totals']) => React.ReactNode
}

/** The totals row's label: the whole filtered list, not the page printed. */
export const totalsLabel = (count: number) => `合计（全部 ${count} 个项目）`

const nameColumn: Column = {
  key: 'name',
  label: '项目名称',
  sortKey: 'name',
  render: (item, { explicitAsOf, proposedShown }) => (
    <>
      <Link to={paths.project.getHref(item.id, asOfSearch(explicitAsOf))}>{item.name}</Link>{' '}
      {item.simulatedName && <SimulatedBadge title="报告未列出此项目名称，为模拟项目" />}
      <EscalationMark escalation={item.escalation} proposed={proposedShown} /> <LagStreak months={item.lagStreakMonths} />
      <div className="cell-sub">
        {item.id} · {item.ownerUnit}
      </div>
    </>
  ),
}
const zoneColumn: Column = { key: 'zone', label: '片区', sortKey: 'zone', render: (item) => item.zoneName }
/** The status; `staleNote` adds which month a stale project's figures are from (lists without a 触发规则 column). */
const statusColumnOf = (staleNote: boolean): Column => ({
  key: 'status',
  label: '状态',
  render: (item) => (
    <>
      <StatusBadge lagClass={item.status.lagClass} severity={item.status.severity} />
      {/* A report is in, not yet approved: the project has reported, it is not counted yet. */}
      {item.reportPending && (
        <span className="tag tag-warn" title="本月月报已提交，审核通过后计入统计">
          月报待审核
        </span>
      )}
      {/* Stale figures say which month they are from: 截至8月累计，9月未报送. */}
      {staleNote && item.status.lagClass === 'not-reported' && <div className="cell-sub">{item.status.rule}</div>}
      {/* 应开未开: the 前期手续 not yet obtained (decision 80). */}
      {item.missingApprovals.length > 0 && <div className="cell-sub cell-missing">未取得：{item.missingApprovals.map((m) => m.name).join('、')}</div>}
    </>
  ),
})
const completionTotal = (totals: ProjectList['totals']) => percent(totals.completionRate)
const gapColumn: Column = {
  key: 'gap',
  label: '较序时（个百分点）',
  sortKey: 'gap',
  numeric: true,
  render: (item) =>
    item.status.gapPoints === null ? (
      // Not judged on money (未到开工期, or no plan this year): a dash, with the reason for screen readers.
      <span title={item.status.rule}>
        —<span className="sr-only">（{item.status.rule}，不评判）</span>
      </span>
    ) : (
      <span className={TEXT_CLASS[item.status.severity]}>{signedPoints(item.status.gapPoints)}</span>
    ),
}

const completionColumn: Column = {
  key: 'completionRate',
  label: '投资完成率',
  sortKey: 'completionRate',
  total: completionTotal,
  render: (item, { scheduleRate }) => (
    <ProgressBar
      compact
      label={`${item.name}投资完成率`}
      value={item.status.completionRate === null ? null : item.status.completionRate * 100}
      valueText={percent(item.status.completionRate)}
      marker={scheduleRate * 100}
      tone={BAR_TONE[item.status.severity]}
    />
  ),
}

// The name, then the judgement (完成率, 较序时, status): on a phone they show before the table scrolls sideways.
export const LIST_COLUMNS: Column[] = [
  nameColumn,
  completionColumn,
  gapColumn,
  statusColumnOf(true),
  zoneColumn,
  { key: 'stage', label: '性质', render: (item) => STAGE_LABELS[item.stage] },
  { key: 'annualPlan', label: '年度计划（亿元）', sortKey: 'annualPlan', numeric: true, render: (item) => yiNumber(item.annualPlanWan), total: (totals) => yiNumber(totals.annualPlanWan) },
  {
    key: 'actual',
    label: '累计完成（亿元）',
    sortKey: 'actual',
    numeric: true,
    render: (item) => yiNumber(item.status.cumulativeActualWan),
    total: (totals) => yiNumber(totals.cumulativeActualWan),
  },
  {
    key: 'progress',
    label: '形象进度',
    wide: true,
    sortKey: 'progress',
    render: (item) =>
      item.progress?.percent !== null && item.progress?.percent !== undefined ? (
        <ProgressBar compact label={`${item.name}形象进度`} value={item.progress.percent} valueText={percentFigure(item.progress.percent)} tone="grey" />
      ) : (
        <span className="cell-words">{item.progress?.text ?? '—'}</span>
      ),
  },
]

// 冲刺 (decision 75): what each month left must deliver to reach the annual plan, beside the best and average month.
const dash = (reason: string) => (
  <span title={reason}>
    —<span className="sr-only">（{reason}）</span>
  </span>
)
const NO_CATCH_UP = '未落后于序时或已完工，无需冲刺'
const catchUpColumns: Column[] = [
  {
    key: 'catchUpNeeded',
    label: '每月需完成（万元）',
    numeric: true,
    render: (item) => (item.catchUp ? wanNumber(item.catchUp.neededPerMonthWan) : dash(NO_CATCH_UP)),
  },
  { key: 'bestMonth', label: '最好月份（万元）', numeric: true, render: (item) => (item.catchUp ? wanNumber(item.catchUp.bestMonthWan) : dash(NO_CATCH_UP)) },
  { key: 'averageMonth', label: '月均（万元）', numeric: true, render: (item) => (item.catchUp ? wanNumber(item.catchUp.averageMonthWan) : dash(NO_CATCH_UP)) },
  {
    key: 'catchUpRatio',
    label: '倍数',
    sortKey: 'catchUpRatio',
    numeric: true,
    render: (item) => {
      if (!item.catchUp) return dash(NO_CATCH_UP)
      const ratio = item.catchUp.ratioToBest === null ? '无完成月份' : `${item.catchUp.ratioToBest.toFixed(2)}倍`
      // The mark is words, not only a colour.
      return (
        <>
          <span className={item.catchUp.feasible ? undefined : 'neg'}>{ratio}</span>
          {!item.catchUp.feasible && (
            <div>
              <span className="tag tag-bad">难以完成</span>
            </div>
          )}
        </>
      )
    },
  },
]

export const DELAYED_COLUMNS: Column[] = [
  nameColumn,
  completionColumn,
  // 万元, whole numbers: a project's shortfall is often under 0.01亿元, and one column has one unit.
  {
    key: 'shortfall',
    label: '欠序时进度（万元）',
    sortKey: 'shortfall',
    numeric: true,
    render: (item) => wanNumber(item.status.shortfallWan),
    total: (totals) => wanNumber(totals.shortfallWan),
  },
  gapColumn,
  statusColumnOf(false),
  { key: 'rule', label: '触发规则', wide: true, render: (item) => <span className="cell-rule">{item.status.rule}</span> },
  zoneColumn,
  ...catchUpColumns,
  // 完成信心 of the latest approved report (the commission's when it gave one): what a reviewer ranks by.
  {
    key: 'confidence',
    label: '完成信心',
    sortKey: 'confidence',
    render: (item) =>
      item.confidence ? (
        <span title={`${item.confidence.month}月月报`}>
          <ConfidenceTag level={item.confidence.level} by={item.confidence.by === 'commission' ? '发改委' : undefined} />
        </span>
      ) : (
        dash('尚无已审核月报给出完成信心')
      ),
  },
  { key: 'dept', label: '责任单位', render: (item) => item.responsibleUnit },
  {
    key: 'lastReport',
    label: '最近报送',
    render: (item) => (item.status.lastReportMonth ? `${item.status.lastReportMonth}月` : '无'),
  },
]

export function ProjectTable({
  items,
  columns,
  caption,
  sort,
  order,
  onSort,
  asOfMonth,
  explicitAsOf,
  scheduleRate,
  proposedShown = false,
  totals,
}: {
  items: ProjectListItem[]
  columns: Column[]
  caption: string
  sort: ProjectSortKey
  order: SortOrder
  onSort: (key: ProjectSortKey, order: SortOrder) => void
  asOfMonth: number
  /** The month the URL asks for (undefined: the latest), carried into the project links. */
  explicitAsOf: string | undefined
  scheduleRate: number
  /** Whether 拟挂牌督办 shows beside a name (the staff, who decide on proposals). */
  proposedShown?: boolean
  /** The whole filtered list's count and sums: the printed table ends with them (decision 78). */
  totals?: { count: number; sums: ProjectList['totals'] }
}) {
  const shown = useRowsInSteps(items.length)
  return (
    <TableScroll label={`${caption}（可横向滚动）`}>
      {/* A card per project on a phone (.table-stack, decision 78): the roles are spelt out, since a table laid
          out as blocks loses them in some browsers; each cell carries its column's name for the card. */}
      <table className="table table-projects table-stack" role="table" aria-busy={shown < items.length}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr role="row">
            {columns.map((column) => {
              const active = column.sortKey !== undefined && column.sortKey === sort
              const ariaSort = active ? (order === 'asc' ? 'ascending' : 'descending') : undefined
              return (
                <th
                  key={column.key}
                  scope="col"
                  role="columnheader"
                  className={column.numeric ? 'num' : undefined}
                  aria-sort={ariaSort}
                  // On paper the header is this plain text: a button's label is not repeated on the pages after the first.
                  data-print-label={column.sortKey ? column.label : undefined}
                >
                  {column.sortKey ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => {
                        const key = column.sortKey!
                        // First click on a figure sorts largest first; names start A→Z.
                        const first: SortOrder = key === 'name' || key === 'zone' || key === 'gap' ? 'asc' : 'desc'
                        onSort(key, active ? (order === 'asc' ? 'desc' : 'asc') : first)
                      }}
                    >
                      {column.label}
                      <span aria-hidden="true" className="sort-icon">
                        {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {items.slice(0, shown).map((item) => (
            <tr key={item.id} role="row">
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row" role="rowheader" className="cell-name">
                    {column.render(item, { asOfMonth, explicitAsOf, scheduleRate, proposedShown })}
                  </th>
                ) : (
                  <td key={column.key} data-label={column.label} className={cellClass(column)}>
                    {column.render(item, { asOfMonth, explicitAsOf, scheduleRate, proposedShown })}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {totals && (
          // On paper only, after the last row: the screen has its totals line above the table (hidden until printed).
          <tfoot className="print-totals" hidden>
            <tr>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row">
                    {totalsLabel(totals.count)}
                  </th>
                ) : (
                  <td key={column.key} className={column.numeric ? 'num' : undefined}>
                    {column.total?.(totals.sums)}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </TableScroll>
  )
}

const cellClass = (column: Column) => [column.numeric ? 'num' : '', column.wide ? 'cell-wide' : ''].filter(Boolean).join(' ') || undefined
