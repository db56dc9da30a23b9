import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { Link, Navigate, NavLink, Outlet, useLocation, useMatches, useNavigate, useSearchParams } from 'react-router'
import type { SessionUser } from '@/contract'
import { Brand } from '@/components/brand'
import { ErrorState, Loading, NotFoundState } from '@/components/query-state'
import { env } from '@/config/env'
import { paths } from '@/config/paths'
import { can, ROLE_LABELS, type Permission } from '@/domain/access'
import { authQueries, useLogout } from '@/features/auth/api/auth'
import { asOfParam, asOfSearch, calendarNow, monthOfAsOf, useAsOf, useCalendar, yearOfAsOf } from '@/lib/as-of'
import { monthRange } from '@/lib/format'
import { useHydrated } from '@/lib/hydrated'
import { SessionProvider, useCan } from '@/lib/session'
import { isFutureMonth, isPublished } from '@/domain/calendar'
import { AnnounceStarted } from './first-paint/announce-started'
import { NavigationScroll } from './navigation-scroll'
import { requiredPermission } from './route-access'

/**
 * `short`: the word shown below 1680 px wide, where the staff's ten links, the month and the user share one
 * line at 1440 px; the link's name stays `label` (it begins with the short word), so a screen reader and a
 * voice command use the page's full name.
 */
type NavItem = { to: { getHref: (search?: Record<string, string | undefined>) => string }; label: string; short?: string; permission: Permission; end?: true; serverOnly?: true }

/** The navigation mirrors the permissions: a link is shown only to a role that may use its page. */
const NAV: readonly NavItem[] = [
  { to: paths.todo, label: '待办', permission: 'todo:read' },
  { to: paths.home, label: '总览', end: true, permission: 'data:read' },
  { to: paths.zones, label: '片区', permission: 'data:read' },
  { to: paths.projects, label: '项目库', permission: 'data:read' },
  { to: paths.delayed, label: '滞后项目', short: '滞后', permission: 'data:read' },
  { to: paths.reports, label: '月报', permission: 'data:read' },
  { to: paths.bulletin, label: '通报', permission: 'data:read' },
  // Workbooks are read on the server: the demo build without one does not offer the page.
  { to: paths.importLedger, label: '导入台账', short: '导入', permission: 'project:edit', serverOnly: true },
  { to: paths.help, label: '口径说明', short: '口径', permission: 'data:read' },
  { to: paths.adminAccounts, label: '账户管理', permission: 'accounts:manage' },
]

function AsOfSelect() {
  const calendar = useCalendar()
  const asOf = useAsOf()
  const [params, setParams] = useSearchParams()
  // The staff alone may look at a month not yet published (marked 未发布); everyone else reads published months only.
  const mayReadUnpublished = useCan('month:publish')
  // The month in view: the link's, else the open year's latest published (once the calendar is known).
  const shown = asOf ?? (calendar ? asOfParam(calendar.planYear, calendar.latestReportMonth) : undefined)
  // Every year with a list, newest first, each up to its latest published month (or the month in view, if
  // later); for the staff the open year also offers the month in progress (the oldest open month that has
  // begun). Until the calendar arrives only the month in view is offered.
  const inProgress = calendar && mayReadUnpublished ? calendar.months.find((m) => m.status === 'open') : undefined
  const inProgressMonth = inProgress && !isFutureMonth(calendar!.planYear, monthOfAsOf(inProgress.month), calendarNow(calendar)) ? monthOfAsOf(inProgress.month) : 0
  const years = calendar
    ? calendar.years.map(({ year, latestReportMonth }) => {
        const inView = shown && yearOfAsOf(shown) === year ? monthOfAsOf(shown) : 1
        const upTo = Math.max(latestReportMonth, inView, year === calendar.planYear ? inProgressMonth : 0)
        return { year, months: Array.from({ length: upTo }, (_, i) => i + 1) }
      })
    : shown
      ? [{ year: yearOfAsOf(shown), months: [monthOfAsOf(shown)] }]
      : []
  const unpublished = (year: number, m: number) => calendar !== undefined && !isPublished(calendar, year, m)
  const options = (year: number, months: number[]) =>
    months.map((m) => (
      <option key={m} value={asOfParam(year, m)}>
        {year}年{monthRange(m)}
        {unpublished(year, m) ? '（未发布）' : ''}
      </option>
    ))
  return (
    <label className="as-of">
      <span>截至</span>
      <select
        value={shown ?? ''}
        onChange={(event) => {
          const next = new URLSearchParams(params)
          const value = event.target.value
          // The open year's latest month is the default view: its links carry no asOf.
          if (calendar && value === asOfParam(calendar.planYear, calendar.latestReportMonth)) next.delete('asOf')
          else next.set('asOf', value)
          next.delete('page')
          setParams(next)
        }}
        aria-label="截至月份"
      >
        {years.length > 1
          ? years.map(({ year, months }) => (
              <optgroup key={year} label={year === calendar?.planYear ? `${year}年度（当前）` : `${year}年度（已结束）`}>
                {options(year, months)}
              </optgroup>
            ))
          : years.map(({ year, months }) => options(year, months))}
      </select>
    </label>
  )
}

/** The month published last (only for accounts that read project data). */
function LatestReportNote() {
  const calendar = useCalendar()
  if (calendar === undefined) return null
  return calendar.publishedMonth ? <>已发布至{calendar.planYear}年{calendar.latestReportMonth}月。</> : calendar.hasApprovedReports ? <>{calendar.planYear}年尚未发布任何月份。</> : <>{calendar.planYear}年尚无审核通过的月报。</>
}

/** Who is signed in, and the way out: sign out, then the sign-in page (which forgets the cached data). */
function UserBox({ user }: { user: SessionUser }) {
  const logout = useLogout()
  const navigate = useNavigate()
  return (
    <div className="user-box">
      <span className="user-name" title={user.displayName}>
        <span>{user.displayName}</span>
        <small>{ROLE_LABELS[user.role]}</small>
      </span>
      <Link to={paths.accountPassword.getHref()} className="button button-on-dark" aria-label="修改密码">
        {/* On a phone the header has room for 密码 alone; the link's name stays 修改密码. */}
        <span className="wide-only">修改</span>密码
      </Link>
      <button
        type="button"
        className="button button-on-dark"
        disabled={logout.isPending}
        onClick={() =>
          logout.mutate(undefined, { onSuccess: () => void navigate(paths.login.getHref(), { replace: true }) })
        }
      >
        退出
      </button>
      {logout.isError && (
        <span role="alert" className="user-box-error">
          退出失败，请重试
        </span>
      )}
    </div>
  )
}

/** A page the role may not use: say so plainly, and point to what it may do. */
function NotPermitted({ user }: { user: SessionUser }) {
  if (!can(user.role, 'data:read') && can(user.role, 'accounts:manage')) {
    return (
      <NotFoundState title="管理员账户只管理账户，不查看项目数据">
        <span>如需查看项目数据，请使用区领导、发改委工作人员、督查或业主单位账户登录。</span>
        <Link to={paths.adminAccounts.getHref()}>前往账户管理</Link>
      </NotFoundState>
    )
  }
  return (
    <NotFoundState title="当前账户无权访问此页面">
      <span>此页面只对有相应权限的账户开放。</span>
      <Link to={paths.home.getHref()}>返回总览</Link>
    </NotFoundState>
  )
}

const AsOfNotice = lazy(() => import('./as-of-notice'))
const NotificationLink = lazy(() => import('@/features/notifications/components/notification-link'))
/** After an unusable asOf was dropped from the URL, the notice stays to say so (the list is in the history state). */
const carriesDroppedAsOf = (state: unknown) =>
  ((state as { droppedParams?: { key: string }[] } | null)?.droppedParams ?? []).some((d) => d.key === 'asOf')

/**
 * The as-of notice, in a component of its own: `useHydrated` turns true right after React adopts a drawn page,
 * and that re-render (a synchronous one, as every external store's) must stay this small. Made in the Shell,
 * it reached the page's Suspense boundary while React was still adopting it and made React adopt the whole
 * page in one task (~110 ms on a 4×-slowed phone) instead of in slices.
 */
function AsOfNoticeSlot() {
  const hydrated = useHydrated()
  const [params] = useSearchParams()
  const location = useLocation()
  if (!params.has('asOf') && !(hydrated && carriesDroppedAsOf(location.state))) return null
  return (
    <Suspense fallback={null}>
      <AsOfNotice />
    </Suspense>
  )
}

function Shell({ user }: { user: SessionUser }) {
  const asOf = useAsOf()
  const location = useLocation()
  const required = requiredPermission(useMatches())
  const readsData = can(user.role, 'data:read')
  // An account that sees no project data starts at the page it does use.
  if (!readsData && location.pathname === paths.home.path && can(user.role, 'accounts:manage')) {
    return <Navigate replace to={paths.adminAccounts.getHref()} />
  }
  const permitted = !required || can(user.role, required)
  return (
    <div className="shell">
      <NavigationScroll />
      <a className="skip-link" href="#main">
        跳到正文
      </a>
      <header className="topbar">
        <Brand />
        <nav aria-label="主导航" className="nav">
          {NAV.filter((item) => can(user.role, item.permission) && !(item.serverOnly && env.VITE_API_MODE === 'mock')).map((item) => (
            <NavLink
              key={item.label}
              to={item.to.getHref(item.permission === 'data:read' && item.to !== paths.reports ? asOfSearch(asOf) : undefined)}
              end={item.end}
              className="nav-link"
              aria-label={item.short ? item.label : undefined}
            >
              {item.short ? (
                <>
                  <span className="nav-short">{item.short}</span>
                  <span className="nav-full">{item.label}</span>
                </>
              ) : (
                item.label
              )}
            </NavLink>
          ))}
        </nav>
        {/* The as-of month is a view of the figures; the 月报 page has its own month. */}
        {readsData && ![paths.reports.path, paths.history.path, paths.importLedger.path, paths.todo.path, paths.notifications.path, paths.accountPassword.path].some((p) => location.pathname.startsWith(p)) && <AsOfSelect />}
        {/* The unread count loads after the page (its own chunk): until then a plain link. */}
        <Suspense
          fallback={
            <NavLink to={paths.notifications.getHref()} className="nav-link notice-link">
              通知
            </NavLink>
          }
        >
          <NotificationLink />
        </Suspense>
        <UserBox user={user} />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {/* Loaded only for a link that names a month: the first page of a plain visit stays small. */}
        {permitted && readsData && <AsOfNoticeSlot />}
        {permitted ? (
          <Suspense fallback={<Loading label="正在打开页面…" />} key={location.pathname}>
            <Outlet />
            <AnnounceStarted />
          </Suspense>
        ) : (
          <>
            <NotPermitted user={user} />
            <AnnounceStarted />
          </>
        )}
      </main>
      {readsData && (
        <footer className="footer">
          <p>
            <LatestReportNote />
            项目数、总投资、年度计划及分类合计来自《南岸区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告》；
            标有“模拟”的内容为模拟数据，仅供演示。重大建设项目最终以区政府发文为准。
          </p>
        </footer>
      )}
    </div>
  )
}

/**
 * The signed-in shell. The session is checked first: while it loads, a spinner; without one, the
 * sign-in page, which returns here afterwards (`next`). A 401 from any later request clears the
 * session query (src/lib/query-client.ts), which brings the user back through the same check.
 */
export function Layout() {
  const me = useQuery(authQueries.me())
  const location = useLocation()
  if (me.isPending) {
    return (
      <div className="shell">
        <main id="main" className="main">
          <Loading label="正在确认登录状态…" />
        </main>
      </div>
    )
  }
  if (me.isError) {
    return (
      <div className="shell">
        <main id="main" className="main">
          <ErrorState error={me.error} title="无法确认登录状态" onRetry={() => void me.refetch()} />
        </main>
      </div>
    )
  }
  if (!me.data) return <Navigate replace to={paths.login.getHref(`${location.pathname}${location.search}`)} />
  return (
    <SessionProvider user={me.data}>
      <Shell user={me.data} />
    </SessionProvider>
  )
}
