import { lazy, Suspense, type ComponentProps } from 'react'

const charts = () => import('./charts')
const LazyPlanActualBars = lazy(() => charts().then((m) => ({ default: m.PlanActualBars })))
const LazyMonthlyPlanActual = lazy(() => charts().then((m) => ({ default: m.MonthlyPlanActual })))

export { monthlyChartSummary, scheduleLine, type MonthlyDatum, type PlanActualDatum } from './chart-data'

function ChartFallback() {
  return <div className="chart-fallback" aria-hidden="true" />
}

/** A chart is a picture of the table beside it: the figure carries a text summary for screen readers. */
export function ChartFigure({ summary, children }: { summary: string; children: React.ReactNode }) {
  return (
    <figure className="chart" role="img" aria-label={summary}>
      <Suspense fallback={<ChartFallback />}>{children}</Suspense>
    </figure>
  )
}

export function PlanActualBars(props: ComponentProps<typeof LazyPlanActualBars>) {
  return <LazyPlanActualBars {...props} />
}
export function MonthlyPlanActual(props: ComponentProps<typeof LazyMonthlyPlanActual>) {
  return <LazyMonthlyPlanActual {...props} />
}
