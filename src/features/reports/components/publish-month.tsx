import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import type { MonthCounts } from '@/contract/months'
import { parseReportMonth } from '@/domain/monthly-report'
import { ApiRequestError } from '@/lib/api-client'
import { reportQueries, usePublishMonth } from '../api/reports'

/**
 * "10月：已审核 98/124，待审核 12，退回 4，未报送 10；发布后未报送的项目按未报送计": what is missing, said
 * before the month is published. A draft is not a report yet: it counts as 未报送.
 */
export function publishSummary(m: number, counts: MonthCounts): string {
  const notReported = counts.missing + counts.draft
  return `${m}月：已审核 ${counts.approved}/${counts.expected}，待审核 ${counts.submitted}，退回 ${counts.returned}，未报送 ${notReported}；发布后未报送的项目按未报送计`
}

/**
 * 发布 (staff): the oldest open month is published here. The button first shows, in a confirmation
 * dialog, what is in and what is missing; publishing moves every reader's default month to it and closes
 * its reports (docs/decisions/063).
 */
export function PublishMonth({ month }: { month: string }) {
  const m = parseReportMonth(month).month
  const [open, setOpen] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const trigger = useRef<HTMLButtonElement>(null)
  return (
    <div className="publish-month">
      <button
        ref={trigger}
        type="button"
        className="button button-primary"
        onClick={() => {
          setDone(null)
          setOpen(true)
        }}
      >
        发布{m}月
      </button>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {open && (
        <PublishDialog
          month={month}
          onClose={(message) => {
            setOpen(false)
            if (message) setDone(message)
            trigger.current?.focus()
          }}
        />
      )}
    </div>
  )
}

/** The confirmation: a modal dialog (labelled, Escape cancels, Tab stays inside, focus returns to the button). */
function PublishDialog({ month, onClose }: { month: string; onClose: (message?: string) => void }) {
  const { year, month: m } = parseReportMonth(month)
  const titleId = useId()
  const bodyId = useId()
  const commentId = useId()
  const state = useQuery(reportQueries.monthState(month))
  const publish = usePublishMonth()
  const [comment, setComment] = useState('')
  const dialog = useRef<HTMLDivElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    cancel.current?.focus()
  }, [])
  // The dialog's keys: Escape cancels; Tab and Shift+Tab go round its controls and never leave it.
  useEffect(() => {
    const node = dialog.current
    if (!node) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        onClose()
        return
      }
      if (event.key !== 'Tab') return
      const focusable = [...node.querySelectorAll<HTMLElement>('button:not([disabled]), textarea')]
      const first = focusable[0]
      const last = focusable.at(-1)
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault()
        last?.focus()
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault()
        first?.focus()
      }
    }
    node.addEventListener('keydown', onKeyDown)
    return () => node.removeEventListener('keydown', onKeyDown)
  }, [onClose])
  const error = publish.error instanceof ApiRequestError ? publish.error.message : publish.error ? '发布失败，请重试' : null
  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId}>
        <h2 id={titleId}>
          发布{year}年{m}月
        </h2>
        <div id={bodyId}>
          {state.isPending ? (
            <p>正在统计{m}月的报送情况…</p>
          ) : state.isError ? (
            <p role="alert">无法读取{m}月的报送情况：{state.error.message}</p>
          ) : (
            <p>{publishSummary(m, state.data.counts)}</p>
          )}
          <p>发布后，各角色默认查看{m}月的数据；{m}月的月报不能再保存、提交、审核或退回。</p>
        </div>
        <label htmlFor={commentId}>发布说明（可选）</label>
        <textarea id={commentId} value={comment} maxLength={500} rows={2} onChange={(e) => setComment(e.target.value)} />
        {error && (
          <p className="notice notice-warn" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={publish.isPending || !state.isSuccess}
            onClick={() =>
              publish.mutate(
                { month, comment: comment.trim() || undefined },
                { onSuccess: () => onClose(`已发布${year}年${m}月：各角色默认查看${year}年1-${m}月的数据`) },
              )
            }
          >
            确认发布
          </button>
          <button ref={cancel} type="button" className="button" onClick={() => onClose()}>
            取消
          </button>
        </div>
      </div>
    </div>
  )
}
