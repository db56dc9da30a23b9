import { hydrate, type QueryClient } from '@tanstack/react-query'
import { expectServerCharts } from '@/components/charts/lazy-charts'
import { createHydratingRouter } from '../router'
import { SERVER_RENDER_ID, type ServerRender } from './state'

/**
 * The first paint's one entry in the browser (decisions 57, 58, 62): a page the server drew
 * (server/first-paint/) is adopted from the state it was drawn from. The rest of it: ./state.ts (the state's
 * format, shared with the server), ./announce-started.tsx (rendered by the layout: says when React has the
 * page) and public/after-first-paint.js (starts this code at the reader's first reach, holds and replays
 * presses made before).
 */

/** The state of the page the server drew, or null for a page the browser draws itself. */
function readServerRender(): ServerRender | null {
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
async function adoptServerRender(queryClient: QueryClient, state: ServerRender) {
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

/** The router for a page the server drew, with the query cache and its charts where the server left them; null for a page the browser draws itself. */
export async function adoptDrawnPage(queryClient: QueryClient) {
  const served = readServerRender()
  return served ? adoptServerRender(queryClient, served) : null
}
