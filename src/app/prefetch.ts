import type { QueryClient } from '@tanstack/react-query'
import type { LoaderFunctionArgs } from 'react-router'
import { chartsOnFirstScreen, prefetchCharts } from '@/components/charts/load-charts'
import { authQueries } from '@/features/auth/api/auth'
import { calendarQuery, validAsOf } from '@/lib/as-of'
import type { RouteHandle } from './route-access'

/**
 * What a page needs, asked for as soon as its URL is known: the session, the calendar, the page's data
 * and the chart code load beside the page's own code, not one after the other (entry → page → session
 * → request → chart code took a 4×-slowed phone 1.5 s). The pages still ask for the same queries
 * themselves; this only starts them early, and never waits for them.
 */
export type Prefetch = (queryClient: QueryClient, args: LoaderFunctionArgs, asOf: string | undefined) => void

/** The page's own prefetch lives in its route module (so its queries stay out of the entry chunk). */
type PageModule = { prefetch?: Prefetch }

export const prefetchSession = (client: QueryClient) => void client.prefetchQuery(authQueries.me())
export const prefetchCalendar = (client: QueryClient) => void client.prefetchQuery(calendarQuery)

/**
 * A route loader that starts the prefetch and returns at once. It runs when the route is entered, not
 * again while it stays (the page's queries refetch on their own).
 */
export function prefetching(client: QueryClient | undefined, start: (client: QueryClient, args: LoaderFunctionArgs) => void) {
  if (!client) return {}
  return {
    loader: (args: LoaderFunctionArgs) => {
      start(client, args)
      return null
    },
    shouldRevalidate: () => false,
  }
}

/** A data page's route: its code loaded lazily, and whatever it prefetches (the charts' code too, for a page with charts) started with that load. */
export function prefetchingPage<M extends PageModule>(client: QueryClient | undefined, load: () => Promise<M>, handle: RouteHandle) {
  return {
    lazy: load,
    handle,
    ...prefetching(client, (queryClient, args) => {
      prefetchCalendar(queryClient)
      if (handle.charts && chartsOnFirstScreen()) prefetchCharts()
      void load().then((page) => page.prefetch?.(queryClient, args, validAsOf(new URL(args.request.url).searchParams.get('asOf'))))
    }),
  }
}
