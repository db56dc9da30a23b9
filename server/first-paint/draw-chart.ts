import { parseHTML } from 'linkedom'
import { isValidElement, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { chartSource } from '@/components/charts/lazy-charts'

/**
 * A chart drawn to markup on the server, exactly as the browser's Recharts would draw it (decision 57).
 * Recharts 3 draws nothing in React's server renderer: a chart's parts register with it in effects, which
 * a server render never runs (recharts#5997). So the chart is rendered by React's DOM renderer into a small
 * DOM of its own (linkedom), synchronously, and read back as HTML. Recharts and React DOM look for a
 * global `window`; it points at that DOM only while the chart is drawn, and nothing else runs meanwhile
 * (the drawing is synchronous), so no other code ever sees it.
 */
let drawings = 0

/**
 * Drawings by what they were drawn from: a chart changes only when its figures do (an approved report, an
 * edit), and drawing one takes 15–30 ms, most of a page's time on the server.
 */
const DRAWINGS_KEPT = 200
const drawn = new Map<string, string>()

const chartName = (chart: ReactNode) => (isValidElement(chart) && typeof chart.type === 'function' ? chart.type.name : '')

export function drawChart(chart: ReactNode): string {
  const source = chartSource(chart)
  const key = source === null ? null : `${chartName(chart)} ${source}`
  const kept = key === null ? undefined : drawn.get(key)
  if (kept !== undefined) return kept
  const markup = drawAnew(chart)
  if (key !== null) {
    if (drawn.size >= DRAWINGS_KEPT) drawn.delete(drawn.keys().next().value as string)
    drawn.set(key, markup)
  }
  return markup
}

/**
 * The global `window` Recharts and React DOM look for, lent while a chart is drawn. React's development
 * build (the tests') also reads `window.event` in work it schedules after a commit, so there the window is
 * returned once that work has run; the production build (the server's) schedules no such read, and the
 * window is returned before any other code runs.
 */
const global = globalThis as { window?: unknown }
let windowsLent = 0
function lendWindow(window: unknown) {
  windowsLent++
  global.window = window
}
function returnWindow() {
  const done = () => {
    if (--windowsLent === 0) delete global.window
  }
  if (process.env.NODE_ENV === 'production') done()
  else setImmediate(() => setImmediate(done))
}

function drawAnew(chart: ReactNode): string {
  const { window, document } = parseHTML('<!doctype html><html><body><div></div></body></html>')
  // No layout here: Recharts asks for a style only to measure text, and our charts' labels are not measured.
  // A discrete event in progress makes every update React schedules synchronous (SyncLane), so all of the
  // chart's rounds (its parts registering, then drawing) finish inside the flushSync calls below.
  Object.assign(window, { getComputedStyle: () => ({ getPropertyValue: () => '' }), event: { type: 'click' } })
  const container = document.querySelector('div')
  if (!container) throw new Error('linkedom made no container')
  // React reports an error in a render to these, not to the caller: a chart that failed is not a drawing.
  let failure: unknown = null
  const failed = (error: unknown) => (failure ??= error)
  lendWindow(window)
  let root: ReturnType<typeof createRoot> | null = null
  try {
    root = createRoot(container as unknown as Element, { onUncaughtError: failed, onCaughtError: failed })
    const drawing = root
    flushSync(() => drawing.render(chart))
    // Updates scheduled by the chart's effects wait for a microtask; flushSync runs them now, until none is left.
    for (let markup = container.innerHTML, round = 0; ; round++) {
      flushSync(() => undefined)
      const next = container.innerHTML
      if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure))
      if (next === markup) {
        if (!next.includes('recharts-surface')) throw new Error('the chart drew no picture')
        return distinctIds(next, `server-chart-${++drawings}-`)
      }
      if (round > 10) throw new Error('the chart did not settle')
      markup = next
    }
  } finally {
    const drawing = root
    if (drawing) flushSync(() => drawing.unmount())
    returnWindow()
  }
}
/**
 * Recharts numbers its clip paths from 1 in every renderer, so the browser's own first chart would get the
 * ids of the server's drawing beside it: each drawing's ids and the references to them get a prefix.
 */
function distinctIds(markup: string, prefix: string) {
  return markup.replace(/(\sid=")([^"]+")/g, `$1${prefix}$2`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`).replace(/(href=")#([^"]+")/g, `$1#${prefix}$2`)
}
