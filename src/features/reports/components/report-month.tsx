import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Link } from 'react-router'
import { ReportSchema, reportPaths, type QueueItem, type QueueState, type ReportQueue, type UnitCounts } from '@/contract/reports'
import { paths } from '@/config/paths'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { QUEUE_STATE_LABELS, parseReportMonth } from '@/domain/monthly-report'
import { ApiRequestError, apiSend } from '@/lib/api-client'
import { percentFigure, wanNumber, zhDate, zhDateTime } from '@/lib/format'
import { useCan, useCurrentUser } from '@/lib/session'
import { reportQueries } from '../api/reports'
import { ConfidenceTag } from '@/components/confidence-tag'
import { effectiveConfidence } from '@/domain/forecast-report'
import { ReportStatusTag } from './report-review'
import { QueuePhotos } from './report-photos'

const STATE_ORDER: QueueState[] = ['submitted', 'returned', 'draft', 'missing', 'approved']

/**
 * One month of reporting: who has reported, what awaits review, what is overdue — per project and
 * counted by 业主单位 and 责任单位. Staff approve several reviewed reports at once; an owner unit sees
 * its own projects only.
 */
export function ReportMonth({ month }: { month: string }) {
  const query = useQuery(reportQueries.month(month))
  return (
    <QueryBoundary query={query} loadingLabel="正在加载报送情况…">
      {(queue) => <ReportMonthContent queue={queue} />}
    </QueryBoundary>
  )
}

function ReportMonthContent({ queue }: { queue: ReportQueue }) {
  const user = useCurrentUser()
  const canReview = useCan('report:review')
  const [state, setState] = useState<QueueState | 'overdue' | ''>('')
  const [groupBy, setGroupBy] = useState<'owner' | 'dept'>('owner')
  const stateId = useId()
  const m = parseReportMonth(queue.month).month
  const counts = Object.fromEntries(STATE_ORDER.map((s) => [s, queue.items.filter((i) => i.state === s).length])) as Record<QueueState, number>
  const overdue = queue.items.filter((i) => i.overdue).length
  const shown = queue.items.filter((i) => (state === '' ? true : state === 'overdue' ? i.overdue : i.state === state))

  return (
    <div className="stack">
      <p className="lead">
        {user.role === 'owner' ? `本单位（${user.ownerUnit ?? '未绑定'}）` : '全区'}
        {m}月应报 {queue.items.length} 个项目；报送截止 {zhDate(queue.deadline)}
        {queue.pastDeadline ? '（已过截止日，未审核通过的计为逾期）' : '（未到截止日）'}。
        {/* An owner unit reads the log one project at a time (on the project's page). */}
        {user.role !== 'owner' && <Link to={paths.history.getHref({ month: queue.month })}>查看本月的修改记录</Link>}
      </p>
      <dl className="kpi-grid report-kpis">
        {STATE_ORDER.map((s) => (
          <div className="kpi" key={s}>
            <dt>{QUEUE_STATE_LABELS[s]}</dt>
            <dd className="kpi-value">{counts[s]}</dd>
          </div>
        ))}
        <div className={`kpi ${overdue > 0 ? 'kpi-bad' : ''}`}>
          <dt>逾期（截止日后未通过）</dt>
          <dd className="kpi-value">{overdue}</dd>
        </div>
      </dl>

      <Section title="按单位统计" note="逾期多的单位在前">
        <div className="toolbar" role="group" aria-label="统计口径">
          <button type="button" className="button" aria-pressed={groupBy === 'owner'} onClick={() => setGroupBy('owner')}>
            按业主单位
          </button>
          <button type="button" className="button" aria-pressed={groupBy === 'dept'} onClick={() => setGroupBy('dept')}>
            按责任单位
          </button>
        </div>
        <UnitTable rows={groupBy === 'owner' ? queue.byOwnerUnit : queue.byResponsibleUnit} label={groupBy === 'owner' ? '业主单位' : '责任单位'} />
      </Section>

      <Section title="项目月报">
        <div className="toolbar">
          <label htmlFor={stateId}>只看</label>
          <select id={stateId} value={state} onChange={(e) => setState(e.target.value as typeof state)}>
            <option value="">全部（{queue.items.length}）</option>
            {STATE_ORDER.map((s) => (
              <option key={s} value={s}>
                {QUEUE_STATE_LABELS[s]}（{counts[s]}）
              </option>
            ))}
            <option value="overdue">逾期（{overdue}）</option>
          </select>
        </div>
        <ItemsTable items={shown} month={queue.month} canReview={canReview} />
      </Section>
    </div>
  )
}

function UnitTable({ rows, label }: { rows: UnitCounts[]; label: string }) {
  return (
    <TableScroll label={`按${label}统计（可横向滚动）`}>
      {/* A card per unit on a phone (decision 78); the roles spelt out for the blocks. */}
      <table className="table table-compact table-stack" role="table">
        <caption className="sr-only">按{label}统计的报送情况</caption>
        <thead>
          <tr role="row">
            <th scope="col" role="columnheader">{label}</th>
            <th scope="col" role="columnheader" className="num">应报</th>
            <th scope="col" role="columnheader" className="num">逾期</th>
            {STATE_ORDER.map((s) => (
              <th scope="col" role="columnheader" className="num" key={s}>
                {QUEUE_STATE_LABELS[s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unit} role="row">
              <th scope="row" role="rowheader">{row.unit}</th>
              <td data-label="应报" className="num">{row.projects}</td>
              {/* Overdue next to the total: on a phone it stays on screen without scrolling sideways. */}
              <td data-label="逾期" className={`num ${row.overdue > 0 ? 'neg' : ''}`}>{row.overdue}</td>
              {STATE_ORDER.map((s) => (
                <td data-label={QUEUE_STATE_LABELS[s]} className="num" key={s}>
                  {row[s]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

type BatchResult = { approved: number; failed: { projectId: string; message: string }[] }

/** The month's projects; staff tick reviewed submissions and approve them in one go (each audited). */
function ItemsTable({ items, month, canReview }: { items: QueueItem[]; month: string; canReview: boolean }) {
  const queryClient = useQueryClient()
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<BatchResult | null>(null)
  // A report flagged 需核实 is approved on its project's page, with a confirming comment: never in a batch.
  const approvable = items.filter((i) => i.state === 'submitted' && i.flags.length === 0)
  const flagged = items.filter((i) => i.state === 'submitted' && i.flags.length > 0).length
  const chosen = approvable.filter((i) => selected.has(i.projectId))
  const toggle = (projectId: string) =>
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(projectId)) next.delete(projectId)
      else next.add(projectId)
      return next
    })

  const approveChosen = async () => {
    setBusy(true)
    const outcome: BatchResult = { approved: 0, failed: [] }
    // One approval at a time, each with the version that was reviewed: a report changed since is refused (409), not approved blind.
    for (const item of chosen) {
      try {
        await apiSend('POST', reportPaths.action(item.projectId, month, 'approve'), { version: item.version }, ReportSchema)
        outcome.approved += 1
      } catch (error) {
        outcome.failed.push({ projectId: item.projectId, message: error instanceof ApiRequestError ? error.message : '审核失败，请重试' })
      }
    }
    setResult(outcome)
    setSelected(new Set())
    setBusy(false)
    // Approvals change the dashboard's figures and maybe its latest month.
    await queryClient.invalidateQueries()
  }

  return (
    <div className="stack-sm">
      {result && (
        <div className={result.failed.length > 0 ? 'notice notice-warn' : 'notice notice-ok'} role="status">
          已审核通过 {result.approved} 份月报
          {result.failed.length > 0 && (
            <>
              ；{result.failed.length} 份未通过：
              <ul>
                {result.failed.map((f) => (
                  <li key={f.projectId}>
                    {f.projectId}：{f.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {canReview && approvable.length > 0 && (
        <div className="toolbar">
          <button type="button" className="button button-primary" disabled={busy || chosen.length === 0} onClick={() => void approveChosen()}>
            {busy ? '正在审核…' : `审核通过所选（${chosen.length}）`}
          </button>
          <span className="field-hint">请先在项目页查看月报内容，再勾选批量通过。</span>
        </div>
      )}
      {flagged > 0 && (
        <p className="notice notice-warn" role="note">
          <span aria-hidden="true">⚠ </span>
          {flagged} 份待审核月报需核实（排在最前，原因见“状态”栏），须在项目页填写确认意见后逐份审核，不能批量通过。
        </p>
      )}
      {items.length === 0 ? (
        <p className="empty">没有符合条件的项目。</p>
      ) : (
        <TableScroll label="项目月报（可横向滚动）">
          {/* A card per project on a phone (decision 78); the roles spelt out for the blocks. */}
          <table className="table table-compact table-stack" role="table">
            <caption className="sr-only">各项目本月月报</caption>
            <thead>
              <tr role="row">
                {canReview && <th scope="col" role="columnheader">选择</th>}
                <th scope="col" role="columnheader">项目</th>
                <th scope="col" role="columnheader">业主单位</th>
                <th scope="col" role="columnheader">状态</th>
                <th scope="col" role="columnheader">形象进度照片</th>
                <th scope="col" role="columnheader" className="num">
                  当月完成投资（万元）
                </th>
                <th scope="col" role="columnheader" className="num">
                  形象进度
                </th>
                <th scope="col" role="columnheader" className="num">
                  全年预计（万元）
                </th>
                <th scope="col" role="columnheader">完成信心</th>
                <th scope="col" role="columnheader">提交时间</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.projectId} role="row">
                  {canReview && (
                    <td className="cell-select">
                      {item.state === 'submitted' && item.flags.length === 0 && (
                        // The label around the box is its target: 44×44 px on a phone.
                        <label className="check-target">
                          <input
                            type="checkbox"
                            aria-label={`选择 ${item.projectName}`}
                            checked={selected.has(item.projectId)}
                            onChange={() => toggle(item.projectId)}
                          />
                        </label>
                      )}
                    </td>
                  )}
                  <th scope="row" role="rowheader" className="cell-name">
                    <Link to={`${paths.project.getHref(item.projectId)}#reports`}>{item.projectName}</Link>
                    <small className="cell-id"> {item.projectId}</small>
                  </th>
                  <td data-label="业主单位">{item.ownerUnit}</td>
                  <td data-label="状态" className="cell-wide">
                    {item.state === 'missing' ? <span className="tag tag-neutral">{QUEUE_STATE_LABELS.missing}</span> : <ReportStatusTag status={item.state} />}
                    {item.overdue && <span className="tag tag-bad">逾期</span>}
                    {item.returnComment && item.state === 'returned' && <small className="cell-words">退回：{item.returnComment}</small>}
                    {item.state === 'submitted' && item.flags.length > 0 && (
                      <>
                        <span className="tag tag-warn">
                          <span aria-hidden="true">⚠ </span>需核实
                        </span>
                        <small className="cell-words">{item.flags.map((f) => f.message).join('；')}</small>
                      </>
                    )}
                  </td>
                  <td data-label="形象进度照片">
                    <QueuePhotos photos={item.photos} month={month} projectName={item.projectName} />
                  </td>
                  <td data-label="当月完成投资（万元）" className="num">{item.actualWan === null ? '—' : wanNumber(item.actualWan)}</td>
                  <td data-label="形象进度" className="num">{percentFigure(item.progressPercent)}</td>
                  <td data-label="全年预计（万元）" className="num">{item.forecastYearWan === null ? '—' : wanNumber(item.forecastYearWan)}</td>
                  <td data-label="完成信心">
                    <ConfidenceTag level={effectiveConfidence(item)} by={item.commissionConfidence ? '发改委' : undefined} />
                  </td>
                  <td data-label="提交时间">{zhDateTime(item.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  )
}
