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
import { money } from '@/lib/format'

/**
 * Recharts lives only in this module, which pages load lazily (see lazy-charts.tsx), so the
 * first page's JavaScript stays small. Every chart has a table beside it with the same figures.
 */
const COLORS = { plan: '#9db4d3', actual: '#1d5fbf', cumulativePlan: '#8a94a6', cumulativeActual: '#c2410c' }
const toYi = (wan: number | null) => (wan === null ? null : Math.round(wan / 100) / 100)
const tooltipMoney = (value: unknown) => (typeof value === 'number' ? money(Math.round(value * WAN_PER_YI)) : '—')

export type PlanActualDatum = { label: string; planWan: number; actualWan: number }

/** Horizontal bars: annual plan vs cumulative actual per group (readable on a phone). */
export function PlanActualBars({ data, height }: { data: PlanActualDatum[]; height?: number }) {
  const rows = data.map((d) => ({ label: d.label, 年度计划: toYi(d.planWan), 累计完成: toYi(d.actualWan) }))
  return (
    <ResponsiveContainer width="100%" height={height ?? Math.max(220, rows.length * 46 + 60)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barGap={2}>
        <CartesianGrid horizontal={false} stroke="#e5e9f0" />
        <XAxis type="number" unit="亿" tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={112} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip formatter={tooltipMoney} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar dataKey="年度计划" fill={COLORS.plan} isAnimationActive={false} />
        <Bar dataKey="累计完成" fill={COLORS.actual} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}

export type MonthlyDatum = {
  month: number
  planWan: number
  actualWan: number | null
  cumulativePlanWan: number
  cumulativeActualWan: number | null
}

/** Monthly bars (plan, actual) and cumulative lines on a second axis. */
export function MonthlyPlanActual({ data, showMonthlyBars = true }: { data: MonthlyDatum[]; showMonthlyBars?: boolean }) {
  const rows = data.map((d) => ({
    label: `${d.month}月`,
    当月计划: toYi(d.planWan),
    当月完成: toYi(d.actualWan),
    累计计划: toYi(d.cumulativePlanWan),
    累计完成: toYi(d.cumulativeActualWan),
  }))
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e5e9f0" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={2} />
        <YAxis yAxisId="cum" unit="亿" tick={{ fontSize: 12 }} width={56} />
        {showMonthlyBars && <YAxis yAxisId="month" orientation="right" unit="亿" tick={{ fontSize: 12 }} width={48} />}
        <Tooltip formatter={tooltipMoney} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        {showMonthlyBars && <Bar yAxisId="month" dataKey="当月计划" fill={COLORS.plan} isAnimationActive={false} />}
        {showMonthlyBars && <Bar yAxisId="month" dataKey="当月完成" fill={COLORS.actual} isAnimationActive={false} />}
        <Line yAxisId="cum" dataKey="累计计划" stroke={COLORS.cumulativePlan} strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line yAxisId="cum" dataKey="累计完成" stroke={COLORS.cumulativeActual} strokeWidth={2.5} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  )
}
