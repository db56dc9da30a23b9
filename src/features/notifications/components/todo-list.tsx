import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Link } from 'react-router'
import type { Todo } from '@/contract/notifications'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { paths } from '@/config/paths'
import { QUEUE_STATE_LABELS } from '@/domain/monthly-report'
import { daysBetween } from '@/domain/notifications'
import { ApiRequestError } from '@/lib/api-client'
import { zhDate, zhDateTime, zhMonth } from '@/lib/format'
import { notificationQueries, useRemind } from '../api/notifications'

/** "还有3天" / "今天截止" / "已逾期2天": days left in words, never a colour alone. */
export function daysLeftText(days: number, due = '截止'): string {
  if (days > 0) return `还有${days}天`
  if (days === 0) return `今天${due}`
  return `已逾期${-days}天`
}

const STATE_TONE = { returned: 'tag-bad', draft: 'tag-warn', missing: 'tag-neutral' } as const

/** 待办: what this account must do now — an owner unit's reports and problems, or the staff's reviews, late units, problems and the month to publish. */
export function TodoList({ role }: { role: 'owner' | 'staff' }) {
  const query = useQuery(notificationQueries.todo())
  return <QueryBoundary query={query} loadingLabel="正在加载待办…">{(todo) => (role === 'owner' ? <OwnerTodo todo={todo} /> : <StaffTodo todo={todo} />)}</QueryBoundary>
}

function OwnerTodo({ todo }: { todo: Todo }) {
  return (
    <div className="stack">
      <Section
        title={`待报送的月报（${todo.reportsTotal}）`}
        note={`截至${zhDate(todo.today)}；退回的在前${todo.reportsTotal > todo.reports.length ? `；列出前${todo.reports.length}份，其余请在“月报”页按月查看` : ''}`}
      >
        {todo.reports.length === 0 ? (
          <p className="empty">没有待报送的月报。</p>
        ) : (
          // On a phone each report is a card (the table's roles kept for assistive technology).
          <TableScroll label="待报送的月报">
            <table className="table table-compact table-stack" role="table">
              <caption className="sr-only">待报送的月报</caption>
              <thead>
                <tr role="row">
                  <th scope="col" role="columnheader">项目</th>
                  <th scope="col" role="columnheader">月份</th>
                  <th scope="col" role="columnheader">状态</th>
                  <th scope="col" role="columnheader">截止日</th>
                  <th scope="col" role="columnheader">退回原因</th>
                  <th scope="col" role="columnheader">操作</th>
                </tr>
              </thead>
              <tbody>
                {todo.reports.map((r) => (
                  <tr key={`${r.projectId}-${r.month}`} role="row">
                    <th scope="row" role="rowheader" className="cell-name">
                      {r.projectName}
                      <small className="cell-id"> {r.projectId}</small>
                    </th>
                    <td data-label="月份">{zhMonth(r.month)}</td>
                    <td data-label="状态">
                      <span className={`tag ${STATE_TONE[r.state]}`}>{r.state === 'missing' ? '未填报' : QUEUE_STATE_LABELS[r.state]}</span>
                    </td>
                    <td data-label="截止日" className={r.daysLeft < 0 ? 'neg' : undefined}>
                      {zhDate(r.deadline)}（{daysLeftText(r.daysLeft)}）
                    </td>
                    <td data-label="退回原因" className={r.returnComment ? 'cell-words' : 'cell-empty'}>
                      {r.returnComment ?? '—'}
                    </td>
                    <td>
                      <Link to={`${paths.project.getHref(r.projectId)}#reports`} aria-label={`${r.state === 'returned' ? '修改' : '填报'}${r.projectName}${zhMonth(r.month)}月报`}>
                        {r.state === 'returned' ? '修改后重新提交' : '填报'}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <ProblemsTable todo={todo} title="本单位未办结的问题" empty="没有未办结的问题。" />
    </div>
  )
}

function StaffTodo({ todo }: { todo: Todo }) {
  const next = todo.monthToPublish
  return (
    <div className="stack">
      {next && (
        <Section title={`待发布：${zhMonth(next.month)}`} note={`报送截止${zhDate(next.deadline)}（${daysLeftText(daysBetween(todo.today, next.deadline))}）`}>
          <p>
            应报 {next.counts.expected} 个：已审核 {next.counts.approved}，待审核 {next.counts.submitted}，退回 {next.counts.returned}，草稿 {next.counts.draft}，未填报 {next.counts.missing}。
          </p>
          <div className="toolbar">
            <Link className="button button-primary" to={paths.reports.getHref({ month: next.month })}>
              去审核与发布{zhMonth(next.month)}
            </Link>
            <RemindButton month={next.month} />
          </div>
        </Section>
      )}
      <Section title={`待审核的月报（${todo.awaitingReviewTotal}）`} note={todo.awaitingReviewTotal > todo.awaitingReview.length ? `列出最早提交的${todo.awaitingReview.length}份` : '最早提交的在前'}>
        {todo.awaitingReview.length === 0 ? (
          <p className="empty">没有待审核的月报。</p>
        ) : (
          <TableScroll label="待审核的月报（可横向滚动）">
            <table className="table table-compact">
              <caption className="sr-only">待审核的月报</caption>
              <thead>
                <tr>
                  <th scope="col">项目</th>
                  <th scope="col">业主单位</th>
                  <th scope="col">月份</th>
                  <th scope="col">提交时间</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {todo.awaitingReview.map((r) => (
                  <tr key={`${r.projectId}-${r.month}`}>
                    <th scope="row" className="cell-name">
                      {r.projectName}
                      <small className="cell-id"> {r.projectId}</small>
                    </th>
                    <td>{r.ownerUnit}</td>
                    <td>{zhMonth(r.month)}</td>
                    <td>{zhDateTime(r.submittedAt)}</td>
                    <td>
                      <Link to={`${paths.project.getHref(r.projectId)}#reports`} aria-label={`审核${r.projectName}${zhMonth(r.month)}月报`}>
                        审核
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <Section title={`拟挂牌督办，待确认（${todo.escalationProposals.length}）`} note="发布月份时按规则提出，请逐个确认挂牌或不予挂牌">
        {todo.escalationProposals.length === 0 ? (
          <p className="empty">没有待确认的挂牌督办。</p>
        ) : (
          <TableScroll label="拟挂牌督办（可横向滚动）">
            <table className="table table-compact">
              <caption className="sr-only">拟挂牌督办</caption>
              <thead>
                <tr>
                  <th scope="col">项目</th>
                  <th scope="col">业主单位</th>
                  <th scope="col">提出日期</th>
                  <th scope="col">依据</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {todo.escalationProposals.map((e) => (
                  <tr key={e.projectId}>
                    <th scope="row" className="cell-name">
                      {e.projectName}
                      <small className="cell-id"> {e.projectId}</small>
                    </th>
                    <td>{e.ownerUnit}</td>
                    <td>{zhDate(e.since)}</td>
                    <td className="cell-text">{e.rule}</td>
                    <td>
                      <Link to={`${paths.project.getHref(e.projectId)}#escalation`} aria-label={`处理${e.projectName}的挂牌督办`}>
                        处理
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <Section title={`逾期未报的单位（${todo.lateUnits.length}）`} note="报送截止日后仍有月报未提交">
        {todo.lateUnits.length === 0 ? (
          <p className="empty">没有逾期未报的单位。</p>
        ) : (
          <TableScroll label="逾期未报的单位（可横向滚动）">
            <table className="table table-compact">
              <caption className="sr-only">逾期未报的单位</caption>
              <thead>
                <tr>
                  <th scope="col">业主单位</th>
                  <th scope="col">月份</th>
                  <th scope="col" className="num">
                    未提交项目
                  </th>
                </tr>
              </thead>
              <tbody>
                {todo.lateUnits.map((u) => (
                  <tr key={`${u.unit}-${u.month}`}>
                    <th scope="row">{u.unit}</th>
                    <td>{zhMonth(u.month)}</td>
                    <td className="num">{u.projects}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <ProblemsTable todo={todo} title="一周内到期或已逾期的问题" empty="一周内没有到期或逾期的问题。" />
    </div>
  )
}

function ProblemsTable({ todo, title, empty }: { todo: Todo; title: string; empty: string }) {
  return (
    <Section title={`${title}（${todo.problems.length}）`} note={`截至${zhDate(todo.today)}；办结时限最早的在前`}>
      {todo.problems.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <TableScroll label={`${title}（可横向滚动）`}>
          <table className="table table-compact">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">问题</th>
                <th scope="col">项目</th>
                <th scope="col">督办部门</th>
                <th scope="col">办结时限</th>
              </tr>
            </thead>
            <tbody>
              {todo.problems.map((p) => (
                <tr key={p.problemId}>
                  <th scope="row" className="cell-name">
                    {p.description}
                    <small className="cell-id"> {p.problemId}</small>
                  </th>
                  <td>
                    <Link to={paths.project.getHref(p.projectId)}>{p.projectName}</Link>
                  </td>
                  <td>{p.assignedTo ?? '未督办'}</td>
                  <td className={p.daysLeft < 0 ? 'neg' : undefined}>
                    {zhDate(p.dueDate)}（{daysLeftText(p.daysLeft, '到期')}）
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Section>
  )
}

/** 催报: one action reminds every unit with the month's reports not submitted (once a day per unit). */
export function RemindButton({ month }: { month: string }) {
  const remind = useRemind()
  const [open, setOpen] = useState(false)
  const [comment, setComment] = useState('')
  const commentId = useId()
  const outcome = remind.data
  return (
    <div className="remind">
      {!open ? (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          催报{zhMonth(month)}月报
        </button>
      ) : (
        <form
          aria-label={`催报${zhMonth(month)}月报`}
          className="stack-sm"
          onSubmit={(event) => {
            event.preventDefault()
            remind.mutate({ month, comment: comment.trim() || undefined }, { onSuccess: () => setOpen(false) })
          }}
        >
          <label htmlFor={commentId}>附言（选填，最多 200 字）</label>
          <input id={commentId} className="input" maxLength={200} value={comment} onChange={(e) => setComment(e.target.value)} />
          <div className="toolbar">
            <button type="submit" className="button button-primary" disabled={remind.isPending}>
              通知所有未报单位
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              取消
            </button>
          </div>
        </form>
      )}
      {remind.isError && (
        <p className="notice notice-warn" role="alert">
          {remind.error instanceof ApiRequestError ? remind.error.message : '催报失败，请检查网络后重试'}
        </p>
      )}
      {outcome && !open && (
        <p className="notice notice-ok" role="status">
          {outcome.units.length > 0 ? `已催报${outcome.units.length}个单位（${outcome.units.reduce((n, u) => n + u.projects, 0)}个项目）。` : '没有需要催报的单位。'}
          {outcome.alreadyReminded > 0 ? `${outcome.alreadyReminded}个单位今天已催报过，不再重复通知。` : ''}
        </p>
      )}
    </div>
  )
}
