import { useEffect } from 'react'
import { useLocation, useSearchParams } from 'react-router'

/** A query parameter a shared link carried that the page could not use. */
export type DroppedParam = { key: string; value: string }

type DroppedState = { droppedParams?: DroppedParam[] }

/** The names readers know the parameters by. */
export const PARAM_LABELS: Record<string, string> = {
  asOf: '截至月份',
  zone: '片区',
  focusArea: '四个聚焦',
  investmentType: '投资类别',
  stage: '建设性质',
  status: '状态',
  owner: '业主单位',
  dept: '责任单位',
  q: '搜索',
  sort: '排序',
  order: '排序方向',
  page: '页码',
  pageSize: '每页条数',
}

/** "片区“xx”、状态“foo”" */
export function droppedText(dropped: readonly DroppedParam[]): string {
  return dropped.map((d) => `${PARAM_LABELS[d.key] ?? d.key}“${d.value}”`).join('、')
}

/**
 * Drop the invalid parameters from the URL (replacing the history entry, so the corrected link is what
 * gets shared next) and keep telling the reader what was dropped: the list travels in the history
 * entry's state, so the notice survives the correction and goes away with the next change of view.
 * Returns what to report: the invalid parameters of `keys`, now or as carried by the corrected entry.
 */
export function useDroppedParams(invalid: readonly DroppedParam[], keys: readonly string[]): DroppedParam[] {
  const [, setParams] = useSearchParams()
  const location = useLocation()
  const carried = ((location.state as DroppedState | null)?.droppedParams ?? []).filter((d) => keys.includes(d.key))
  const pending = invalid.length > 0
  useEffect(() => {
    if (!pending) return
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        for (const d of invalid) next.delete(d.key)
        return next
      },
      { replace: true, state: { droppedParams: merge((location.state as DroppedState | null)?.droppedParams ?? [], invalid) } },
    )
    // Runs again whenever the URL changes while something invalid is still in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending, location.search])
  return merge(carried, invalid)
}

function merge(a: readonly DroppedParam[], b: readonly DroppedParam[]): DroppedParam[] {
  const seen = new Set(a.map((d) => `${d.key}=${d.value}`))
  return [...a, ...b.filter((d) => !seen.has(`${d.key}=${d.value}`))]
}
