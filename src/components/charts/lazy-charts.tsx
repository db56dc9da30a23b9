import { useEffect, useRef, useState, type ComponentProps, type ReactNode } from 'react'
import { useNearViewport } from '@/lib/near-viewport'
import type * as Charts from './charts'
import { CHART_CODE_MARGIN, loadCharts, prefetchCharts } from './load-charts'

export { monthlyChartSummary, MONTHLY_PLOT_HEIGHT, planActualBarsHeight, scheduleLine, type MonthlyDatum, type PlanActualDatum } from './chart-data'

/**
 * The Recharts module once it has loaded. A chart is given its turn only after that, so it renders at once:
 * no React.lazy, whose Suspense boundary holds a revealed chart back for up to 300 ms (React batches reveals).
 */
let charts: typeof Charts | null = null

function ChartPlaceholder({ height, failed }: { height: number; failed?: boolean }) {
  return failed ? (
    <p className="chart-fallback chart-failed" style={{ height }}>
      图表未能加载，数据见本页表格；刷新可重试。
    </p>
  ) : (
    <div className="chart-fallback" style={{ height }} aria-hidden="true" />
  )
}
/** Room for the HTML around the plot: the axis units above it, the legend below it (two lines on a phone). */
const AROUND_PLOT_PX = 64

/**
 * Charts are drawn one at a time, each in a task of its own: drawing one costs a phone a few hundred
 * milliseconds, and two in one task would keep the page from answering a tap for twice as long.
 */
type Turn = 'waiting' | 'drawing' | 'failed'
const waiting: Array<(turn: Turn) => void> = []
let drawing: ((turn: Turn) => void) | null = null
function drawNext() {
  const next = waiting.shift() ?? null
  drawing = next
  if (!next) return
  if (charts) return next('drawing')
  loadCharts().then(
    (module) => {
      charts = module
      if (drawing === next) next('drawing')
    },
    () => {
      if (drawing !== next) return
      next('failed')
      setTimeout(drawNext)
    },
  )
}
function useChartTurn(ready: boolean): Turn {
  const [turn, setTurn] = useState<Turn>('waiting')
  const granted = useRef<((turn: Turn) => void) | null>(null)
  useEffect(() => {
    if (!ready || turn !== 'waiting') return
    const grant = (next: Turn) => setTurn(next)
    granted.current = grant
    waiting.push(grant)
    if (drawing === null) drawNext()
    // Off screen again before its turn: out of the queue. (Once drawing, the chart hands the turn on itself.)
    return () => {
      const index = waiting.indexOf(grant)
      if (index >= 0) waiting.splice(index, 1)
    }
  }, [ready, turn])
  // A chart that leaves the page while it has the turn hands it on.
  useEffect(
    () => () => {
      if (granted.current !== null && drawing === granted.current) setTimeout(drawNext)
    },
    [],
  )
  return turn
}
/** Rendered after the chart: its effect runs once the chart is on the page, and hands the turn on. */
function Drawn() {
  useEffect(() => {
    setTimeout(drawNext)
  }, [])
  return null
}

/**
 * The figure's content width, from a ResizeObserver: its first report comes with the next frame's layout,
 * so nothing forces a layout of the page (reading clientWidth at mount cost a slowed phone 200 ms).
 */
function useContentWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const element = ref.current
    if (!element || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.round(entry?.contentRect.width ?? 0)
      setWidth((current) => (Math.abs(current - next) >= 1 ? next : current))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return [ref, width] as const
}

/**
 * A chart is a picture of the table beside it: the figure carries a text summary for screen readers.
 * Its code is asked for when it comes within a screen of view, and it is drawn when it comes onto the screen
 * (a phone's first screen has no chart), at its measured width, when no other chart is being drawn. Until
 * then a placeholder of the same height keeps the page still.
 */
export function ChartFigure({ summary, plotHeight, children }: { summary: string; plotHeight: number; children: (width: number) => ReactNode }) {
  const height = plotHeight + AROUND_PLOT_PX
  const [nearRef, near] = useNearViewport<HTMLDivElement>('0px')
  const [soonRef, soon] = useNearViewport<HTMLDivElement>(CHART_CODE_MARGIN)
  const [widthRef, width] = useContentWidth<HTMLDivElement>()
  const turn = useChartTurn(near && width > 0)
  useEffect(() => {
    if (soon) prefetchCharts()
  }, [soon])
  return (
    <figure className="chart" role="img" aria-label={summary}>
      <div
        ref={(element) => {
          nearRef.current = element
          soonRef.current = element
          widthRef.current = element
        }}
        style={{ minHeight: height }}
      >
        {turn === 'drawing' && charts ? (
          <>
            {children(width)}
            <Drawn />
          </>
        ) : (
          <ChartPlaceholder height={height} failed={turn === 'failed'} />
        )}
      </div>
    </figure>
  )
}

/** Only rendered by ChartFigure once the module is there. */
export function PlanActualBars(props: ComponentProps<typeof Charts.PlanActualBars>) {
  const Chart = charts!.PlanActualBars
  return <Chart {...props} />
}
export function MonthlyPlanActual(props: ComponentProps<typeof Charts.MonthlyPlanActual>) {
  const Chart = charts!.MonthlyPlanActual
  return <Chart {...props} />
}
