import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { WAN_PER_YI } from '@/domain/money'
import { money, type MoneyUnit } from '@/lib/format'
import { chartUnitFor, scheduleLine, type MonthlyDatum, type PlanActualDatum } from './chart-data'

/**
 * Recharts lives only in this module, which pages load lazily (see lazy-charts.tsx), so the
 * first page's JavaScript stays small. Every chart has a table or a text summary with the same figures.
 */
// Series colours are graphics (3:1 against white at least); legend text is body text, never the series colour.
const COLORS = { plan: '#7f9cc4', actual: '#1d5fbf', cumulativePlan: '#6b7587', schedule: '#15803d', cumulativeActual: '#c2410c' }
const LEGEND_TEXT = '#1a2433'
const UNIT_LABEL: Record<MoneyUnit, string> = { yi: '亿元', wan: '万元' }

/** Values are plotted in the chart's unit, unrounded, so a tooltip shows the exact 万元 figure. */
const inUnit = (wan: number | null, unit: MoneyUnit) => (wan === null ? null : unit === 'yi' ? wan / WAN_PER_YI : wan)
const tooltipMoney = (unit: MoneyUnit) => (value: unknown) =>
  typeof value === 'number' ? money(Math.round(unit === 'yi' ? value * WAN_PER_YI : value), unit) : '—'
const legendText = (value: string) => <span style={{ color: LEGEND_TEXT }}>{value}</span>

/** Horizontal bars: annual plan vs cumulative actual per group (readable on a phone). */
export function PlanActualBars({ data, height }: { data: PlanActualDatum[]; height?: number }) {
  const unit = chartUnitFor(data.flatMap((d) => [d.planWan, d.actualWan]))
  const rows = data.map((d) => ({ label: d.label, 年度计划: inUnit(d.planWan, unit), 累计完成: inUnit(d.actualWan, unit) }))
  return (
    <ResponsiveContainer width="100%" height={height ?? Math.max(220, rows.length * 46 + 60)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barGap={2} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke="#e5e9f0" />
        <XAxis type="number" unit={unit === 'yi' ? '亿' : '万'} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={112} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip formatter={tooltipMoney(unit)} />
        <Legend wrapperStyle={{ fontSize: 13 }} formatter={legendText} />
        <Bar dataKey="年度计划" fill={COLORS.plan} isAnimationActive={false} />
        <Bar dataKey="累计完成" fill={COLORS.actual} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}

/**
 * Monthly bars (plan, actual; right axis, 当月) and cumulative lines (left axis, 累计): completion, the 序时
 * line the headline judges against (annual plan × M/12) and the projects' own monthly plans added up.
 * A month nobody reported is a gap in the line, not a flat stretch.
 */
export function MonthlyPlanActual({
  data,
  annualPlanWan,
  showMonthlyBars = true,
}: {
  data: MonthlyDatum[]
  annualPlanWan: number
  showMonthlyBars?: boolean
}) {
  const schedule = scheduleLine(annualPlanWan)
  const unit = chartUnitFor(data.flatMap((d) => [d.cumulativePlanWan, d.cumulativeActualWan ?? 0, d.planWan, d.actualWan ?? 0]).concat(annualPlanWan))
  const rows = data.map((d, i) => ({
    label: `${d.month}月`,
    当月计划: inUnit(d.planWan, unit),
    当月完成: inUnit(d.actualWan, unit),
    序时进度: inUnit(schedule[i] ?? null, unit),
    分月计划累计: inUnit(d.cumulativePlanWan, unit),
    累计完成: inUnit(d.cumulativeActualWan, unit),
  }))
  const axisLabel = (text: string, side: 'left' | 'right') => ({
    value: `${text}（${UNIT_LABEL[unit]}）`,
    angle: side === 'left' ? -90 : 90,
    position: side === 'left' ? ('insideLeft' as const) : ('insideRight' as const),
    style: { fontSize: 12, fill: LEGEND_TEXT, textAnchor: 'middle' as const },
  })
  return (
    <ResponsiveContainer width="100%" height={320}>
      <ComposedChart data={rows} margin={{ top: 8, right: showMonthlyBars ? 4 : 12, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e5e9f0" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={2} />
        <YAxis yAxisId="cum" tick={{ fontSize: 12 }} width={64} label={axisLabel('累计', 'left')} />
        {showMonthlyBars && <YAxis yAxisId="month" orientation="right" tick={{ fontSize: 12 }} width={58} label={axisLabel('当月', 'right')} />}
        <Tooltip formatter={tooltipMoney(unit)} />
        <Legend wrapperStyle={{ fontSize: 13 }} formatter={legendText} />
        {showMonthlyBars && <Bar yAxisId="month" dataKey="当月计划" fill={COLORS.plan} isAnimationActive={false} />}
        {showMonthlyBars && <Bar yAxisId="month" dataKey="当月完成" fill={COLORS.actual} isAnimationActive={false} />}
        <Line yAxisId="cum" dataKey="序时进度" stroke={COLORS.schedule} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line yAxisId="cum" dataKey="分月计划累计" stroke={COLORS.cumulativePlan} strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line yAxisId="cum" dataKey="累计完成" stroke={COLORS.cumulativeActual} strokeWidth={2.5} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  )
}
