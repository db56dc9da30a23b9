import { OverdueProblemsTable } from '@/components/overdue-problems-table'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { ProjectListItem } from '@/contract'
import type { Bulletin, BulletinList } from '@/contract/bulletins'
import { FiguresTable } from '@/components/figures-table'
import { Section } from '@/components/page-header'
import { Loading, QueryBoundary } from '@/components/query-state'
import { SimulatedNotice } from '@/components/simulated-notice'
import { TableScroll } from '@/components/table-scroll'
import { TEXT_CLASS } from '@/components/tone'
import { ZoneRanking } from '@/components/zone-ranking'
import { paths } from '@/config/paths'
import { DRAFT_MARK } from '@/domain/bulletin'
import { INVESTMENT_TYPE_NOTE } from '@/domain/investment-type-note'
import { isReportedProjectCount } from '@/domain/plan-report'
import { BULLETIN_CATEGORIES, BULLETIN_LISTS, BULLETIN_SECTIONS, ESCALATED_COLUMNS, ESCALATED_EMPTY, byResponsibleUnit, catchUpRatioText, escalatedRow, listLead, overallText, problemsNote, statusText } from '@/lib/bulletin-text'
import { EscalationMark } from '@/components/escalation-mark'
import { monthRange, percent, signedPoints, wanNumber, zhDate, zhMonth } from '@/lib/format'
import { bulletinQueries } from '../api/bulletin'

/**
 * 进展情况通报 as issued (decision 64): the stored snapshot of a published month — its 文号, 印发日期 and 主送 at
 * the head, the sections in the order a 通报 reads, 落款 and 抄送 at the foot — or, for the staff, the month in
 * progress as a draft marked 征求意见稿（未发布）. Prints on portrait A4 with 第N页 共M页.
 */
export function IssuedBulletin({ month }: { month: string }) {
  const query = useQuery(bulletinQueries.one(month))
  // While it comes, its place is kept (BulletinPending), not the boundary's one-line loading state.
  if (query.isPending) return <BulletinPending />
  return (
    <QueryBoundary query={query}>
      {(bulletin) => <BulletinDocument bulletin={bulletin} />}
    </QueryBoundary>
  )
}

/**
 * The place of a bulletin still to come: a screen high, so that what follows it (the list of issued bulletins)
 * starts below the first screen and is not pushed off it when the document comes (a phone's Lighthouse measured a
 * layout shift of 0.52: the list showed at y 318, then went below the long document).
 */
export function BulletinPending() {
  return (
    <div className="bulletin-pending">
      <Loading label="正在打开通报…" />
    </div>
  )
}

function BulletinDocument({ bulletin }: { bulletin: Bulletin }) {
  const { summary, problems } = bulletin.content
  const period = monthRange(summary.asOfMonth)
  const search = { asOf: bulletin.month }
  const draft = bulletin.status === 'draft'
  return (
    <article className="stack bulletin bulletin-doc" aria-label={bulletin.number ?? DRAFT_MARK}>
      {draft && <p className="bulletin-draft-mark">{DRAFT_MARK}</p>}
      <dl className="bulletin-head">
        <div>
          <dt>文号</dt>
          <dd className="bulletin-number">{bulletin.number ?? '未印发，无文号'}</dd>
        </div>
        <div>
          <dt>印发日期</dt>
          <dd>{bulletin.issuedDate ? zhDate(bulletin.issuedDate) : '未发布'}</dd>
        </div>
        <div className="bulletin-main-to">
          <dt>主送</dt>
          <dd>{bulletin.mainTo}</dd>
        </div>
      </dl>
      <SimulatedNotice provenance={summary.provenance} />
      <Section title={BULLETIN_SECTIONS.overall}>
        <p className="headline">{overallText(summary)}</p>
      </Section>
      <Section title={BULLETIN_SECTIONS.byCategory}>
        {BULLETIN_CATEGORIES.map((category) => (
          <div key={category.key}>
            <h3 className="subhead">{category.title}</h3>
            <FiguresTable
              caption={category.title.replace(/^（[一二三]）/, '')}
              rows={summary[category.key]}
              scheduleRate={summary.scheduleRate}
              monthLabel={period}
              footnote={category.key === 'byInvestmentType' && isReportedProjectCount(summary) ? INVESTMENT_TYPE_NOTE : undefined}
            />
          </div>
        ))}
      </Section>
      <Section title={BULLETIN_SECTIONS.zones} note={`按${period}投资完成率排序，与上月比较`}>
        <ZoneRanking zones={summary.byZone} hrefOf={(id) => paths.zone.getHref(id, search)} />
      </Section>
      {BULLETIN_LISTS.map((list) => {
        const items = bulletin.content[list.key]
        const lead = listLead(bulletin.content, list.key)
        return (
          <Section key={list.key} title={list.title} note={`${items.length}个`} className="bulletin-list">
            {lead && <p className="bulletin-lead">{lead}</p>}
            {items.length === 0 ? <p className="empty">{list.empty}</p> : <DeptTable caption={list.title.replace(/^[一二三四五六七八]、/, '')} items={items} month={bulletin.month} />}
          </Section>
        )
      })}
      <Section title={BULLETIN_SECTIONS.problems} note={problemsNote(problems)} className="bulletin-list">
        {problems.items.length === 0 ? <p className="empty">月末没有逾期未办结的问题。</p> : <ProblemsTable problems={problems.items} />}
      </Section>
      <Section title={BULLETIN_SECTIONS.escalated} note={`${bulletin.content.escalated.length}个`} className="bulletin-list">
        {bulletin.content.escalated.length === 0 ? <p className="empty">{ESCALATED_EMPTY}</p> : <EscalatedTable items={bulletin.content.escalated} month={bulletin.month} />}
      </Section>
      <Section title={BULLETIN_SECTIONS.catchUp} note="要完成年度计划，此后每月需完成的投资与本年最好月份之比" className="bulletin-list">
        {bulletin.content.catchUp.length === 0 ? <p className="empty">没有落后于序时进度、需要冲刺的项目。</p> : <CatchUpTable items={bulletin.content.catchUp} />}
      </Section>
      <footer className="bulletin-foot">
        <p className="bulletin-signature">
          <span>{bulletin.issuer}</span>
          <span>{bulletin.issuedDate ? zhDate(bulletin.issuedDate) : DRAFT_MARK}</span>
        </p>
        <p className="bulletin-copy-to">抄送：{bulletin.copyTo}。</p>
      </footer>
    </article>
  )
}

/** 冲刺: the projects hardest to land, with what each month must deliver against the best month (decision 75). */
function CatchUpTable({ items }: { items: readonly ProjectListItem[] }) {
  return (
    <TableScroll label="冲刺项目（可横向滚动）">
      <table className="table table-compact">
        <caption className="sr-only">冲刺项目</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">责任单位</th>
            <th scope="col" className="num">每月需完成（万元）</th>
            <th scope="col" className="num">最好月份（万元）</th>
            <th scope="col" className="num">倍数</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                {i.name}（{i.id}）
              </th>
              <td>{i.responsibleUnit}</td>
              <td className="num">{wanNumber(i.catchUp!.neededPerMonthWan)}</td>
              <td className="num">{wanNumber(i.catchUp!.bestMonthWan)}</td>
              <td className="num">
                {catchUpRatioText(i.catchUp!.ratioToBest)}
                {!i.catchUp!.feasible && '，难以完成'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

/** A list's projects grouped by 责任单位 (zh-CN order), largest shortfall first within each, with each one's 状态. */
function DeptTable({ caption, items, month }: { caption: string; items: readonly ProjectListItem[]; month: string }) {
  return (
    <TableScroll label={caption}>
      <table className="table table-compact">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">责任单位</th>
            <th scope="col">项目</th>
            <th scope="col">状态</th>
            <th scope="col" className="num">完成率</th>
            <th scope="col" className="num">较序时（个百分点）</th>
            <th scope="col" className="num">欠序时进度（万元）</th>
            <th scope="col">判断依据</th>
          </tr>
        </thead>
        <tbody>
          {byResponsibleUnit(items).flatMap(({ unit, items: own }) =>
            own.map((item, i) => (
              <tr key={item.id}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={own.length}>
                    {unit}（{own.length}个）
                  </th>
                )}
                <td className="cell-name">
                  <Link to={paths.project.getHref(item.id, { asOf: month })}>{item.name}</Link> <EscalationMark escalation={item.escalation} />
                  <div className="cell-sub">
                    {item.id} · {item.zoneName}
                  </div>
                </td>
                <td>{statusText(item)}</td>
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

/** 九、挂牌督办项目: each listed project with when and why it was listed (decision 76). */
function EscalatedTable({ items, month }: { items: readonly ProjectListItem[]; month: string }) {
  return (
    <TableScroll label="挂牌督办项目">
      <table className="table table-compact">
        <caption className="sr-only">挂牌督办项目</caption>
        <thead>
          <tr>
            {ESCALATED_COLUMNS.map((column) => (
              <th key={column} scope="col" className={column.includes('万元') ? 'num' : undefined}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const [, since, reason, streak, status, shortfall] = escalatedRow(item)
            return (
              <tr key={item.id}>
                <th scope="row" className="cell-name">
                  <Link to={paths.project.getHref(item.id, { asOf: month })}>{item.name}</Link> <EscalationMark escalation={item.escalation} />
                  <div className="cell-sub">
                    {item.id} · {item.zoneName}
                  </div>
                </th>
                <td>{since}</td>
                <td className="cell-rule">{reason}</td>
                <td>{streak}</td>
                <td>{status}</td>
                <td className="num">{shortfall}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableScroll>
  )
}

function ProblemsTable({ problems }: { problems: Bulletin['content']['problems']['items'] }) {
  return <OverdueProblemsTable items={problems} linked={false} />
}

/** The bulletins issued, the latest month first: 文号, month, 印发日期; a withdrawn one is marked and not opened. */
export function BulletinIndex({ current }: { current: string | undefined }) {
  const query = useQuery(bulletinQueries.list())
  return (
    <Section title="已印发的通报" className="bulletin-index">
      <QueryBoundary query={query} loadingLabel="正在加载通报列表…">
        {(list) => <IndexTable items={list.items} current={current} />}
      </QueryBoundary>
    </Section>
  )
}

function IndexTable({ items, current }: { items: BulletinList['items']; current: string | undefined }) {
  if (items.length === 0) return <p className="empty">尚无已印发的通报：发布月份时印发。</p>
  return (
    <TableScroll label="已印发的通报">
      <table className="table table-compact">
        <caption className="sr-only">已印发的通报</caption>
        <thead>
          <tr>
            <th scope="col">文号</th>
            <th scope="col">月份</th>
            <th scope="col">印发日期</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.number} aria-current={!item.withdrawn && item.month === current ? 'page' : undefined}>
              <th scope="row">
                {item.withdrawn ? (
                  <>
                    <s>{item.number}</s> <span className="badge">已撤回</span>
                  </>
                ) : (
                  <Link to={paths.bulletin.getHref({ asOf: item.month })}>{item.number}</Link>
                )}
              </th>
              <td>{zhMonth(item.month)}</td>
              <td>
                {zhDate(item.issuedDate)}
                {item.withdrawn && item.withdrawnReason ? `（撤回原因：${item.withdrawnReason}）` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
