import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import type { ProjectFilters, ProjectList, ProjectListItem } from '@/contract'
import { LAG_CLASS_LABELS } from '@/domain/labels'
import { describeFilters } from '@/domain/filter-text'
import { LIST_LABELS, listTitle, type ListKind } from '@/domain/list-export'
import { ApiRequestError } from '@/lib/api-client'
import { monthRange, percent, signedPoints, wanNumber, yiNumber } from '@/lib/format'
import { fetchAllProjects } from '../api/fetch-all'
import { approvalQueries } from '../api/approvals'
import { totalsLabel } from './project-table'

/** Only on paper: what the list is, as of when, filtered how, and how much of it is printed. */
export function PrintHeader({ kind, planYear, month, filters, extent, notice }: { kind: ListKind; planYear: number; month: number; filters: ProjectFilters; extent: string; notice: string | null }) {
  const kinds = useQuery({ ...approvalQueries.kinds(), enabled: filters.missingApproval !== undefined })
  const approvalName = kinds.data?.items.find((k) => k.kind === filters.missingApproval)?.name
  return (
    <div className="print-only print-header">
      <h1>{listTitle(kind)}</h1>
      <p>
        数据截至{planYear}年{monthRange(month)} · {extent}
      </p>
      <p>{describeFilters(filters, approvalName)}</p>
      {notice && <p>{notice}</p>}
    </div>
  )
}

/** The printed list: every row, the figures that matter, one unit per column, no controls. */
function PrintTable({ items, label, totals }: { items: ProjectListItem[]; label: string; totals: ProjectList['totals'] }) {
  return (
    <table className="table print-table">
      <caption className="sr-only">{label}（打印）</caption>
      <thead>
        <tr>
          <th scope="col">序号</th>
          <th scope="col">项目</th>
          <th scope="col">片区</th>
          <th scope="col">状态</th>
          <th scope="col" className="num">年度计划（亿元）</th>
          <th scope="col" className="num">累计完成（亿元）</th>
          <th scope="col" className="num">完成率</th>
          <th scope="col" className="num">较序时（个百分点）</th>
          <th scope="col" className="num">欠序时进度（万元）</th>
          <th scope="col">责任单位</th>
          <th scope="col">判断依据</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          <tr key={item.id}>
            <td className="num">{i + 1}</td>
            <th scope="row">
              {item.name}
              <div className="cell-sub">{item.id}</div>
            </th>
            <td>{item.zoneName}</td>
            <td>{LAG_CLASS_LABELS[item.status.lagClass]}</td>
            <td className="num">{yiNumber(item.annualPlanWan)}</td>
            <td className="num">{yiNumber(item.status.cumulativeActualWan)}</td>
            <td className="num">{percent(item.status.completionRate)}</td>
            <td className="num">{signedPoints(item.status.gapPoints)}</td>
            <td className="num">{wanNumber(item.status.shortfallWan)}</td>
            <td>{item.responsibleUnit}</td>
            <td>
              {item.status.rule}
              {item.missingApprovals.length > 0 && `；未取得：${item.missingApprovals.map((m) => m.name).join('、')}`}
            </td>
          </tr>
        ))}
      </tbody>
      {/* The totals the screen shows, once after the last row (decision 78): a row group, not a footer repeated on each page. */}
      <tfoot className="print-totals">
        <tr>
          <td />
          <th scope="row">{totalsLabel(items.length)}</th>
          <td />
          <td />
          <td className="num">{yiNumber(totals.annualPlanWan)}</td>
          <td className="num">{yiNumber(totals.cumulativeActualWan)}</td>
          <td className="num">{percent(totals.completionRate)}</td>
          <td />
          <td className="num">{wanNumber(totals.shortfallWan)}</td>
          <td />
          <td />
        </tr>
      </tfoot>
    </table>
  )
}

type Printing = { items: ProjectListItem[]; month: number; planYear: number; notice: string | null; totals: ProjectList['totals'] }

/**
 * 打印全部: loads every page of the list (as on screen, all of it), lays it out for A4 landscape and opens
 * the browser's print dialog. Printing with Ctrl+P instead prints the page in view, and says which page.
 */
export function PrintButton({ filters, total, kind }: { filters: ProjectFilters; total: number; kind: ListKind }) {
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [printing, setPrinting] = useState<Printing | null>(null)

  useEffect(() => {
    if (!printing) return
    const done = () => setPrinting(null)
    window.addEventListener('afterprint', done)
    // After the full list is in the page; print() blocks until the dialog closes in most browsers.
    const timer = window.setTimeout(() => window.print(), 0)
    return () => {
      window.clearTimeout(timer)
      window.removeEventListener('afterprint', done)
    }
  }, [printing])

  const printAll = async () => {
    setBusy(true)
    setError(null)
    try {
      const { items, month, planYear, simulatedNotice, totals } = await fetchAllProjects(queryClient, filters)
      setPrinting({ items, month, planYear, notice: simulatedNotice, totals })
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : '打印准备失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <span className="export">
      <button type="button" className="button" onClick={() => void printAll()} disabled={busy}>
        {busy ? '正在准备打印…' : `打印全部（${total} 个项目）`}
      </button>
      {error && (
        <span role="alert" className="neg">
          {error}
        </span>
      )}
      {/* Outside the app's shell, so the print style can set the whole page aside for it. */}
      {printing &&
        createPortal(
          <div className="print-full" data-testid="print-full">
            <PrintHeader kind={kind} planYear={printing.planYear} month={printing.month} filters={filters} extent={`项目共计 ${printing.items.length} 个，全部列出`} notice={printing.notice} />
            <PrintTable items={printing.items} label={LIST_LABELS[kind]} totals={printing.totals} />
          </div>,
          document.body,
        )}
    </span>
  )
}
