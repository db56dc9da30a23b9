import { Suspense } from 'react'
import { NavLink, Outlet, useLocation, useSearchParams } from 'react-router'
import { LATEST_REPORT_MONTH, PLAN_YEAR } from '@/contract'
import { Loading } from '@/components/query-state'
import { paths } from '@/config/paths'
import { asOfParam, asOfSearch, useAsOfMonth } from '@/lib/as-of'
import { monthRange } from '@/lib/format'

const NAV = [
  { to: paths.home, label: '总览', end: true },
  { to: paths.zones, label: '片区' },
  { to: paths.projects, label: '项目库' },
  { to: paths.delayed, label: '滞后项目' },
  { to: paths.help, label: '口径说明' },
] as const

function AsOfSelect() {
  const month = useAsOfMonth()
  const [params, setParams] = useSearchParams()
  return (
    <label className="as-of">
      <span>截至</span>
      <select
        value={month}
        onChange={(event) => {
          const next = new URLSearchParams(params)
          const value = Number(event.target.value)
          if (value === LATEST_REPORT_MONTH) next.delete('asOf')
          else next.set('asOf', asOfParam(value))
          next.delete('page')
          setParams(next)
        }}
        aria-label="截至月份"
      >
        {Array.from({ length: LATEST_REPORT_MONTH }, (_, i) => i + 1).map((m) => (
          <option key={m} value={m}>
            {PLAN_YEAR}年{monthRange(m)}
          </option>
        ))}
      </select>
    </label>
  )
}

export function Layout() {
  const month = useAsOfMonth()
  const location = useLocation()
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        跳到正文
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            南
          </span>
          <span className="brand-text">
            南岸区重点项目进度监测
            <small>区发展改革委</small>
          </span>
        </div>
        <nav aria-label="主导航" className="nav">
          {NAV.map((item) => (
            <NavLink key={item.label} to={item.to.getHref(asOfSearch(month))} end={'end' in item} className="nav-link">
              {item.label}
            </NavLink>
          ))}
        </nav>
        <AsOfSelect />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading label="正在打开页面…" />} key={location.pathname}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer">
        <p>
          数据截至{PLAN_YEAR}年{monthRange(LATEST_REPORT_MONTH)}。项目数、总投资、年度计划及分类合计来自《南岸区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告》；
          标有“模拟”的项目及各项目金额、月度完成、单位与日期为模拟数据，仅供演示。重大建设项目最终以区政府发文为准。
        </p>
      </footer>
    </div>
  )
}
