import { createContext, isValidElement, useContext, useEffect, useRef, useState, type ComponentProps, type CSSProperties, type ReactNode } from 'react'
import { shortHash } from '@/lib/hash'
import { useNearViewport } from '@/lib/near-viewport'
import type * as Charts from './charts'
import { CHART_CODE_MARGIN, loadCharts, prefetchCharts } from './load-charts'

export { monthlyChartSummary, MONTHLY_PLOT_HEIGHT, planActualBarsHeight, scheduleLine, type MonthlyDatum, type PlanActualDatum } from './chart-data'
export { forecastBarsHeight, type ForecastDatum } from './chart-data'

/**
 * The Recharts module once it has loaded. A chart is given its turn only after that, so it renders at once:
 * no React.lazy, whose Suspense boundary holds a revealed chart back for up to 300 ms (React batches reveals).
 */
let charts: typeof Charts | null = null

/** Load the chart module before drawing (the server, which draws charts into a page's HTML). */
export async function loadChartsNow() {
  charts ??= await loadCharts()
}

/**
 * Charts drawn by the server into a page's HTML (server/first-paint/): the width to draw at (the
 * server cannot measure the reader's screen; it knows the layout's width on a phone and on a wide
 * screen), how to draw a chart to markup, and a record of what it drew for the browser.
 */
export type ServerCharts = { width: number; draw: (chart: ReactNode) => string; drawn: Record<string, DrawnChart> }
/** A chart the server drew: the width it drew at, and a fingerprint of the figures it drew from. */
export type DrawnChart = { width: number; from: string }

/**
 * What a chart is drawn from, as text: its props (charts are drawn from their figures alone, no function
 * props). Not its type's name, which the browser's minified code does not keep. Null for anything else.
 */
export function chartSource(chart: ReactNode): string | null {
  return isValidElement(chart) && typeof chart.type === 'function' ? JSON.stringify(chart.props) : null
}
/** A short fingerprint of a chart's source: the browser tells whether the figures changed since. */
export const chartFingerprint = (chart: ReactNode) => shortHash(chartSource(chart) ?? '')
const ServerChartsContext = createContext<ServerCharts | null>(null)
export const ServerChartsProvider = ServerChartsContext.Provider

/**
 * In the browser: the charts of the server-drawn page being adopted, by summary, with the width each was
 * drawn at. A chart takes its entry when it is adopted. One not adopted (its part of the page was left before
 * React reached it) stays: a later figure of that summary shows it only while it has the same figures at the
 * same width, which is the same picture.
 */
const drawnByServer = new Map<string, DrawnChart & { markup: string }>()
/**
 * `markups`: each drawing as it is in the page, by summary. React adopts the markup as it is, but should it
 * ever draw the figure afresh (a mismatch elsewhere on the page), the drawing is drawn again from this.
 */
export function expectServerCharts(drawn: Record<string, DrawnChart>, markups: Record<string, string>) {
  for (const [summary, chart] of Object.entries(drawn)) {
    const markup = markups[summary]
    if (markup) drawnByServer.set(summary, { ...chart, markup })
  }
}

/**
 * The server's drawing of a chart, shown until the browser draws its own (the same Recharts output, so
 * the swap does not show). On a screen of another width it is scaled to fit the figure until then.
 * In the browser React adopts it as it is: its markup is the server's, not compared or rewritten.
 */
function ServerDrawing({ markup, width, plotHeight }: { markup: string; width: number; plotHeight: number }) {
  return (
    <div
      className="chart-server-drawn"
      style={{ '--plot-aspect': `${width} / ${plotHeight}` } as CSSProperties}
      dangerouslySetInnerHTML={{ __html: markup }}
      suppressHydrationWarning
    />
  )
}

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
  const server = useContext(ServerChartsContext)
  // A chart the server drew into the page (decision 57) stays as drawn while it shows the figures the page
  // has, at this width, and the reader has not reached for it (its tooltip is the browser's own chart).
  const [drawn] = useState(() => (server ? { width: server.width, from: '', markup: '' } : drawnByServer.get(summary)))
  const [reached, setReached] = useState(false)
  useEffect(() => {
    drawnByServer.delete(summary)
  }, [summary])
  const [nearRef, near] = useNearViewport<HTMLDivElement>('0px')
  const [soonRef, soon] = useNearViewport<HTMLDivElement>(CHART_CODE_MARGIN)
  const [widthRef, width] = useContentWidth<HTMLDivElement>()
  const drawnFiguresCurrent = drawn !== undefined && (server !== null || chartFingerprint(children(drawn.width)) === drawn.from)
  const drawingServes = drawnFiguresCurrent && !reached && (width === 0 || Math.abs(width - drawn.width) <= 1)
  const turn = useChartTurn(near && width > 0 && !drawingServes)
  useEffect(() => {
    if (soon && !drawingServes) prefetchCharts()
  }, [soon, drawingServes])
  const reach = drawingServes ? () => setReached(true) : undefined
  // A pointer already on the chart when the app took the page over (decision 58) has reached for it.
  useEffect(() => {
    if (nearRef.current?.matches(':hover')) setReached(true)
  }, [nearRef])
  return (
    <figure className="chart" role="img" aria-label={summary}>
      <div
        ref={(element) => {
          nearRef.current = element
          soonRef.current = element
          widthRef.current = element
        }}
        style={{ minHeight: height }}
        onPointerEnter={reach}
        onTouchStart={reach}
      >
        {turn === 'drawing' && charts ? (
          <>
            {children(width)}
            <Drawn />
          </>
        ) : drawnFiguresCurrent ? (
          <ServerDrawing markup={server ? drawOnServer(server, summary, children) : drawn.markup} width={drawn.width} plotHeight={plotHeight} />
        ) : (
          <ChartPlaceholder height={height} failed={turn === 'failed'} />
        )}
      </div>
    </figure>
  )
}

function drawOnServer(server: ServerCharts, summary: string, children: (width: number) => ReactNode) {
  const chart = children(server.width)
  server.drawn[summary] = { width: server.width, from: chartFingerprint(chart) }
  return server.draw(chart)
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
export function ForecastBars(props: ComponentProps<typeof Charts.ForecastBars>) {
  const Chart = charts!.ForecastBars
  return <Chart {...props} />
}
