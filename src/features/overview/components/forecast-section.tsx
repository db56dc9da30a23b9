import { useQuery } from '@tanstack/react-query'
import type { Forecast, ForecastFigures } from '@/contract'
import { ChartFigure, ForecastBars, forecastBarsHeight } from '@/components/charts/lazy-charts'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { SimulatedBadge } from '@/components/status-badge'
import { TableScroll } from '@/components/table-scroll'
import { money, moneyUnitFor, monthRange, yiNumber } from '@/lib/format'
import { forecastQueries } from '../api/forecast'

/** The height the section takes before its figures come (a client-side visit), so the page below it does not move. */
const RESERVED_PX = forecastBarsHeight(8) + 420

/**
 * Will the year land (issue 27, decision 75): the annual plan, the owners' forecast and the computed one, for the
 * district in a sentence and for each zone in one chart with its table (the table is the chart's text).
 */
export function ForecastSection({ asOf }: { asOf: string | undefined }) {
  const query = useQuery(forecastQueries.detail(asOf))
  return (
    <div style={query.data ? undefined : { minHeight: RESERVED_PX }}>
      <QueryBoundary query={query} loadingLabel="正在加载全年预计…">
        {(forecast) => <ForecastContent forecast={forecast} />}
      </QueryBoundary>
    </div>
  )
}

/** Shortfall of a forecast against the plan (positive: short), in 亿元 text with its sign in words. */
function shortfallText(planWan: number, forecastWan: number) {
  const short = planWan - forecastWan
  if (short <= 0) return `可完成（超${yiNumber(-short)}）`
  return `缺口${yiNumber(short)}`
}

function catchUpText(figures: ForecastFigures) {
  if (!figures.catchUp) return '—'
  const { neededPerMonthWan, recentMonthlyAverageWan, ratio } = figures.catchUp
  return `${yiNumber(neededPerMonthWan)} / ${yiNumber(recentMonthlyAverageWan)}${ratio === null ? '' : `（${ratio.toFixed(2)}倍）`}`
}

function ForecastContent({ forecast }: { forecast: Forecast }) {
  const unit = moneyUnitFor(forecast.planWan, forecast.ownerForecastWan, forecast.computedForecastWan)
  const period = monthRange(forecast.asOfMonth)
  const zones = forecast.byZone.filter((z) => z.projectCount > 0)
  const short = forecast.planWan - forecast.computedForecastWan
  // The figures are in the table below it (the chart's text alternative); the name says what it compares.
  const summary = `各片区年度计划、业主预计与测算预计全年完成投资对比柱状图，数据见下方“各片区全年预计”表格`
  return (
    <Section
      title="全年能否完成"
      note={
        <>
          测算预计按各项目自身进度与全区月度规律推算，方法见帮助页
          {forecast.provenance.simulated && <SimulatedBadge title="月度完成投资为模拟数据，预计随之为模拟值" />}
        </>
      }
    >
      <p className="forecast-headline">
        截至{period}完成<strong className="num">{money(forecast.actualWan, unit)}</strong>；按目前进度测算全年完成
        <strong className="num">{money(forecast.computedForecastWan, unit)}</strong>，
        {short > 0 ? (
          <strong className="neg">比年度计划少{money(short, unit)}</strong>
        ) : (
          <strong className="pos">可完成年度计划{money(forecast.planWan, unit)}</strong>
        )}
        ；业主预计全年完成<strong className="num">{money(forecast.ownerForecastWan, unit)}</strong>。
        {forecast.catchUp && (
          <>
            要完成年度计划，此后每月需完成{money(forecast.catchUp.neededPerMonthWan, unit)}，近三个月月均完成
            {money(forecast.catchUp.recentMonthlyAverageWan, unit)}。
          </>
        )}
      </p>
      <p className="cell-sub">
        {forecast.withoutOwnerForecastCount > 0 &&
          `${forecast.withoutOwnerForecastCount}个项目未填报全年预计，业主预计中按其年度计划计（已完工的按实际完成计）。`}
        {forecast.optimisticCount > 0 &&
          `${forecast.optimisticCount}个项目预计偏乐观（业主预计高出测算${forecast.settings.optimismMarginPercent}%以上）。`}
      </p>
      {/* One small chart beside its table on a wide screen; one above the other on a phone. */}
      <div className="forecast-body">
        <ChartFigure summary={summary} plotHeight={forecastBarsHeight(zones.length)}>
          {(width) => (
            <ForecastBars
              data={zones.map((z) => ({
                label: z.name,
                planWan: z.planWan,
                ownerForecastWan: z.ownerForecastWan,
                computedForecastWan: z.computedForecastWan,
              }))}
              width={width}
            />
          )}
        </ChartFigure>
        <TableScroll label="各片区全年预计（可横向滚动）">
          <table className="table table-compact">
            <caption>各片区全年预计（亿元）</caption>
            <thead>
              <tr>
                <th scope="col">片区</th>
                <th scope="col" className="num">
                  年度计划
                </th>
                <th scope="col" className="num">
                  {period}完成
                </th>
                <th scope="col" className="num">
                  业主预计
                </th>
                <th scope="col" className="num">
                  测算预计
                </th>
                <th scope="col">测算与计划相比</th>
                <th scope="col" className="num">
                  每月需完成 / 近三月月均
                </th>
              </tr>
            </thead>
            <tbody>
              {zones.map((z) => (
                <tr key={z.zoneId}>
                  <th scope="row">{z.name}</th>
                  <td className="num">{yiNumber(z.planWan)}</td>
                  <td className="num">{yiNumber(z.actualWan)}</td>
                  <td className="num">{yiNumber(z.ownerForecastWan)}</td>
                  <td className="num">{yiNumber(z.computedForecastWan)}</td>
                  <td className={z.planWan > z.computedForecastWan ? 'neg' : 'pos'}>
                    {shortfallText(z.planWan, z.computedForecastWan)}
                  </td>
                  <td className="num">{catchUpText(z)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">全区</th>
                <td className="num">{yiNumber(forecast.planWan)}</td>
                <td className="num">{yiNumber(forecast.actualWan)}</td>
                <td className="num">{yiNumber(forecast.ownerForecastWan)}</td>
                <td className="num">{yiNumber(forecast.computedForecastWan)}</td>
                <td className={forecast.planWan > forecast.computedForecastWan ? 'neg' : 'pos'}>
                  {shortfallText(forecast.planWan, forecast.computedForecastWan)}
                </td>
                <td className="num">{catchUpText(forecast)}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </div>
    </Section>
  )
}
