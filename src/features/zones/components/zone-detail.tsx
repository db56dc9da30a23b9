import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { ZoneDetail } from '@/contract'
import { BehindTable } from '@/components/behind-table'
import { ChartFigure, MonthlyPlanActual, monthlyChartSummary, MONTHLY_PLOT_HEIGHT } from '@/components/charts/lazy-charts'
import { FiguresTable } from '@/components/figures-table'
import { KpiCard } from '@/components/kpi-card'
import { PageHeader, Section } from '@/components/page-header'
import { EmptyState, Loading, ErrorState, NotFoundState, Updating } from '@/components/query-state'
import { paths } from '@/config/paths'
import { ApiRequestError } from '@/lib/api-client'
import { asOfSearch, useAsOfSearch } from '@/lib/as-of'
import { count, gapText, money, moneyUnitFor, monthRange, percent } from '@/lib/format'
import { zoneQueries } from '../api/zones'
import { SimulatedNotice } from '@/components/simulated-notice'
import { RANKED_ZONES } from '@/domain/labels'
import { severityOfGap } from '@/domain/rules'
import { KPI_TONE, TEXT_CLASS } from '@/components/tone'

/** A zone's own page: KPIs, charts and the projects that explain its shortfall. */
export function ZoneDetailView({ zoneId, asOf }: { zoneId: string; asOf: string | undefined }) {
  const query = useQuery(zoneQueries.detail(zoneId, asOf))
  if (query.isPending) return <Loading label="正在加载片区…" />
  // 404: no such zone; 400 on the path: no zone can have that id. Either way, not found.
  if (query.error instanceof ApiRequestError && (query.error.status === 404 || query.error.code === 'invalid_path'))
    return (
      <NotFoundState title="未找到该片区">
        <span>片区编号“{zoneId}”不存在。</span>
        <Link to={paths.zones.getHref(asOfSearch(asOf))}>查看全部片区</Link>
      </NotFoundState>
    )
  if (query.error || !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  return (
    <Updating active={query.isPlaceholderData}>
      <ZoneDetailContent zone={query.data} />
    </Updating>
  )
}

function ZoneDetailContent({ zone }: { zone: ZoneDetail }) {
  const period = monthRange(zone.asOfMonth)
  const search = useAsOfSearch()
  // One unit for the cards; the headline sentence (completion and the 滞后 shortfall) has its own.
  const unit = moneyUnitFor(zone.totalInvestmentWan, zone.annualPlanWan, zone.cumulativeActualWan)
  const sentenceUnit = moneyUnitFor(zone.cumulativeActualWan, zone.delayedShortfallWan)
  return (
    <div className="stack">
      <title>{`${zone.name} · 片区 · 南岸区重点项目进度监测`}</title>
      <nav aria-label="面包屑" className="breadcrumb">
        <Link to={paths.zones.getHref(search)}>片区</Link> <span aria-hidden="true">/</span> <span>{zone.name}</span>
      </nav>
      <PageHeader
        title={zone.name}
        subtitle={`${zone.group} · 数据截至${zone.planYear}年${period}${zone.published ? '' : '（未发布）'} · 序时进度${percent(zone.scheduleRate)}`}
      />
      <SimulatedNotice provenance={zone.provenance} />
      <p className="headline">
        {zone.name}{count(zone.projectCount)}项目{period}完成投资<strong className="num">{money(zone.cumulativeActualWan, sentenceUnit)}</strong>，完成率
        <strong className="num">{percent(zone.completionRate)}</strong>，
        <strong className={TEXT_CLASS[severityOfGap(zone.gapPoints)]}>{gapText(zone.gapPoints)}</strong>
        {zone.rank === null ? '；跨片区/全区项目单独统计，不参与七大片区排名。' : `，在${RANKED_ZONES.length}个片区中排第${zone.rank}位。`}
        {zone.delayedShortfallWan > 0 && (
          <>
            <Link to={paths.delayed.getHref({ ...search, zone: zone.id })}>滞后项目</Link>合计欠序时进度
            <strong className="num">{money(zone.delayedShortfallWan, sentenceUnit)}</strong>。
          </>
        )}
      </p>
      <dl className="kpi-grid" aria-label={`${zone.name}主要指标`}>
        <KpiCard
          label="完成率"
          value={percent(zone.completionRate)}
          tone={KPI_TONE[severityOfGap(zone.gapPoints)]}
          note={gapText(zone.gapPoints)}
        />
        <KpiCard label="滞后 / 严重滞后" value={`${zone.lagCounts.lagging} / ${zone.lagCounts.severe}`} note={`应开未开${zone.lagCounts['not-started']}个，未报送${zone.lagCounts['not-reported']}个`} />
        <KpiCard label={`${period}完成`} value={money(zone.cumulativeActualWan, unit)} />
        <KpiCard label="年度计划" value={money(zone.annualPlanWan, unit)} />
        <KpiCard label="总投资" value={money(zone.totalInvestmentWan, unit)} />
        <KpiCard label="项目数" value={count(zone.projectCount)} />
      </dl>
      <Section title="差距来自哪些项目" note={`按欠序时进度金额排序（年度计划×${zone.asOfMonth}/12 − 累计完成）`}>
        {zone.shortfallProjects.length === 0 ? (
          <EmptyState>本片区没有欠序时进度的项目。</EmptyState>
        ) : (
          <BehindTable
            caption={`${zone.name}欠序时进度的项目`}
            items={zone.shortfallProjects}
            hrefOf={(id) => paths.project.getHref(id, search)}
            showZone={false}
          />
        )}
      </Section>
      <div className="grid-2">
        <Section title="逐月计划与完成">
          <ChartFigure summary={monthlyChartSummary(zone.name, zone.monthly, zone.annualPlanWan)} plotHeight={MONTHLY_PLOT_HEIGHT}>
            {(width) => <MonthlyPlanActual data={zone.monthly} annualPlanWan={zone.annualPlanWan} width={width} />}
          </ChartFigure>
        </Section>
        <Section title="按建设性质">
          <FiguresTable caption="按建设性质" rows={zone.byStage} scheduleRate={zone.scheduleRate} monthLabel={period} />
          <h3 className="subhead">按投资类别</h3>
          <FiguresTable caption="按投资类别" rows={zone.byInvestmentType.filter((r) => r.projectCount > 0)} scheduleRate={zone.scheduleRate} monthLabel={period} />
        </Section>
      </div>
    </div>
  )
}
