import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useDeferredValue, useEffect, useId, useRef, useState } from 'react'
import { useLocation } from 'react-router'
import {
  DELAYED_CLASSES,
  FOCUS_AREAS,
  INVESTMENT_TYPES,
  LAG_CLASSES,
  MAX_PAGE_SIZE,
  STAGES,
  type LagClass,
  type ProjectFilters,
  type ProjectList,
  type ZoneId,
} from '@/contract'
import { EmptyState, ErrorState, Loading } from '@/components/query-state'
import { FOCUS_AREA_LABELS, INVESTMENT_TYPE_LABELS, LAG_CLASS_LABELS, STAGE_LABELS } from '@/domain/labels'
import { scheduleRate } from '@/domain/rules'
import { money, moneyUnitFor, monthRange, percent } from '@/lib/format'
import { useCan } from '@/lib/session'
import { droppedText } from '@/lib/dropped-params'
import { projectQueries } from '../api/projects'
import { approvalQueries } from '../api/approvals'
import { useProjectFilters } from '../hooks/use-project-filters'
import { ExportButton } from './export-button'
import { PrintButton, PrintHeader } from './print-list'
import { DELAYED_COLUMNS, LIST_COLUMNS, ProjectTable } from './project-table'
import { SimulatedNotice } from '@/components/simulated-notice'
import { asReported } from '@/domain/plan-report'
import { LIST_DEFAULTS, delayedCountsFilters, type ListMode } from '@/config/project-lists'

const PAGE_SIZES = [20, 50, 100, MAX_PAGE_SIZE]
/** 挂牌督办 (decision 76): the listed projects, or the rule's proposals awaiting the staff. */
const ESCALATION_FILTER_CHOICES = [
  { value: 'listed', label: '已挂牌督办' },
  { value: 'proposed', label: '拟挂牌（待确认）' },
] as const

/**
 * A zone's list, asked for before it is drawn: the zone page draws it when the reader scrolls towards it,
 * and printing draws it at once, which needs its rows already there.
 */
export function usePrefetchZoneList(zone: ZoneId | undefined) {
  const { filters } = useProjectFilters(LIST_DEFAULTS.all)
  const queryClient = useQueryClient()
  const options = zone ? projectQueries.list({ ...filters, zone }) : null
  const key = options ? JSON.stringify(options.queryKey) : ''
  useEffect(() => {
    if (options) void queryClient.prefetchQuery(options)
    // The options object is new each render; its key says when it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, queryClient])
}

/**
 * The project list with its filters, sums, sort and pages, all kept in the URL. `fixedZone` embeds
 * it in a zone's page; `mode="delayed"` is the reviewers' queue (only the 滞后 classes, largest shortfall first).
 */
export function ProjectBrowser({ fixedZone, mode = 'all' }: { fixedZone?: ZoneId; mode?: ListMode }) {
  const { filters, dropped, update, reset } = useProjectFilters(LIST_DEFAULTS[mode])
  const effective: ProjectFilters = { ...filters, ...(fixedZone ? { zone: fixedZone } : {}) }
  let outOfQueue: string[] = []
  let allowed: LagClass[] = []
  if (mode === 'delayed') {
    // The queue never shows projects on pace, whatever the link says — and says so.
    allowed = (effective.status ?? []).filter((s) => (DELAYED_CLASSES as readonly string[]).includes(s))
    outOfQueue = (effective.status ?? []).filter((s) => !allowed.includes(s)).map((s) => LAG_CLASS_LABELS[s])
    effective.status = allowed.length > 0 ? allowed : [...DELAYED_CLASSES]
  }
  // The link is corrected (the statuses it cannot use leave the URL); the notice travels in the history state.
  const location = useLocation()
  const carriedIgnored = (location.state as { ignoredStatuses?: string[] } | null)?.ignoredStatuses ?? []
  const ignoredKey = outOfQueue.join('、')
  useEffect(() => {
    if (ignoredKey === '') return
    update({ status: allowed.length > 0 ? allowed : undefined }, { replace: true, state: { ignoredStatuses: ignoredKey.split('、') } })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ignoredKey])
  const ignoredStatuses = outOfQueue.length > 0 ? outOfQueue : carriedIgnored
  const query = useQuery(projectQueries.list(effective))
  // A new answer is drawn in a background render that yields to the browser every few milliseconds.
  const list = useDeferredValue(query.data)
  // Counts per class ignore the class filter, so a reviewer sees what each chip would give.
  const countsQuery = useQuery({
    ...projectQueries.list(delayedCountsFilters(effective)),
    enabled: mode === 'delayed',
  })

  return (
    <div className="stack-sm">
      <FilterBar filters={effective} update={update} reset={reset} fixedZone={fixedZone} mode={mode} />
      {mode === 'delayed' && (
        <ClassChips
          selected={effective.status ?? []}
          counts={countsQuery.data}
          onChange={(status) => update({ status: status.length === DELAYED_CLASSES.length ? undefined : status })}
        />
      )}
      {dropped.length > 0 && (
        <p className="notice" role="status">
          链接中的部分筛选条件无效，已忽略：{droppedText(dropped)}。
        </p>
      )}
      {ignoredStatuses.length > 0 && (
        <p className="notice" role="status">
          滞后项目清单只含{DELAYED_CLASSES.map((c) => LAG_CLASS_LABELS[c]).join('、')}，链接中的状态“{ignoredStatuses.join('、')}”已忽略。
        </p>
      )}
      {query.isPending || (query.data && !list) ? (
        <Loading label="正在加载项目…" />
      ) : query.error || !list ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Results
          list={list}
          // Inside a zone page the page already says whether its figures are simulated: say it once.
          showNotice={!fixedZone}
          fixed={fixedZone !== undefined}
          mode={mode}
          filters={effective}
          update={update}
          reset={reset}
          // Busy until the newest answer is drawn, not only fetched.
          fetching={query.isFetching || list !== query.data}
        />
      )}
    </div>
  )
}

function Results({
  list,
  showNotice,
  mode,
  filters,
  update,
  reset,
  fetching,
  fixed,
}: {
  list: ProjectList
  fixed: boolean
  showNotice: boolean
  mode: ListMode
  filters: ProjectFilters
  update: ReturnType<typeof useProjectFilters>['update']
  reset: () => void
  fetching: boolean
}) {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize))
  // Offered only to the roles the server lets export (staff, reviewer).
  const canExport = useCan('list:export')
  // The rule's proposals are the staff's to decide: only they see 拟挂牌督办 in the list.
  const decidesEscalation = useCan('escalation:decide')
  // Paging with the keyboard: once the new page has arrived, focus goes to the top of the results,
  // whose name says which page this is (announced), instead of staying on a button at the bottom.
  const resultsRef = useRef<HTMLDivElement>(null)
  const [pageTurn, setPageTurn] = useState<number | null>(null)
  const pageShown = filters.page ?? 1
  useEffect(() => {
    // The router changes the URL in a transition, after this click's render: wait for the link to hold the
    // page asked for, and for its answer to be drawn (or the server's other page, e.g. past the last one).
    if (pageTurn === null || pageShown !== pageTurn || fetching) return
    resultsRef.current?.focus()
    setPageTurn(null)
  }, [pageTurn, pageShown, fetching, list.page])
  const turnTo = (page: number) => {
    setPageTurn(page)
    update({ page })
  }
  // One unit for the whole totals line.
  const unit = moneyUnitFor(list.totals.annualPlanWan, list.totals.cumulativeActualWan, mode === 'delayed' ? list.totals.shortfallWan : 0)
  return (
    <>
      {showNotice && <SimulatedNotice provenance={list.provenance} />}
      {/* A list embedded in a zone page prints under that page's own title. */}
      {!fixed && <PrintHeader
        kind={mode}
        planYear={list.planYear}
        month={list.asOfMonth}
        filters={filters}
        // Worded apart from the screen's own totals and pager, which stay the only "共 N 个项目" / "第 x / y 页".
        extent={pages > 1 ? `项目共计 ${list.total} 个，本页为其中第 ${list.page} 页（共 ${pages} 页；打印全部请用“打印全部”）` : `项目共计 ${list.total} 个`}
        notice={list.provenance.notice}
      />}
      <div className="totals-row">
        <p className="totals" aria-live="polite" aria-busy={fetching}>
          <strong>共 {list.total} 个项目</strong>
          {list.total > 0 && (
            <>
              {' '}
              · 年度计划{' '}
              <span className="num">
                {asReported('annualPlanWan', { planYear: list.planYear, projectCount: list.total, totalInvestmentWan: list.totals.totalInvestmentWan, annualPlanWan: list.totals.annualPlanWan }) ??
                  money(list.totals.annualPlanWan, unit)}
              </span>{' '}
              · {monthRange(list.asOfMonth)}
              完成 <span className="num">{money(list.totals.cumulativeActualWan, unit)}</span> · 完成率{' '}
              <span className="num">{percent(list.totals.completionRate)}</span>
              {mode === 'delayed' && (
                <>
                  {' '}
                  · 合计欠序时进度 <span className="num">{money(list.totals.shortfallWan, unit)}</span>
                </>
              )}
            </>
          )}
        </p>
        {canExport && list.total > 0 && <ExportButton filters={filters} total={list.total} kind={mode} />}
        {list.total > 0 && <PrintButton filters={filters} total={list.total} kind={mode} />}
      </div>
      {list.total === 0 ? (
        <EmptyState>
          没有符合条件的项目。
          <button type="button" className="button button-link" onClick={reset}>
            清除全部筛选
          </button>
        </EmptyState>
      ) : (
        <div ref={resultsRef} tabIndex={-1} className="results" role="region" aria-label={`${mode === 'delayed' ? '滞后项目清单' : '项目清单'}，第 ${list.page} / ${pages} 页`}>
          <ProjectTable
            items={list.items}
            columns={mode === 'delayed' ? DELAYED_COLUMNS : LIST_COLUMNS}
            caption={mode === 'delayed' ? '滞后项目清单' : '项目清单'}
            sort={filters.sort ?? 'id'}
            order={filters.order ?? 'asc'}
            onSort={(sort, order) => update({ sort, order })}
            asOfMonth={list.asOfMonth}
            explicitAsOf={filters.asOf}
            scheduleRate={scheduleRate(list.asOfMonth)}
            proposedShown={decidesEscalation}
            totals={{ count: list.total, sums: list.totals }}
          />
          <nav className="pager" aria-label="分页">
            <button
              type="button"
              className="button"
              disabled={list.page <= 1}
              onClick={() => turnTo(list.page - 1)}
            >
              上一页
            </button>
            <span>
              第 {list.page} / {pages} 页
            </span>
            <button
              type="button"
              className="button"
              disabled={list.page >= pages}
              onClick={() => turnTo(list.page + 1)}
            >
              下一页
            </button>
            <label className="pager-size">
              每页
              <select value={list.pageSize} onChange={(e) => update({ pageSize: Number(e.target.value) })}>
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
              条
            </label>
          </nav>
        </div>
      )}
    </>
  )
}

function ClassChips({
  selected,
  counts,
  onChange,
}: {
  selected: LagClass[]
  counts: ProjectList | undefined
  onChange: (status: LagClass[]) => void
}) {
  return (
    <fieldset className="chips">
      <legend>类别</legend>
      {DELAYED_CLASSES.map((lagClass) => {
        const checked = selected.includes(lagClass)
        return (
          <label key={lagClass} className={`chip chip-${lagClass}${checked ? ' chip-on' : ''}`}>
            <input
              type="checkbox"
              checked={checked}
              onChange={() => {
                const next = checked ? selected.filter((s) => s !== lagClass) : [...selected, lagClass]
                onChange(DELAYED_CLASSES.filter((c) => next.includes(c)))
              }}
            />
            {LAG_CLASS_LABELS[lagClass]}
            <span className="chip-count num">{counts ? counts.lagCounts[lagClass] : '…'}</span>
          </label>
        )
      })}
    </fieldset>
  )
}

function FilterBar({
  filters,
  update,
  reset,
  fixedZone,
  mode,
}: {
  filters: ProjectFilters
  update: ReturnType<typeof useProjectFilters>['update']
  reset: () => void
  fixedZone?: ZoneId
  mode: ListMode
}) {
  const options = useQuery(projectQueries.filterOptions())
  // 前期手续 (decision 80): the active kinds, to find the projects that lack one.
  const kinds = useQuery(approvalQueries.kinds())
  const id = useId()
  const [folded, setFolded] = useState(true)
  const [text, setText] = useState(filters.q ?? '')
  // While a Chinese input method is composing (拼音 letters, not yet 汉字), nothing is searched for.
  const [composing, setComposing] = useState(false)
  // Follow the URL when it changes from outside (back/forward, reset), not when it echoes what was typed:
  // by then the reader may have typed more.
  const committed = useRef(filters.q)
  useEffect(() => {
    if (filters.q !== committed.current) setText(filters.q ?? '')
    committed.current = filters.q
  }, [filters.q])
  // Type-ahead search: every keystroke goes to the URL (replacing the history entry) in the next task, so
  // keys typed together are one search; the answer to a superseded search is cancelled, not waited for.
  // (A 300 ms pause here made a keystroke take 390 ms to the list at 10,000 projects: decision 52.)
  useEffect(() => {
    if (composing || text === (filters.q ?? '')) return
    const timer = setTimeout(() => {
      committed.current = text.trim() || undefined
      update({ q: committed.current }, { replace: true })
    }, 0)
    return () => clearTimeout(timer)
  }, [text, composing, filters.q, update])

  const select = (
    key: 'zone' | 'focusArea' | 'investmentType' | 'stage' | 'owner' | 'dept' | 'escalation' | 'missingApproval',
    label: string,
    choices: readonly { value: string; label: string }[],
  ) => (
    <label className="field" htmlFor={`${id}-${key}`}>
      <span>{label}</span>
      <select
        id={`${id}-${key}`}
        value={filters[key] ?? ''}
        onChange={(e) => update({ [key]: e.target.value || undefined })}
      >
        <option value="">全部</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  )
  const statusCount = filters.status?.length ?? 0
  const statusValue = statusCount === 1 ? filters.status![0] : statusCount > 1 ? 'several' : ''
  const activeCount = (['zone', 'focusArea', 'investmentType', 'stage', 'owner', 'dept', 'escalation', 'missingApproval'] as const).filter(
    (key) => filters[key] && !(key === 'zone' && fixedZone),
  ).length + (mode === 'all' && statusCount > 0 ? 1 : 0)
  return (
    <form
      className={`filters${folded ? ' filters-folded' : ''}`}
      role="search"
      aria-label="筛选项目"
      onSubmit={(e) => {
        e.preventDefault()
        update({ q: text.trim() || undefined })
      }}
    >
      <label className="field field-search" htmlFor={`${id}-q`}>
        <span>搜索</span>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          maxLength={100}
          placeholder="项目名称、编号或单位"
          onChange={(e) => setText(e.target.value)}
          onCompositionStart={() => setComposing(true)}
          onCompositionEnd={(e) => {
            setComposing(false)
            setText(e.currentTarget.value)
          }}
        />
      </label>
      <button
        type="button"
        className="button filters-toggle"
        aria-expanded={!folded}
        onClick={() => setFolded(!folded)}
      >
        {folded ? `展开筛选条件${activeCount > 0 ? `（已选 ${activeCount} 项）` : ''}` : '收起筛选条件'}
      </button>
      {!fixedZone &&
        select(
          'zone',
          '片区',
          (options.data?.zones ?? []).map((z) => ({ value: z.id, label: z.name })),
        )}
      {select(
        'focusArea',
        '四个聚焦',
        FOCUS_AREAS.map((f) => ({ value: f, label: FOCUS_AREA_LABELS[f] })),
      )}
      {select(
        'investmentType',
        '投资类别',
        INVESTMENT_TYPES.map((t) => ({ value: t, label: INVESTMENT_TYPE_LABELS[t] })),
      )}
      {select(
        'stage',
        '建设性质',
        STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] })),
      )}
      {select('escalation', '挂牌督办', ESCALATION_FILTER_CHOICES)}
      {select(
        'missingApproval',
        '未取得的前期手续',
        (kinds.data?.items ?? []).filter((k) => !k.retired || k.kind === filters.missingApproval).map((k) => ({ value: k.kind, label: k.name })),
      )}
      {mode === 'all' && (
        <label className="field" htmlFor={`${id}-status`}>
          <span>状态</span>
          <select
            id={`${id}-status`}
            value={statusValue}
            onChange={(e) =>
              update({ status: e.target.value === 'several' ? filters.status : e.target.value || undefined })
            }
          >
            <option value="">全部</option>
            {statusCount > 1 && (
              <option value="several">{filters.status!.map((c) => LAG_CLASS_LABELS[c]).join('、')}</option>
            )}
            {LAG_CLASSES.map((c) => (
              <option key={c} value={c}>
                {LAG_CLASS_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
      )}
      {mode === 'all' &&
        select(
          'owner',
          '业主单位',
          (options.data?.ownerUnits ?? []).map((o) => ({ value: o, label: o })),
        )}
      {select(
        'dept',
        '责任单位',
        (options.data?.responsibleUnits ?? []).map((o) => ({ value: o, label: o })),
      )}
      <div className="field field-actions">
        <button type="button" className="button button-link" onClick={reset}>
          清除筛选
        </button>
      </div>
    </form>
  )
}
