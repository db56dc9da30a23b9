import { lazy, Suspense, useEffect, useRef, useState, type ComponentProps, type ReactNode } from 'react'
import { useNearViewport } from '@/lib/near-viewport'

import { loadCharts as charts } from './load-charts'

const LazyPlanActualBars = lazy(() => charts().then((m) => ({ default: m.PlanActualBars })))
const LazyMonthlyPlanActual = lazy(() => charts().then((m) => ({ default: m.MonthlyPlanActual })))

export { monthlyChartSummary, MONTHLY_PLOT_HEIGHT, planActualBarsHeight, scheduleLine, type MonthlyDatum, type PlanActualDatum } from './chart-data'

function ChartFallback({ height }: { height: number }) {
  return <div className="chart-fallback" style={{ height }} aria-hidden="true" />
}
/** Room for the HTML around the plot: the axis units above it, the legend below it (two lines on a phone). */
const AROUND_PLOT_PX = 64

/**
 * Charts are drawn one at a time, each in a task of its own: drawing one costs a phone a few hundred
 * milliseconds, and two in one task would keep the page from answering a tap for twice as long.
 */
const waiting: Array<() => void> = []
let drawing: (() => void) | null = null
function drawNext() {
  drawing = waiting.shift() ?? null
  drawing?.()
}
function useChartTurn(ready: boolean) {
  const [turn, setTurn] = useState(false)
  useEffect(() => {
    if (!ready || turn) return
    const grant = () => setTurn(true)
    waiting.push(grant)
    if (drawing === null) drawNext()
    return () => {
      const index = waiting.indexOf(grant)
      if (index >= 0) waiting.splice(index, 1)
      if (drawing === grant) setTimeout(drawNext)
    }
  }, [ready, turn])
  return turn
}
/** Rendered beside the chart inside its Suspense boundary: its effect runs once the chart is on the page. */
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
 * It is drawn when it comes onto the screen (a phone's first screen has no chart), at its measured width,
 * when no other chart is being drawn. Until then a placeholder of the same height keeps the page still.
 */
export function ChartFigure({ summary, plotHeight, children }: { summary: string; plotHeight: number; children: (width: number) => ReactNode }) {
  const height = plotHeight + AROUND_PLOT_PX
  const [nearRef, near] = useNearViewport<HTMLDivElement>('0px')
  const [widthRef, width] = useContentWidth<HTMLDivElement>()
  const turn = useChartTurn(near && width > 0)
  return (
    <figure className="chart" role="img" aria-label={summary}>
      <div
        ref={(element) => {
          nearRef.current = element
          widthRef.current = element
        }}
        style={{ minHeight: height }}
      >
        {turn ? (
          <Suspense fallback={<ChartFallback height={height} />}>
            {children(width)}
            <Drawn />
          </Suspense>
        ) : (
          <ChartFallback height={height} />
        )}
      </div>
    </figure>
  )
}

export function PlanActualBars(props: ComponentProps<typeof LazyPlanActualBars>) {
  return <LazyPlanActualBars {...props} />
}
export function MonthlyPlanActual(props: ComponentProps<typeof LazyMonthlyPlanActual>) {
  return <LazyMonthlyPlanActual {...props} />
}
