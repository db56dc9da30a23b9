import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { Link, useSearchParams } from 'react-router'
import { ZoneSortSchema, type ZoneSort, type ZoneSummary } from '@/contract'
import { sortZones } from '@/domain/aggregate'
import { droppedText, useDroppedParams } from '@/lib/dropped-params'
import { ProgressBar } from '@/components/progress-bar'
import { QueryBoundary } from '@/components/query-state'
import { paths } from '@/config/paths'
import { useAsOfSearch } from '@/lib/as-of'
import { count, monthRange, percent, signedPoints, yiNumber } from '@/lib/format'
import { zoneQueries } from '../api/zones'
import { SimulatedNotice } from '@/components/simulated-notice'
import { severityOfGap } from '@/domain/rules'
import type { Severity } from '@/contract'
import { BAR_TONE, TEXT_CLASS } from '@/components/tone'

const SORT_LABELS: Record<ZoneSort, string> = { rank: '按排名', completionRate: '按完成率', shortfall: '按欠序时进度', annualPlan: '按年度计划' }

/** The order of the cards lives in the URL (`?sort=`, rank when absent); a value the contract refuses is dropped and said. */
function useZoneSort() {
  const [params, setParams] = useSearchParams()
  const raw = params.get('sort')
  const parsed = raw === null ? undefined : ZoneSortSchema.safeParse(raw)
  const invalid = parsed && !parsed.success ? [{ key: 'sort', value: raw ?? '' }] : []
  const dropped = useDroppedParams(invalid, ['sort'])
  const sort: ZoneSort = parsed?.success ? parsed.data : 'rank'
  const setSort = (next: ZoneSort) =>
    setParams((current) => {
      const search = new URLSearchParams(current)
      if (next === 'rank') search.delete('sort')
      else search.set('sort', next)
      return search
    })
  return { sort, setSort, dropped }
}

export function ZoneCards({ asOf }: { asOf: string | undefined }) {
  const query = useQuery(zoneQueries.list(asOf))
  const { sort, setSort, dropped } = useZoneSort()
  const id = useId()
  return (
    <QueryBoundary query={query} loadingLabel="正在加载片区…">
      {(list) => (
        <>
          <SimulatedNotice provenance={list.provenance} />
          <div className="toolbar">
            <label className="field" htmlFor={`${id}-sort`}>
              <span>排序</span>
              <select id={`${id}-sort`} value={sort} onChange={(e) => setSort(ZoneSortSchema.parse(e.target.value))}>
                {ZoneSortSchema.options.map((key) => (
                  <option key={key} value={key}>
                    {SORT_LABELS[key]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {dropped.length > 0 && (
            <p className="notice" role="status">
              链接中的排序方式无效，已按排名排列：{droppedText(dropped)}。
            </p>
          )}
          <ul className="zone-grid" aria-label="片区列表">
            {sortZones(list.items, sort).map((zone) => (
              <li key={zone.id}>
                <ZoneCard zone={zone} asOf={list.asOfMonth} scheduleRate={list.scheduleRate} />
              </li>
            ))}
          </ul>
        </>
      )}
    </QueryBoundary>
  )
}

function ZoneCard({ zone, asOf, scheduleRate }: { zone: ZoneSummary; asOf: number; scheduleRate: number }) {
  const search = useAsOfSearch()
  return (
    <article className="zone-card" aria-labelledby={`zone-${zone.id}`}>
      <header className="zone-card-head">
        <h2 id={`zone-${zone.id}`}>
          <Link to={paths.zone.getHref(zone.id, search)}>{zone.name}</Link>
        </h2>
        <span className="tag">{zone.group}</span>
      </header>
      <dl className="zone-figures">
        <div>
          <dt>项目</dt>
          <dd className="num">{count(zone.projectCount)}</dd>
        </div>
        <div>
          <dt>年度计划</dt>
          <dd className="num">{yiNumber(zone.annualPlanWan)}亿元</dd>
        </div>
        <div>
          <dt>{monthRange(asOf)}完成</dt>
          <dd className="num">{yiNumber(zone.cumulativeActualWan)}亿元</dd>
        </div>
      </dl>
      <ProgressBar
        label={`${zone.name}投资完成率`}
        value={zone.completionRate === null ? null : zone.completionRate * 100}
        valueText={percent(zone.completionRate)}
        marker={scheduleRate * 100}
        tone={BAR_TONE[severityOfGap(zone.gapPoints)]}
      />
      <p className="zone-gap">
        较序时进度 <strong className={`num ${TEXT_CLASS[severityOfGap(zone.gapPoints)]}`}>{signedPoints(zone.gapPoints)}</strong> 个百分点 · {zone.rank === null ? '不参与片区排名' : `排名第${zone.rank}`}
      </p>
      <p className="zone-lags">
        <span className={chipClass('yellow', zone.lagCounts.lagging)}>滞后 {zone.lagCounts.lagging}</span>
        <span className={chipClass('red', zone.lagCounts.severe)}>严重滞后 {zone.lagCounts.severe}</span>
        {/* 应开未开 is yellow, red from the third month overdue: the chip is red as soon as one of its projects is. */}
        <span className={chipClass(zone.notStartedRedCount > 0 ? 'red' : 'yellow', zone.lagCounts['not-started'])}>应开未开 {zone.lagCounts['not-started']}</span>
        <span className={chipClass('grey', zone.lagCounts['not-reported'])}>未报送 {zone.lagCounts['not-reported']}</span>
      </p>
    </article>
  )
}

/** A count chip (zone cards): coloured only when there is something to count, in its class's colour. */
function chipClass(severity: Severity, count: number): string {
  if (count === 0) return 'lag-chip'
  return severity === 'red' ? 'lag-chip lag-chip-bad' : severity === 'yellow' ? 'lag-chip lag-chip-warn' : 'lag-chip lag-chip-grey'
}
