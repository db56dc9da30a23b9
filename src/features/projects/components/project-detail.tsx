import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { ProjectDetail, ProvenanceField } from '@/contract'
import { ChartFigure, MonthlyPlanActual, monthlyChartSummary, MONTHLY_PLOT_HEIGHT } from '@/components/charts/lazy-charts'
import { KpiCard } from '@/components/kpi-card'
import { PageHeader, Section } from '@/components/page-header'
import { ProgressBar } from '@/components/progress-bar'
import { EmptyState, ErrorState, Loading, NotFoundState, Updating } from '@/components/query-state'
import { SimulatedBadge, SourcedBadge, StatusBadge } from '@/components/status-badge'
import { EscalationMark, LagStreak } from '@/components/escalation-mark'
import { paths } from '@/config/paths'
import {
  FOCUS_AREA_LABELS,
  INVESTMENT_TYPE_LABELS,
  LEVEL_LABELS,
  PROBLEM_STATUS_LABELS,
  STAGE_LABELS,
} from '@/domain/labels'
import { MILESTONE_STATE_LABELS, milestoneState, monthEnd, openProblems } from '@/domain/milestones'
import { projectMonthlySeries } from '@/domain/aggregate'
import { missedMonthsText, monthOf, plannedShare, scheduleRate, staleFiguresText } from '@/domain/rules'
import { ApiRequestError } from '@/lib/api-client'
import { asOfParam, asOfSearch, useAsOfSearch, useCalendar, useViewYear } from '@/lib/as-of'
import { gapText, money, moneyUnitFor, monthRange, percent, percentFigure, wanNumber, zhDate, zhDateTime, type MoneyUnit } from '@/lib/format'
import { projectQueries } from '../api/projects'
import { TableScroll } from '@/components/table-scroll'
import { SimulatedNotice } from '@/components/simulated-notice'
import { hasSimulatedName } from '@/domain/provenance'
import { TEXT_CLASS } from '@/components/tone'

export function ProjectDetailView({
  projectId,
  asOf,
  latestPhotos,
}: {
  projectId: string
  asOf: string | undefined
  /** The newest 形象进度照片, shown under the title (the page composes it from the reports feature). */
  latestPhotos?: ReactNode
}) {
  const query = useQuery(projectQueries.detail(projectId, asOf))
  const calendar = useCalendar()
  const viewYear = useViewYear()
  if (query.isPending) return <Loading label="正在加载项目…" />
  // 404: no such project, or not in the list of the year in view (the server says which); 400 on the path: no project can have that number.
  if (query.error instanceof ApiRequestError && (query.error.status === 404 || query.error.code === 'invalid_path')) {
    const otherYears = query.error.status === 404 ? (calendar?.years ?? []).filter((y) => y.year !== viewYear) : []
    return (
      <NotFoundState title="未找到该项目">
        <span>{query.error.status === 404 ? `${query.error.message}。` : `项目编号“${projectId}”不存在，可能已从项目清单中调整。`}</span>
        {otherYears.length > 0 && (
          <span>
            其他年度：
            {otherYears.map((y, i) => (
              <span key={y.year}>
                {i > 0 && '、'}
                <Link to={paths.project.getHref(projectId, { asOf: asOfParam(y.year, y.latestReportMonth) })}>{y.year}年度</Link>
              </span>
            ))}
          </span>
        )}
        <Link to={paths.projects.getHref(asOfSearch(asOf))}>返回项目库</Link>
      </NotFoundState>
    )
  }
  if (query.error || !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  return (
    <Updating active={query.isPlaceholderData}>
      <ProjectDetailContent project={query.data} latestPhotos={latestPhotos} />
    </Updating>
  )
}

/** 报告 for a field the report gives; 模拟 for the rest — only while the record is simulated (reported data carries no mark). */
function Provenance({ project, field }: { project: ProjectDetail; field?: ProvenanceField }) {
  if (field && project.sourcedFields.includes(field)) return <SourcedBadge />
  return project.simulated ? <SimulatedBadge /> : null
}

function ProjectDetailContent({ project, latestPhotos }: { project: ProjectDetail; latestPhotos?: ReactNode }) {
  const m = project.asOfMonth
  const period = monthRange(m)
  const search = useAsOfSearch()
  const asOfDate = monthEnd(project.planYear, m)
  const { status } = project
  // The 模拟 marks follow the data: a reported record shows none.
  const mark = (title?: string) => (project.simulated ? <SimulatedBadge title={title} /> : undefined)
  const milestones = project.milestones.map((ms) => ({ ...ms, ...milestoneState(ms, asOfDate) }))
  const overdue = milestones.filter((ms) => ms.state === 'overdue')
  const open = openProblems(project.problems, asOfDate)
  const visibleProblems = project.problems.filter((p) => p.raisedDate <= asOfDate)
  const history = project.progressHistory.filter((h) => h.month <= m)
  const simulatedName = hasSimulatedName(project)
  const monthly = projectMonthlySeries(project, m, project.planYear)
  // One unit for every money figure on the page (cards, headline, 中期调整, 基本信息).
  const unit = moneyUnitFor(
    project.totalInvestmentWan,
    project.completedBeforeYearWan,
    project.annualPlanWan,
    project.planAdjustment?.originalAnnualPlanWan ?? 0,
    status.cumulativeActualWan,
    status.shortfallWan,
  )
  // A project that missed the as-of month: its 累计 figures are from its last report, and say so.
  const stale = status.lagClass === 'not-reported'
  const figuresPeriod = stale ? staleFiguresText(m, status.lastReportMonth) : `${period}累计`
  const headlinePeriod = stale
    ? status.lastReportMonth === null
      ? '本年度尚无报送，累计'
      : `截至${status.lastReportMonth}月累计`
    : `${period}累计`

  return (
    <div className="stack">
      <title>{`${project.name} · 项目详情 · 南岸区重点项目进度监测`}</title>
      <nav aria-label="面包屑" className="breadcrumb">
        <Link to={paths.projects.getHref(search)}>项目库</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={paths.zone.getHref(project.zoneId, search)}>{project.zoneName}</Link> <span aria-hidden="true">/</span>{' '}
        <span>{project.id}</span>
      </nav>
      <PageHeader
        title={
          <>
            {project.name} {simulatedName && mark('报告未列出此项目名称，为模拟项目')} <EscalationMark escalation={project.escalation} />
          </>
        }
        subtitle={`${project.id} · ${project.zoneName} · ${FOCUS_AREA_LABELS[project.focusArea]} · ${STAGE_LABELS[project.stage]} · 数据截至${period}${project.published ? '' : '（未发布）'}`}
        actions={
          <>
            <StatusBadge lagClass={status.lagClass} severity={status.severity} /> <LagStreak months={project.lagStreakMonths} />
          </>
        }
      />
      {/* The newest site photos on the first screen, a phone's included (issue 28 §1). */}
      {latestPhotos}
      {project.retired && (
        <p className="notice notice-warn" role="note">
          <strong>已退出重点项目清单</strong>（{zhDateTime(project.retired.at)}）：{project.retired.reason}。本项目不再计入任何统计，以下为退出前的情况。
        </p>
      )}
      <SimulatedNotice provenance={project.provenance} />
      {project.escalation.status === 'listed' && (
        <p className="notice notice-warn" role="note">
          <strong>挂牌督办</strong>
          {project.escalation.since && `（${zhDate(project.escalation.since)}起）`}：{project.escalation.reason}
        </p>
      )}

      {/* 应开未开: which 前期手续 hold the start up, near the top (decision 80). */}
      {project.missingApprovals.length > 0 && (
        <p className="notice notice-warn" role="note">
          <strong>应开未开，前期手续未齐</strong>：尚未取得{project.missingApprovals.map((m) => m.name).join('、')}（共{project.missingApprovals.length}项）。{' '}
          <a href="#approvals">查看前期手续</a>
        </p>
      )}

      <Section title="进度判断" id="judgement">
        <p className="headline">
          {headlinePeriod}完成投资<strong className="num">{money(status.cumulativeActualWan, unit)}</strong>
          {stale && `（${missedMonthsText(m, status.lastReportMonth)}）`}，完成年度计划的
          <strong className="num">{percent(status.completionRate)}</strong>
          {status.gapPoints !== null && (
            <>
              ，<strong className={TEXT_CLASS[status.severity]}>{gapText(status.gapPoints)}</strong>
            </>
          )}
          {status.shortfallWan > 0 && (
            <>
              ，欠序时进度<strong className="num">{money(status.shortfallWan, unit)}</strong>
            </>
          )}
          。
        </p>
        {status.lagClass === 'pending-start' && (
          <p className="muted">
            尚未到计划开工期，不按序时进度评判，较序时显示为“—”；其年度计划投资仍计入所属片区和全区的计划投资与投资完成率。
          </p>
        )}
        <ul className="late-list" aria-label="需要关注的事项">
          <li>
            <StatusBadge lagClass={status.lagClass} severity={status.severity} /> {status.rule}
          </li>
          {overdue.map((ms) => (
            <li key={ms.name}>
              <span className="badge badge-red">
                <span aria-hidden="true" className="badge-icon">✕</span>节点逾期
              </span>{' '}
              {ms.name}：计划{zhDate(ms.plannedDate)}，已逾期{ms.daysLate}天未完成
            </li>
          ))}
          {open.map((p) => (
            <li key={p.id}>
              <span className="badge badge-yellow">
                <span aria-hidden="true" className="badge-icon">!</span>
                {PROBLEM_STATUS_LABELS[p.status === 'resolved' ? 'supervising' : p.status]}
              </span>{' '}
              {p.category}：{p.description}（要求{zhDate(p.dueDate)}前解决{p.dueDate < asOfDate ? '，已超期' : ''}）
            </li>
          ))}
          {overdue.length === 0 && open.length === 0 && <li>无逾期节点和未解决问题。</li>}
        </ul>
      </Section>

      <ForecastAndCatchUp project={project} unit={unit} period={period} />

      <dl className="kpi-grid" aria-label="投资指标">
        <KpiCard label="总投资" value={money(project.totalInvestmentWan, unit)} note={mark()} />
        <KpiCard label="截至上年底累计完成" value={money(project.completedBeforeYearWan, unit)} note={mark()} />
        <KpiCard
          label={project.planAdjustment ? '年度计划投资（调整后）' : '年度计划投资'}
          value={money(project.annualPlanWan, unit)}
          note={
            project.planAdjustment ? (
              <>
                中期调整：原计划{money(project.planAdjustment.originalAnnualPlanWan, unit)}，{project.planAdjustment.reason}；完成率按调整后计划计算
              </>
            ) : (
              mark()
            )
          }
        />
        <KpiCard
          label={stale ? '累计完成' : `${period}累计完成`}
          value={money(status.cumulativeActualWan, unit)}
          note={stale ? figuresPeriod : mark()}
        />
        <KpiCard
          label="投资完成率"
          value={percent(status.completionRate)}
          note={`序时进度${percent(scheduleRate(m))}；自身计划${percent(plannedShare(project, m))}`}
        />
        <KpiCard
          label="形象进度"
          value={project.progress ? (project.progress.percent !== null ? percentFigure(project.progress.percent) : '文字描述') : '—'}
          note={project.progress?.text}
        />
      </dl>

      <div className="grid-2">
        <Section title="逐月计划与完成" note={project.simulated ? '月度数据为模拟' : undefined}>
          <ChartFigure summary={monthlyChartSummary(project.name, monthly, project.annualPlanWan)} plotHeight={MONTHLY_PLOT_HEIGHT}>
            {(width) => <MonthlyPlanActual data={monthly} annualPlanWan={project.annualPlanWan} width={width} />}
          </ChartFigure>
          <MonthlyTable project={project} />
        </Section>
        <Section title="形象进度">
          <TableScroll label="形象进度记录">
            <table className="table table-compact">
              <caption className="sr-only">形象进度记录</caption>
              <thead>
                <tr>
                  <th scope="col">时间</th>
                  <th scope="col" className="col-bar">进度</th>
                  <th scope="col">描述</th>
                </tr>
              </thead>
              <tbody>
                {project.baselineProgress && (
                  <tr>
                    <th scope="row">
                      {project.planYear - 1}年末 <Provenance project={project} field="baselineProgress" />
                    </th>
                    <td className="col-bar">
                      {project.baselineProgress.percent !== null ? (
                        <ProgressBar compact label={`${project.planYear - 1}年末形象进度`} value={project.baselineProgress.percent} tone="grey" />
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{project.baselineProgress.text}</td>
                  </tr>
                )}
                {history.map((h) => (
                  <tr key={h.month}>
                    <th scope="row">
                      {project.planYear}年{h.month}月
                    </th>
                    <td className="col-bar">
                      {h.percent !== null ? <ProgressBar compact label={`${h.month}月形象进度`} value={h.percent} tone="grey" /> : '—'}
                    </td>
                    <td>{h.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {project.simulated && (
            <p className="footnote">{project.planYear}年各月形象进度为模拟数据。报告只给出文字描述的项目，不推算百分比。</p>
          )}
        </Section>
      </div>

      <div className="grid-2">
        <Section title="关键节点" note={project.simulated ? '模拟' : undefined}>
          {milestones.length === 0 ? (
            <EmptyState>未设置节点。</EmptyState>
          ) : (
            <ol className="timeline">
              {milestones.map((ms) => (
                <li key={ms.name} className={`timeline-item timeline-${ms.state}`}>
                  <span className="timeline-dot" aria-hidden="true" />
                  <div>
                    <strong>{ms.name}</strong>
                    <span className={`timeline-state state-${ms.state}`}>
                      {MILESTONE_STATE_LABELS[ms.state]}
                      {ms.daysLate > 0 && `（${ms.daysLate}天）`}
                    </span>
                    <div className="cell-sub">
                      计划 {zhDate(ms.plannedDate)}
                      {ms.state === 'done-on-time' || ms.state === 'done-late' ? ` · 实际 ${zhDate(ms.actualDate)}` : ''}
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </Section>
        <Section title="存在问题" note={project.simulated ? '模拟' : undefined}>
          {visibleProblems.length === 0 ? (
            <EmptyState>截至{period}未报告问题。</EmptyState>
          ) : (
            <ul className="problems">
              {visibleProblems.map((p) => {
                const resolvedByNow = p.resolvedDate !== null && p.resolvedDate <= asOfDate
                return (
                  <li key={p.id} className="problem">
                    <div className="problem-head">
                      <strong>{p.category}</strong>
                      <span className={`tag ${resolvedByNow ? 'tag-ok' : 'tag-warn'}`}>
                        {resolvedByNow ? PROBLEM_STATUS_LABELS.resolved : PROBLEM_STATUS_LABELS[p.status === 'resolved' ? 'supervising' : p.status]}
                      </span>
                    </div>
                    <p>{p.description}</p>
                    <p className="cell-sub">措施：{p.measure}</p>
                    <p className="cell-sub">
                      提出 {zhDate(p.raisedDate)} · 要求 {zhDate(p.dueDate)}
                      {resolvedByNow && ` · 办结 ${zhDate(p.resolvedDate)}`}
                    </p>
                  </li>
                )
              })}
            </ul>
          )}
        </Section>
      </div>

      <Section title="基本信息" note={project.simulated ? <><SourcedBadge /> 来自报告 <SimulatedBadge /> 模拟数据</> : undefined}>
        <dl className="info-grid">
          <Info label="项目名称" value={project.name} badge={<Provenance project={project} field="name" />} />
          <Info
            label="所属片区"
            value={<Link to={paths.zone.getHref(project.zoneId, search)}>{project.zoneName}</Link>}
            badge={mark()}
          />
          <Info label="四个聚焦" value={FOCUS_AREA_LABELS[project.focusArea]} badge={<Provenance project={project} field="focusArea" />} />
          <Info label="细分方向" value={project.focusSubCategory} badge={<Provenance project={project} field="focusSubCategory" />} />
          <Info
            label="投资类别"
            value={INVESTMENT_TYPE_LABELS[project.investmentType]}
            badge={mark('报告只给出各类别的合计，未列出单个项目的类别')}
          />
          <Info label="建设性质" value={STAGE_LABELS[project.stage]} badge={mark()} />
          <Info
            label="项目级别"
            value={LEVEL_LABELS[project.level]}
            badge={project.sourcedFields.includes('level') ? <SourcedBadge title="报告列为市级在区重大交通项目" /> : mark('报告未给出项目级别')}
          />
          <Info
            label="业主单位"
            value={<Link to={paths.projects.getHref({ ...search, owner: project.ownerUnit })}>{project.ownerUnit}</Link>}
            badge={mark()}
          />
          <Info
            label="责任单位"
            value={<Link to={paths.projects.getHref({ ...search, dept: project.responsibleUnit })}>{project.responsibleUnit}</Link>}
            badge={mark()}
          />
          <Info label="区级责任领导" value={project.responsibleLeader} badge={mark()} />
          <Info label="建设起止年限" value={`${project.buildStartYear}—${project.buildEndYear}年`} badge={mark()} />
          <Info label="计划开工" value={zhDate(project.plannedStartDate)} badge={mark()} />
          <Info label="实际开工" value={zhDate(project.actualStartDate)} badge={mark()} />
          <Info label="计划完工" value={zhDate(project.plannedCompletionDate)} badge={mark()} />
          <Info
            label="实际完工"
            value={project.actualCompletionDate && project.actualCompletionDate <= asOfDate ? zhDate(project.actualCompletionDate) : '—'}
            badge={mark()}
          />
          <Info label="总投资" value={money(project.totalInvestmentWan, unit)} badge={mark()} />
        </dl>
        <p className="footnote">{project.provenanceNote}</p>
      </Section>
    </div>
  )
}

function Info({ label, value, badge }: { label: string; value: React.ReactNode; badge?: React.ReactNode }) {
  return (
    <div className="info">
      <dt>
        {label} {badge}
      </dt>
      <dd>{value}</dd>
    </div>
  )
}

function MonthlyTable({ project }: { project: ProjectDetail }) {
  const m = project.asOfMonth
  const completedIn = project.actualCompletionDate ? monthOf(project.actualCompletionDate, project.planYear) : null
  return (
    <details className="details">
      <summary>查看逐月数据表</summary>
      <TableScroll label="逐月计划与完成">
        <table className="table table-compact">
          <caption className="sr-only">逐月计划与完成（万元）</caption>
          <thead>
            <tr>
              <th scope="col">月份</th>
              <th scope="col" className="num">计划（万元）</th>
              <th scope="col" className="num">完成（万元）</th>
            </tr>
          </thead>
          <tbody>
            {project.monthlyPlanWan.map((plan, i) => {
              const actual = i < m ? project.monthlyActualWan[i] : undefined
              // After completion there is nothing to report: 已完工, not 未报送.
              const missing = completedIn !== null && i + 1 > completedIn ? '已完工' : '未报送'
              return (
                <tr key={i}>
                  <th scope="row">{i + 1}月</th>
                  <td className="num">{wanNumber(plan)}</td>
                  <td className="num">{actual === undefined ? '' : actual === null ? missing : wanNumber(actual)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </TableScroll>
    </details>
  )
}

/**
 * The year's two forecasts and the catch-up (冲刺, decision 75): the owner's latest 全年预计 beside the one computed
 * from the project's own pace, 预计偏乐观 in words when marked; what each month left must deliver to reach the plan.
 */
function ForecastAndCatchUp({ project, unit, period }: { project: ProjectDetail; unit: MoneyUnit; period: string }) {
  const { forecast, catchUp } = project
  if (!forecast) return null
  return (
    <Section title="全年预计与冲刺" note={project.simulated ? '月度数据为模拟，预计随之为模拟值' : undefined}>
      <dl className="info-grid" aria-label="全年预计与冲刺">
        <Info
          label="业主预计全年完成"
          value={
            forecast.ownerForecastWan === null ? (
              '未填报（汇总时按年度计划计）'
            ) : (
              <>
                {money(forecast.ownerForecastWan, unit)}（{forecast.ownerForecastMonth}月月报）
                {forecast.optimistic && (
                  <>
                    {' '}
                    <span className="tag tag-warn">预计偏乐观</span>
                  </>
                )}
              </>
            )
          }
        />
        <Info label="测算全年完成" value={`${money(forecast.computedForecastWan, unit)}（按${period}进度与全区月度规律推算）`} />
        <Info
          label="冲刺"
          value={
            catchUp === null ? (
              '未落后于序时进度或已完工，无需冲刺'
            ) : (
              <>
                此后每月需完成<strong className="num">{money(catchUp.neededPerMonthWan, unit)}</strong>；本年最好月份{money(catchUp.bestMonthWan, unit)}，月均
                {money(catchUp.averageMonthWan, unit)}
                {catchUp.ratioToBest !== null && `，需为最好月份的${catchUp.ratioToBest.toFixed(2)}倍`}
                {!catchUp.feasible && (
                  <>
                    {' '}
                    <span className="tag tag-bad">按现有进度难以完成</span>
                  </>
                )}
              </>
            )
          }
        />
      </dl>
    </Section>
  )
}
