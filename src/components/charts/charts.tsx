import { useState, type ReactNode } from 'react'
import { Bar, BarChart, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts'
import { WAN_PER_YI } from '@/domain/money'
import { money, scaleUnitFor, type MoneyUnit } from '@/lib/format'
import { MONTHLY_PLOT_HEIGHT, forecastBarsHeight, planActualBarsHeight, scheduleLine, type ForecastDatum, type MonthlyDatum, type PlanActualDatum } from './chart-data'

/**
 * Recharts lives only in this module, which pages load lazily (see lazy-charts.tsx), so the first page's
 * JavaScript stays small. Every chart has a table or a text summary with the same figures.
 *
 * Drawing is what a phone pays for (decision 52): the figure measures its own width (no ResizeObserver
 * round before the first drawing), the legend and axis units are HTML beside the SVG, the tooltip is
 * mounted on the reader's first touch or hover, and no axis measures its tick labels.
 */
// Series colours are graphics (3:1 against white at least); legend text is body text, never the series colour.
const COLORS = { plan: '#7f9cc4', actual: '#1d5fbf', cumulativePlan: '#6b7587', schedule: '#15803d', cumulativeActual: '#c2410c', ownerForecast: '#b45309', computedForecast: '#1d5fbf' }
const UNIT_LABEL: Record<MoneyUnit, string> = { yi: '亿元', wan: '万元' }
const TICK_TEXT = '#4a5568'

type TickProps = { x?: number | string; y?: number | string; textAnchor?: string; verticalAnchor?: string; payload?: { value?: unknown } }
/**
 * A tick label as plain SVG text. Recharts' own <Text> measures every label in the DOM to wrap it;
 * ours are a few characters long and never wrap.
 */
const plainTick = (suffix = '') =>
  function PlainTick({ x, y, textAnchor, verticalAnchor, payload }: TickProps) {
    const dy = verticalAnchor === 'start' ? '0.71em' : verticalAnchor === 'end' ? '0' : '0.355em'
    const anchor = textAnchor === 'start' || textAnchor === 'middle' || textAnchor === 'end' ? textAnchor : 'middle'
    return (
      <text x={x} y={y} dy={dy} textAnchor={anchor} fontSize={12} fill={TICK_TEXT}>
        {`${String(payload?.value ?? '')}${suffix}`}
      </text>
    )
  }
const TICK = plainTick()
const MONEY_TICK: Record<MoneyUnit, ReturnType<typeof plainTick>> = { yi: plainTick('亿'), wan: plainTick('万') }

/** Values are plotted in the chart's unit, unrounded, so a tooltip shows the exact 万元 figure. */
const inUnit = (wan: number | null, unit: MoneyUnit) => (wan === null ? null : unit === 'yi' ? wan / WAN_PER_YI : wan)
const tooltipMoney = (unit: MoneyUnit) => (value: unknown) =>
  typeof value === 'number' ? money(Math.round(unit === 'yi' ? value * WAN_PER_YI : value), unit) : '—'

type LegendItem = { label: string; color: string; shape: 'bar' | 'line' | 'dashed' | 'dotted-line' }

/** The legend in HTML: it wraps on a phone, costs no SVG layout, and the shape (not only the colour) tells the series apart. */
function ChartLegend({ items, note }: { items: readonly LegendItem[]; note?: string }) {
  return (
    <div className="chart-legend" aria-hidden="true">
      {note && <span className="chart-legend-note">{note}</span>}
      {items.map((item) => (
        <span key={item.label} className="chart-legend-item">
          <svg width="22" height="10" className="chart-legend-swatch">
            {item.shape === 'bar' ? (
              <rect x="5" y="0" width="12" height="10" fill={item.color} />
            ) : (
              <>
                <line x1="0" y1="5" x2="22" y2="5" stroke={item.color} strokeWidth="2.5" strokeDasharray={item.shape === 'dashed' ? '6 4' : undefined} />
                {item.shape === 'dotted-line' && <circle cx="11" cy="5" r="3" fill="#fff" stroke={item.color} strokeWidth="1.5" />}
              </>
            )}
          </svg>
          {item.label}
        </span>
      ))}
    </div>
  )
}

/**
 * The tooltip costs as much to set up as the chart itself, and a leader reading the first screen never
 * asks for it: it is mounted when a pointer or a finger first comes onto the chart.
 */
function useTooltipOnDemand() {
  const [wanted, setWanted] = useState(false)
  const want = () => setWanted(true)
  return [wanted, wanted ? {} : { onPointerEnter: want, onTouchStart: want, onFocus: want }] as const
}

function Plot({ handlers, children }: { handlers: object; children: ReactNode }) {
  return (
    <div className="chart-plot" {...handlers}>
      {children}
    </div>
  )
}

/** Horizontal bars: annual plan vs cumulative actual per group (readable on a phone). */
export function PlanActualBars({ data, width, height }: { data: PlanActualDatum[]; width: number; height?: number }) {
  const [tooltip, handlers] = useTooltipOnDemand()
  const unit = scaleUnitFor(data.flatMap((d) => [d.planWan, d.cumulativeActualWan]))
  const rows = data.map((d) => ({ label: d.label, 年度计划: inUnit(d.planWan, unit), 累计完成: inUnit(d.cumulativeActualWan, unit) }))
  return (
    <>
      <Plot handlers={handlers}>
        <BarChart
          width={width}
          height={height ?? planActualBarsHeight(rows.length)}
          data={rows}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
          barGap={2}
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} stroke="#e5e9f0" />
          <XAxis type="number" tick={MONEY_TICK[unit]} interval={0} />
          <YAxis type="category" dataKey="label" width={112} tick={TICK} interval={0} />
          {tooltip && <Tooltip formatter={tooltipMoney(unit)} />}
          <Bar dataKey="年度计划" fill={COLORS.plan} isAnimationActive={false} />
          <Bar dataKey="累计完成" fill={COLORS.actual} isAnimationActive={false} />
        </BarChart>
      </Plot>
      <ChartLegend
        note={`单位：${UNIT_LABEL[unit]}`}
        items={[
          { label: '年度计划', color: COLORS.plan, shape: 'bar' },
          { label: '累计完成', color: COLORS.actual, shape: 'bar' },
        ]}
      />
    </>
  )
}

/** Horizontal bars per group: annual plan, the owners' forecast and the computed forecast of the year (decision 75). */
export function ForecastBars({ data, width }: { data: ForecastDatum[]; width: number }) {
  const [tooltip, handlers] = useTooltipOnDemand()
  const unit = scaleUnitFor(data.flatMap((d) => [d.planWan, d.ownerForecastWan, d.computedForecastWan]))
  const rows = data.map((d) => ({ label: d.label, 年度计划: inUnit(d.planWan, unit), 业主预计: inUnit(d.ownerForecastWan, unit), 测算预计: inUnit(d.computedForecastWan, unit) }))
  return (
    <>
      <Plot handlers={handlers}>
        <BarChart width={width} height={forecastBarsHeight(rows.length)} data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barGap={1} barCategoryGap="18%" accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#e5e9f0" />
          <XAxis type="number" tick={MONEY_TICK[unit]} />
          <YAxis type="category" dataKey="label" width={112} tick={TICK} interval={0} />
          {tooltip && <Tooltip formatter={tooltipMoney(unit)} />}
          <Bar dataKey="年度计划" fill={COLORS.plan} isAnimationActive={false} />
          <Bar dataKey="业主预计" fill={COLORS.ownerForecast} isAnimationActive={false} />
          <Bar dataKey="测算预计" fill={COLORS.computedForecast} isAnimationActive={false} />
        </BarChart>
      </Plot>
      <ChartLegend
        note={`单位：${UNIT_LABEL[unit]}`}
        items={[
          { label: '年度计划', color: COLORS.plan, shape: 'bar' },
          { label: '业主预计', color: COLORS.ownerForecast, shape: 'bar' },
          { label: '测算预计', color: COLORS.computedForecast, shape: 'bar' },
        ]}
      />
    </>
  )
}

/** Month labels that fit: every month where there is room, every other one on a narrow phone. */
const monthTickInterval = (plotWidth: number) => (plotWidth / 12 < 34 ? 1 : 0)

/**
 * Monthly bars (plan, actual; right axis, 当月) and cumulative lines (left axis, 累计): completion, the 序时
 * line the headline judges against (annual plan × M/12) and the projects' own monthly plans added up.
 * A month nobody reported is a gap in the line, not a flat stretch.
 */
export function MonthlyPlanActual({
  data,
  annualPlanWan,
  width,
  showMonthlyBars = true,
}: {
  data: MonthlyDatum[]
  annualPlanWan: number
  width: number
  showMonthlyBars?: boolean
}) {
  const [tooltip, handlers] = useTooltipOnDemand()
  const schedule = scheduleLine(annualPlanWan)
  const unit = scaleUnitFor(data.flatMap((d) => [d.cumulativePlanWan, d.cumulativeActualWan ?? 0, d.planWan, d.actualWan ?? 0]).concat(annualPlanWan))
  const rows = data.map((d, i) => ({
    label: `${d.month}月`,
    当月计划: inUnit(d.planWan, unit),
    当月完成: inUnit(d.actualWan, unit),
    序时进度: inUnit(schedule[i] ?? null, unit),
    分月计划累计: inUnit(d.cumulativePlanWan, unit),
    累计完成: inUnit(d.cumulativeActualWan, unit),
  }))
  const leftAxis = 64
  const rightAxis = showMonthlyBars ? 58 : 0
  const lines: LegendItem[] = [
    { label: '序时进度', color: COLORS.schedule, shape: 'line' },
    { label: '分月计划累计', color: COLORS.cumulativePlan, shape: 'dashed' },
    { label: '累计完成', color: COLORS.cumulativeActual, shape: 'dotted-line' },
  ]
  const bars: LegendItem[] = [
    { label: '当月计划（右轴）', color: COLORS.plan, shape: 'bar' },
    { label: '当月完成（右轴）', color: COLORS.actual, shape: 'bar' },
  ]
  return (
    <>
      <p className="chart-axes" aria-hidden="true">
        <span>累计（{UNIT_LABEL[unit]}）</span>
        {showMonthlyBars && <span>当月（{UNIT_LABEL[unit]}）</span>}
      </p>
      <Plot handlers={handlers}>
        <ComposedChart width={width} height={MONTHLY_PLOT_HEIGHT} data={rows} margin={{ top: 8, right: showMonthlyBars ? 4 : 12, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e9f0" />
          <XAxis dataKey="label" tick={TICK} interval={monthTickInterval(width - leftAxis - rightAxis)} />
          <YAxis yAxisId="cum" tick={TICK} width={leftAxis} interval={0} />
          {showMonthlyBars && <YAxis yAxisId="month" orientation="right" tick={TICK} width={rightAxis} interval={0} />}
          {tooltip && <Tooltip formatter={tooltipMoney(unit)} />}
          {showMonthlyBars && <Bar yAxisId="month" dataKey="当月计划" fill={COLORS.plan} isAnimationActive={false} />}
          {showMonthlyBars && <Bar yAxisId="month" dataKey="当月完成" fill={COLORS.actual} isAnimationActive={false} />}
          <Line yAxisId="cum" dataKey="序时进度" stroke={COLORS.schedule} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="cum" dataKey="分月计划累计" stroke={COLORS.cumulativePlan} strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="cum" dataKey="累计完成" stroke={COLORS.cumulativeActual} strokeWidth={2.5} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </Plot>
      <ChartLegend items={showMonthlyBars ? [...bars, ...lines] : lines} />
    </>
  )
}
