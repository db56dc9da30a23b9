import type { ReactNode } from 'react'
import { Link, useLocation } from 'react-router'
import { ApiRequestError } from '@/lib/api-client'

export function Loading({ label = '正在加载数据…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  )
}

export function ErrorState({ error, onRetry, title = '数据加载失败' }: { error: unknown; onRetry?: () => void; title?: string }) {
  if (error instanceof ApiRequestError && error.code === 'month_unpublished') return <UnpublishedMonth message={error.message} />
  const message = error instanceof ApiRequestError ? error.message : '发生未知错误'
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  )
}

/**
 * A link to a month not yet published, opened by a reader who sees published months only: not a failure to
 * retry, but a month to wait for. The same page without its month is the latest published one.
 */
function UnpublishedMonth({ message }: { message: string }) {
  const location = useLocation()
  const search = new URLSearchParams(location.search)
  search.delete('asOf')
  const rest = search.toString()
  return (
    <div className="state state-not-found" role="status">
      <strong>该月数据尚未发布</strong>
      <span>{message}</span>
      <Link to={`${location.pathname}${rest ? `?${rest}` : ''}`}>查看已发布的最新月份</Link>
    </div>
  )
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>
}

export function NotFoundState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-not-found" role="alert">
      <strong>{title}</strong>
      {children}
    </div>
  )
}

/** Loading / error (with retry) around one query's data. */
export function QueryBoundary<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; isPlaceholderData?: boolean; refetch: () => unknown }
  children: (data: T) => ReactNode
  loadingLabel?: string
}) {
  if (query.isPending) return <Loading label={loadingLabel} />
  if (query.error || query.data === undefined) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  return <Updating active={query.isPlaceholderData ?? false}>{children(query.data)}</Updating>
}

/**
 * The previous view stays on screen while the next one loads (another 截至 month): dimmed, marked busy,
 * with a visible and announced "正在更新…", so the reader neither loses the page nor mistakes it for the new one.
 */
export function Updating({ active, children }: { active: boolean; children: ReactNode }) {
  return (
    <>
      <p className="sr-only" aria-live="polite">
        {active ? '正在更新…' : ''}
      </p>
      <div className={active ? 'is-updating' : undefined} aria-busy={active}>
        {children}
      </div>
    </>
  )
}
