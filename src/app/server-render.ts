import { hydrate, type DehydratedState, type QueryClient } from '@tanstack/react-query'
import type { HydrationState } from 'react-router'
import { expectServerCharts, type DrawnChart } from '@/components/charts/lazy-charts'
import { createHydratingRouter } from './router'

/**
 * A page the server drew into its HTML (server/render-page.tsx) carries what it drew from, in a JSON block
 * beside the root: the answers its queries got, the router's state and the width of each chart it drew.
 * The browser starts from the same state, so React adopts the drawn page (hydration) instead of drawing it
 * again, and the page asks for none of those answers a second time.
 */
export type ServerRender = {
  queries: DehydratedState
  router: HydrationState
  /** Each chart the server drew, by its summary: the width it was drawn at and what from. */
  charts: Record<string, DrawnChart>
}

export const SERVER_RENDER_ID = 'server-render'

/** The block's text: JSON that cannot end the <script> element it sits in. */
export const serverRenderJson = (state: ServerRender) => JSON.stringify(state).replace(/</g, '\\u003c')

/** The state of the page the server drew, or null for a page the browser draws itself. */
export function readServerRender(): ServerRender | null {
  const text = document.getElementById(SERVER_RENDER_ID)?.textContent
  if (!text || !document.getElementById('root')?.firstElementChild) return null
  try {
    return JSON.parse(text) as ServerRender
  } catch {
    return null
  }
}

/**
 * The query cache, the router and the charts start where the server's render ended. A drawing is kept until
 * its figure is adopted, also past a navigation: a part of the page React adopts only after the reader has
 * moved on (decision 58: a month chosen before the app ran) is adopted as it was drawn, and only then shown
 * with the new month's figures.
 */
export async function adoptServerRender(queryClient: QueryClient, state: ServerRender) {
  hydrate(queryClient, state.queries)
  const markups: Record<string, string> = {}
  for (const figure of document.querySelectorAll('figure.chart')) {
    const drawing = figure.querySelector('.chart-server-drawn')
    const summary = figure.getAttribute('aria-label')
    if (drawing && summary) markups[summary] = drawing.innerHTML
  }
  expectServerCharts(state.charts, markups)
  return createHydratingRouter(queryClient, state.router)
}
