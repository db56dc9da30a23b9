import { PageHeader } from '@/components/page-header'
import { ZoneCards } from '@/features/zones/components/zone-cards'
import { scheduleRate } from '@/domain/rules'
import { useAsOf, useViewMonth } from '@/lib/as-of'
import { monthRange, percent } from '@/lib/format'
import { zoneQueries } from '@/features/zones/api/zones'
import type { Prefetch } from '../prefetch'

/** Started by the router with this module's own load (../prefetch.ts). */
export const prefetch: Prefetch = (client, _args, asOf) => void client.prefetchQuery(zoneQueries.list(asOf))

export function Component() {
  const asOf = useAsOf()
  const shown = useViewMonth()
  return (
    <>
      <title>片区 · 南岸区重点项目进度监测</title>
      <PageHeader
        title="三南两城一岛一湾"
        subtitle={shown === undefined ? '' : `七大片区及跨片区/全区项目${monthRange(shown)}投资完成情况 · 竖线为序时进度${percent(scheduleRate(shown))}`}
      />
      <ZoneCards asOf={asOf} />
    </>
  )
}
