import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { Link } from 'react-router'
import type { Summary } from '@/contract'
import { ChartFigure, MonthlyPlanActual, PlanActualBars, monthlyChartSummary, scheduleLine, planActualBarsHeight, MONTHLY_PLOT_HEIGHT } from '@/components/charts/lazy-charts'
import { KpiCard } from '@/components/kpi-card'
import { Section } from '@/components/page-header'
import { EmptyState, QueryBoundary } from '@/components/query-state'
import { useCan } from '@/lib/session'
import { SimulatedBadge, SourcedBadge } from '@/components/status-badge'
import { paths } from '@/config/paths'
import { useAsOfSearch } from '@/lib/as-of'
import { count, gapText, money, moneyUnitFor, monthRange, percent, signedPoints, yiNumber, zhDate } from '@/lib/format'
import { EscalationMark, LagStreak } from '@/components/escalation-mark'
import { summaryQueries } from '../api/summary'
import { TableScroll } from '@/components/table-scroll'
import { SimulatedNotice } from '@/components/simulated-notice'
import { asReported, isReportedProjectCount } from '@/domain/plan-report'
import { severityOfGap } from '@/domain/rules'
import { KPI_TONE, TEXT_CLASS } from '@/components/tone'
import { ForecastSection } from './forecast-section'

/** The overview's tables: their own chunk (decision 44), drawn with the page (decision 84). */
const detailsCode = () => import('./overview-details')
/** Started with the route's own load, so a visit in the app draws the tables with the figures, not after them. */
export const preloadOverviewDetails = () => void detailsCode()
const OverviewRanking = lazy(() => detailsCode().then((m) => ({ default: m.OverviewRanking })))
const OverviewCategories = lazy(() => detailsCode().then((m) => ({ default: m.OverviewCategories })))

export function OverviewDashboard({ asOf }: { asOf: string | undefined }) {
  const query = useQuery(summaryQueries.detail(asOf))
  return (
    <QueryBoundary query={query} loadingLabel="正在加载总览…">
      {(summary) => (summary.projectCount === 0 ? <NoProjectsYet planYear={summary.planYear} /> : <OverviewContent summary={summary} asOf={asOf} />)}
    </QueryBoundary>
  )
}

/** A new deployment (SEED_DATA=empty) before the ledger is in: what to do, and who does it. */
function NoProjectsYet({ planYear }: { planYear: number }) {
  const canImport = useCan('project:edit')
  return (
    <EmptyState>
      <strong>尚无{planYear}年重点项目。</strong>
      {canImport ? (
        <span>
          请先<Link to={paths.importLedger.getHref()}>导入项目台账</Link>：下载导入模板，按模板填好项目清单后上传，检查无误即可一次性导入；也可在项目库中逐个新增项目。
        </span>
      ) : (
        <span>项目清单由发改委工作人员导入后，这里将显示各片区和项目的进度。</span>
      )}
    </EmptyState>
  )
}

function OverviewContent({ summary, asOf }: { summary: Summary; asOf: string | undefined }) {
  const m = summary.asOfMonth
  const period = monthRange(m)
  const search = useAsOfSearch()
  const lagging = summary.lagCounts.lagging
  const severe = summary.lagCounts.severe
  // 跨片区/全区 is a bucket, not a zone a leader can be asked about.
  const worstZone = summary.byZone.filter((z) => z.id !== 'district-wide').sort((a, b) => (a.gapPoints ?? 0) - (b.gapPoints ?? 0))[0]
  // The seven zones by rank, then 跨片区/全区 (counted, not ranked).
  const unit = moneyUnitFor(summary.totalInvestmentWan, summary.annualPlanWan, summary.cumulativeActualWan)
  return (
    <div className="stack">
      <SimulatedNotice provenance={summary.provenance} />
      <p className="headline" data-testid="headline">
        {summary.planYear}年{period}，{count(summary.projectCount)}重点项目累计完成投资
        <strong className="num">{money(summary.cumulativeActualWan, unit)}</strong>，完成年度计划的
        <strong className="num">{percent(summary.completionRate)}</strong>，
        <strong className={TEXT_CLASS[severityOfGap(summary.gapPoints)]}>{gapText(summary.gapPoints)}</strong>
        （序时进度{percent(summary.scheduleRate)}）。
        {worstZone && (
          <>
            七大片区中差距最大的是
            <Link to={paths.zone.getHref(worstZone.id, search)}>{worstZone.name}</Link>（{signedPoints(worstZone.gapPoints)}个百分点）。
          </>
        )}
      </p>

      {/* The judgement first (完成率, 滞后), then the money, then the counts: on a phone the first rows are what a leader reads. */}
      <dl className="kpi-grid" aria-label="主要指标">
        <KpiCard
          label="投资完成率"
          value={percent(summary.completionRate)}
          tone={KPI_TONE[severityOfGap(summary.gapPoints)]}
          note={`序时进度${percent(summary.scheduleRate)}，较序时${signedPoints(summary.gapPoints)}个百分点`}
        />
        <KpiCard
          label="滞后 / 严重滞后"
          value={`${lagging} / ${severe}`}
          tone={severe > 0 ? 'bad' : lagging > 0 ? 'warn' : 'good'}
          note={
            <Link to={paths.delayed.getHref(search)}>
              另有应开未开{summary.lagCounts['not-started']}个、未报送{summary.lagCounts['not-reported']}个 ›
            </Link>
          }
        />
        <KpiCard
          label={`${period}累计完成`}
          value={money(summary.cumulativeActualWan, unit)}
          note={
            <>
              {summary.provenance.simulated && <SimulatedBadge title="月度完成投资为模拟数据" />}
              {summary.previous && ` 本月完成${money(summary.cumulativeActualWan - summary.previous.cumulativeActualWan, unit)}`}
            </>
          }
        />
        {/* The report's totals in its own words (约277.08亿元), not a recomputed figure. */}
        <KpiCard
          label="年度计划投资"
          value={asReported('annualPlanWan', summary) ?? money(summary.annualPlanWan, unit)}
          note={asReported('annualPlanWan', summary) ? <SourcedBadge /> : undefined}
        />
        <KpiCard
          label="新开工项目开工率"
          value={percent(summary.newStarts.startRateToDate)}
          note={`截至${m}月应开工${summary.newStarts.dueToDate}个，已开工${summary.newStarts.startedOfDue}个；全年计划新开工${summary.newStarts.plannedThisYear}个`}
        />
        <KpiCard label="已完工" value={count(summary.completedCount)} note={`${period}内完工`} />
        <KpiCard
          label="重点项目"
          value={count(summary.projectCount)}
          note={isReportedProjectCount(summary) ? <><SourcedBadge /> {summary.planYear}年计划安排</> : `${summary.planYear}年`}
        />
        <KpiCard
          label="总投资"
          value={asReported('totalInvestmentWan', summary) ?? money(summary.totalInvestmentWan, unit)}
          note={asReported('totalInvestmentWan', summary) ? <SourcedBadge /> : undefined}
        />
      </dl>

      {/*
        A leader's order (issue 26, decision 84): how far behind (above), which zone, which projects and why, then
        the rest. Everything is drawn with the page, on the server too: nothing comes later to push what is read.
        The tables' code is its own chunk; until it is there (a visit in the app) their space is kept.
      */}
      <Suspense fallback={<div className="reserved-ranking" aria-hidden="true" />}>
        <OverviewRanking summary={summary} period={period} search={search} />
      </Suspense>

      {/* 挂牌督办 (decision 76): which projects are listed for supervision, and why. */}
      <EscalatedProjects summary={summary} search={search} />

      {/* Will the year land (decision 75): drawn on the server with the summary. */}
      <ForecastSection asOf={asOf} />

      <div className="grid-2">
        <Section title="各片区年度计划与累计完成">
          <ChartFigure summary={`各片区年度计划与${period}累计完成投资对比柱状图，数据见上方排名表`} plotHeight={planActualBarsHeight(summary.byZone.length)}>
            {(width) => <PlanActualBars data={summary.byZone.map((z) => ({ label: z.name, planWan: z.annualPlanWan, cumulativeActualWan: z.cumulativeActualWan }))} width={width} />}
          </ChartFigure>
        </Section>
        <Section title="累计完成与序时进度（逐月）" note="序时进度 = 年度计划 × 月份/12，与上方判断同一口径">
          <ChartFigure summary={monthlyChartSummary(`${summary.planYear}年全区`, summary.monthly, summary.annualPlanWan)} plotHeight={MONTHLY_PLOT_HEIGHT}>
            {(width) => <MonthlyPlanActual data={summary.monthly} annualPlanWan={summary.annualPlanWan} width={width} showMonthlyBars={false} />}
          </ChartFigure>
          <MonthlyTable summary={summary} />
        </Section>
      </div>

      <Suspense fallback={<div className="reserved-categories" aria-hidden="true" />}>
        <OverviewCategories summary={summary} period={period} search={search} />
      </Suspense>
    </div>
  )
}

/** 挂牌督办项目: the first few listed (largest shortfall first) with the mark, 连续滞后 and why; the rest a link away. */
function EscalatedProjects({ summary, search }: { summary: Summary; search: ReturnType<typeof useAsOfSearch> }) {
  const { items, total } = summary.escalated
  return (
    <Section
      title="挂牌督办项目"
      note={total > items.length ? <Link to={paths.projects.getHref({ ...search, escalation: 'listed' })}>查看全部{total}个挂牌督办项目 ›</Link> : `${total}个`}
    >
      {items.length === 0 ? (
        <p className="empty">目前没有挂牌督办的项目。</p>
      ) : (
        <ul className="escalated-list">
          {items.map((item) => (
            <li key={item.id}>
              <Link to={paths.project.getHref(item.id, search)}>{item.name}</Link> <EscalationMark escalation={item.escalation} />{' '}
              <LagStreak months={item.lagStreakMonths} />
              <div className="cell-sub">
                {item.escalation.since && `${zhDate(item.escalation.since)}起 · `}
                {item.escalation.reason}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}

function MonthlyTable({ summary }: { summary: Summary }) {
  const schedule = scheduleLine(summary.annualPlanWan)
  return (
    <details className="details">
      <summary>查看逐月数据表</summary>
      <TableScroll label="逐月计划与完成">
        <table className="table table-compact">
          <caption className="sr-only">逐月计划与完成（亿元）</caption>
          <thead>
            <tr>
              <th scope="col">月份</th>
              <th scope="col" className="num">当月计划（亿元）</th>
              <th scope="col" className="num">当月完成（亿元）</th>
              <th scope="col" className="num">序时进度（亿元）</th>
              <th scope="col" className="num">分月计划累计（亿元）</th>
              <th scope="col" className="num">累计完成（亿元）</th>
            </tr>
          </thead>
          <tbody>
            {summary.monthly.map((p) => (
              <tr key={p.month}>
                <th scope="row">{p.month}月</th>
                <td className="num">{yiNumber(p.planWan)}</td>
                <td className="num">{p.actualWan === null ? '—' : yiNumber(p.actualWan)}</td>
                <td className="num">{yiNumber(schedule[p.month - 1] ?? 0)}</td>
                <td className="num">{yiNumber(p.cumulativePlanWan)}</td>
                <td className="num">{p.cumulativeActualWan === null ? '—' : yiNumber(p.cumulativeActualWan)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  )
}
