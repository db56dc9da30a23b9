import { render } from '@testing-library/react'
import { ChartFigure, chartFingerprint, expectServerCharts, MonthlyPlanActual, type MonthlyDatum } from '@/components/charts/lazy-charts'

/**
 * A chart the server drew into the page (decision 57): the browser keeps the server's drawing while it
 * shows the page's figures, and never takes a drawing of other figures, or of another page, for its own.
 */
const SUMMARY = '全区逐月计划与完成投资图'
const DRAWING = '<div class="recharts-wrapper"><svg class="recharts-surface" width="634" height="300"></svg></div>'
const month = (m: number, actualWan: number): MonthlyDatum => ({ month: m, planWan: 100, actualWan, cumulativePlanWan: 100 * m, cumulativeActualWan: actualWan * m })
const figures = [month(1, 90), month(2, 95)]
const chart = (data: MonthlyDatum[]) => (width: number) => <MonthlyPlanActual data={data} annualPlanWan={1200} width={width} />

function renderFigure(data: MonthlyDatum[]) {
  return render(
    <ChartFigure summary={SUMMARY} plotHeight={300}>
      {chart(data)}
    </ChartFigure>,
  )
}

describe('a chart the server drew', () => {
  it('stays as drawn while the page shows the figures it was drawn from, even if React draws the figure afresh', () => {
    expectServerCharts({ [SUMMARY]: { width: 634, from: chartFingerprint(chart(figures)(634)) } }, { [SUMMARY]: DRAWING })
    const { container } = renderFigure(figures)
    expect(container.querySelector('.chart-server-drawn svg.recharts-surface')).not.toBeNull()
    expect(container.querySelector('.chart-fallback')).toBeNull()
  })

  it('is not taken for drawn when the page has no drawing of it', () => {
    expectServerCharts({ [SUMMARY]: { width: 634, from: chartFingerprint(chart(figures)(634)) } }, {})
    const { container } = renderFigure(figures)
    expect(container.querySelector('.chart-server-drawn')).toBeNull()
  })

  it('is not shown once the figures differ: the browser draws the chart itself', () => {
    expectServerCharts({ [SUMMARY]: { width: 634, from: chartFingerprint(chart(figures)(634)) } }, { [SUMMARY]: DRAWING })
    const { container } = renderFigure([month(1, 90), month(2, 96)])
    expect(container.querySelector('.chart-server-drawn')).toBeNull()
    expect(container.querySelector('.chart-fallback')).not.toBeNull()
  })

  it('belongs to the page it was drawn for: a chart drawn later is the browser’s', () => {
    expectServerCharts({ [SUMMARY]: { width: 634, from: chartFingerprint(chart(figures)(634)) } }, { [SUMMARY]: DRAWING })
    renderFigure(figures).unmount()
    const { container } = renderFigure(figures)
    expect(container.querySelector('.chart-server-drawn')).toBeNull()
    expect(container.querySelector('.chart-fallback')).not.toBeNull()
  })
})
