import { Link, useRouteError } from 'react-router'
import { paths } from '@/config/paths'

/** Last resort for an error thrown while rendering a page (a bug, or a chunk that failed to load). */
export function RouteError() {
  const error = useRouteError()
  const message = error instanceof Error ? error.message : '未知错误'
  return (
    <div className="shell">
      <main className="main">
        <div className="state state-error" role="alert">
          <strong>页面出错了</strong>
          <span>{message}</span>
          <span>
            <button type="button" className="button" onClick={() => window.location.reload()}>
              重新加载
            </button>{' '}
            <Link to={paths.home.getHref()}>返回总览</Link>
          </span>
        </div>
      </main>
    </div>
  )
}
