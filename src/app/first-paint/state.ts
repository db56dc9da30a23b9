import type { DehydratedState } from '@tanstack/react-query'
import type { HydrationState } from 'react-router'
import type { DrawnChart } from '@/components/charts/lazy-charts'

/**
 * A page the server drew into its HTML (server/first-paint/render-page.tsx) carries what it drew from, in a JSON block
 * beside the root: the answers its queries got, the router's state and the width of each chart it drew.
 * The browser starts from the same state, so React adopts the drawn page (hydration) instead of drawing it
 * again, and the page asks for none of those answers a second time. This file is the format both sides
 * share; the browser adopts the page through ./index.ts.
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
