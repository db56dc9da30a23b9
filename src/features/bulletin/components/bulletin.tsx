import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { LagClass, ProjectListItem, Summary } from '@/contract'
import { FiguresTable } from '@/components/figures-table'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { SimulatedNotice } from '@/components/simulated-notice'
import { TableScroll } from '@/components/table-scroll'
import { TEXT_CLASS } from '@/components/tone'
import { ZoneRanking } from '@/components/zone-ranking'
import { paths } from '@/config/paths'
import { zhCollator } from '@/domain/answers'
import { severityOfGap } from '@/domain/rules'
import { INVESTMENT_TYPE_NOTE } from '@/domain/investment-type-note'
import { isReportedProjectCount } from '@/domain/plan-report'
import { asOfSearch } from '@/lib/as-of'
import { count, gapText, money, moneyUnitFor, monthRange, percent, signedPoints, wanNumber } from '@/lib/format'
import { bulletinQueries } from '../api/bulletin'

/**
 * 进展情况通报: the month's figures for the meeting, in the order such a bulletin reads — totals, by category,
 * the zones ranked, then the lists a meeting acts on (滞后, 应开未开, 未报送) by 责任单位. Prints on A4.
 */
export function Bulletin({ asOf }: { asOf: string | undefined }) {
  const query = useQuery(bulletinQueries.summary(asOf))
  return (
    <QueryBoundary query={query} loadingLabel="正在生成通报…">
      {(summary) => <BulletinContent summary={summary} asOf={asOf} />}
    </QueryBoundary>
  )
}

function BulletinContent({ summary, asOf }: { summary: Summary; asOf: string | undefined }) {
  const period = monthRange(summary.asOfMonth)
  const unit = moneyUnitFor(summary.annualPlanWan, summary.cumulativeActualWan)
  const search = asOfSearch(asOf)
  return (
    <div className="stack bulletin">
      <SimulatedNotice provenance={summary.provenance} />
      <Section title="一、总体情况">
        <p className="headline">
          {summary.planYear}年全区安排重点项目{count(summary.projectCount)}，年度计划投资{money(summary.annualPlanWan, unit)}。{period}累计完成投资
          {money(summary.cumulativeActualWan, unit)}，完成年度计划的{percent(summary.completionRate)}，序时进度{percent(summary.scheduleRate)}，
          <strong className={TEXT_CLASS[severityOfGap(summary.gapPoints)]}>{gapText(summary.gapPoints)}</strong>。严重滞后
          {count(summary.lagCounts.severe)}、滞后{count(summary.lagCounts.lagging)}、应开未开{count(summary.lagCounts['not-started'])}、未报送
          {count(summary.lagCounts['not-reported'])}；已完工{count(summary.completedCount)}。新开工项目截至{summary.asOfMonth}月应开工
          {summary.newStarts.dueToDate}个，已开工{summary.newStarts.startedOfDue}个，开工率{percent(summary.newStarts.startRateToDate)}。
        </p>
      </Section>
      <Section title="二、分类推进情况">
        <h3 className="subhead">（一）按投资类别</h3>
        <FiguresTable
          caption="按投资类别"
          rows={summary.byInvestmentType}
          scheduleRate={summary.scheduleRate}
          monthLabel={period}
          footnote={isReportedProjectCount(summary) ? INVESTMENT_TYPE_NOTE : undefined}
        />
        <h3 className="subhead">（二）按四个聚焦</h3>
        <FiguresTable caption="按四个聚焦" rows={summary.byFocusArea} scheduleRate={summary.scheduleRate} monthLabel={period} />
        <h3 className="subhead">（三）按建设性质</h3>
        <FiguresTable caption="按建设性质" rows={summary.byStage} scheduleRate={summary.scheduleRate} monthLabel={period} />
      </Section>
      <Section title="三、片区排名" note={`按${period}投资完成率排序，与上月比较`}>
        <ZoneRanking zones={summary.byZone} hrefOf={(id) => paths.zone.getHref(id, search)} />
      </Section>
      <ProjectsByDept title="四、滞后项目（按责任单位）" status={['severe', 'lagging']} asOf={asOf} empty="没有滞后项目。" />
      <ProjectsByDept title="五、应开未开项目（按责任单位）" status={['not-started']} asOf={asOf} empty="没有应开未开的项目。" />
      <ProjectsByDept title="六、未报送项目（按责任单位）" status={['not-reported']} asOf={asOf} empty="所有项目均已报送。" />
    </div>
  )
}

/** A list of the projects of some classes, grouped by 责任单位 (zh-CN order), largest shortfall first within each. */
function ProjectsByDept({ title, status, asOf, empty }: { title: string; status: LagClass[]; asOf: string | undefined; empty: string }) {
  const query = useQuery(bulletinQueries.projects(asOf, status))
  return (
    <Section title={title} className="bulletin-list">
      <QueryBoundary query={query} loadingLabel="正在加载项目…">
        {(items) => (items.length === 0 ? <p className="empty">{empty}</p> : <DeptTable caption={title.replace(/^[一二三四五六七]、/, '')} items={items} asOf={asOf} />)}
      </QueryBoundary>
    </Section>
  )
}

function DeptTable({ caption, items, asOf }: { caption: string; items: ProjectListItem[]; asOf: string | undefined }) {
  const groups = new Map<string, ProjectListItem[]>()
  for (const item of items) groups.set(item.responsibleUnit, [...(groups.get(item.responsibleUnit) ?? []), item])
  const depts = [...groups.keys()].sort(zhCollator.compare)
  return (
    <TableScroll label={caption}>
      <table className="table table-compact">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">责任单位</th>
            <th scope="col">项目</th>
            <th scope="col" className="num">完成率</th>
            <th scope="col" className="num">较序时（个百分点）</th>
            <th scope="col" className="num">欠序时进度（万元）</th>
            <th scope="col">判断依据</th>
          </tr>
        </thead>
        <tbody>
          {depts.flatMap((dept) =>
            groups.get(dept)!.map((item, i) => (
              <tr key={item.id}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={groups.get(dept)!.length}>
                    {dept}（{groups.get(dept)!.length}个）
                  </th>
                )}
                <td className="cell-name">
                  <Link to={paths.project.getHref(item.id, asOfSearch(asOf))}>{item.name}</Link>
                  <div className="cell-sub">
                    {item.id} · {item.zoneName}
                  </div>
                </td>
                <td className="num">{percent(item.status.completionRate)}</td>
                <td className={`num ${TEXT_CLASS[item.status.severity]}`}>{signedPoints(item.status.gapPoints)}</td>
                <td className="num">{wanNumber(item.status.shortfallWan)}</td>
                <td className="cell-rule">{item.status.rule}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </TableScroll>
  )
}
