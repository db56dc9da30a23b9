import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { ProjectListQuerySchema, type ProjectFilters } from '@/contract'
import { useAsOf } from '@/lib/as-of'
import { useDroppedParams, type DroppedParam } from '@/lib/dropped-params'

/** Query-string keys of a project list view (the same names as the API's). */
export const FILTER_KEYS = ['zone', 'focusArea', 'investmentType', 'stage', 'status', 'escalation', 'missingApproval', 'owner', 'dept', 'q', 'sort', 'order', 'page', 'pageSize'] as const
type FilterKey = (typeof FILTER_KEYS)[number]

const shape = ProjectListQuerySchema.shape

/**
 * The URL is the state of the view: filters, sort and page are read from the query string, each
 * validated with the contract; a bad value in a shared link is dropped and reported, not fatal.
 */
export function useProjectFilters(defaults: Partial<ProjectFilters> = {}) {
  const [params, setParams] = useSearchParams()
  const asOf = useAsOf()

  const { filters, invalid } = useMemo(() => {
    const parsed: Record<string, unknown> = {}
    const invalid: DroppedParam[] = []
    for (const key of FILTER_KEYS) {
      const raw = params.get(key)
      if (raw === null || raw === '') continue
      const result = shape[key].safeParse(raw)
      if (result.success) parsed[key] = result.data
      else invalid.push({ key, value: raw })
    }
    return { filters: { ...defaults, ...parsed, asOf } as ProjectFilters, invalid }
    // defaults is a fresh object per render at call sites; its contents are constant per call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params, asOf])

  /** Change some keys; any change other than paging goes back to page 1. */
  const update = useCallback(
    (changes: Partial<Record<FilterKey, string | number | readonly string[] | undefined>>, options?: { replace?: boolean; state?: unknown }) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current)
          for (const [key, value] of Object.entries(changes)) {
            const text = Array.isArray(value) ? value.join(',') : value === undefined ? '' : String(value)
            if (text === '') next.delete(key)
            else next.set(key, text)
          }
          if (!('page' in changes)) next.delete('page')
          return next
        },
        { replace: options?.replace ?? false, state: options?.state },
      )
    },
    [setParams],
  )

  const reset = useCallback(() => {
    setParams((current) => {
      const next = new URLSearchParams()
      const asOf = current.get('asOf')
      if (asOf) next.set('asOf', asOf)
      return next
    })
  }, [setParams])

  // A bad value in a shared link: dropped from the URL, and the reader is told what was dropped.
  const dropped = useDroppedParams(invalid, FILTER_KEYS)
  return { filters, dropped, update, reset }
}
