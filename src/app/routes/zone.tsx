import { useQuery } from '@tanstack/react-query'
import { useLocation, useNavigationType, useParams } from 'react-router'
import { Section } from '@/components/page-header'
import { ZoneDetailView } from '@/features/zones/components/zone-detail'
import { ProjectBrowser, usePrefetchZoneList } from '@/features/projects/components/project-browser'
import { ZoneIdSchema, type ZoneId } from '@/contract'
import { useAsOf } from '@/lib/as-of'
import { useNearViewport } from '@/lib/near-viewport'
import { zoneQueries } from '@/features/zones/api/zones'
import type { Prefetch } from '../prefetch'

/** Started by the router with this module's own load (../prefetch.ts). */
export const prefetch: Prefetch = (client, { params }, asOf) => {
  if (ZoneIdSchema.safeParse(params.zoneId).success) void client.prefetchQuery(zoneQueries.detail(params.zoneId ?? '', asOf))
}

/**
 * The zone's list, drawn when it comes near the screen (its own component: it watches from its mount) — or at
 * once when the reader comes back to the page (back/forward): the browser puts them back where they were, which
 * may be inside the list, and a placeholder of another height there would put them somewhere else.
 */
function ZoneList({ zone }: { zone: ZoneId }) {
  const [ref, near] = useNearViewport<HTMLDivElement>()
  const navigation = useNavigationType()
  const location = useLocation()
  const returning = navigation === 'POP' && location.key !== 'default'
  return near || returning ? <ProjectBrowser fixedZone={zone} /> : <div ref={ref} className="below-fold-fallback" aria-hidden="true" />
}

export function Component() {
  const { zoneId = '' } = useParams()
  const asOf = useAsOf()
  const known = ZoneIdSchema.safeParse(zoneId)
  // The zone's list comes after its figures: shown before them, it sat at the top of the first screen and
  // was pushed off it when they came (a layout shift of 0.30 on a phone). It is also below the first screen,
  // so its 50 rows are drawn when the reader scrolls towards them, or prints; its answer is asked for now.
  // (Keyed on the data, not the status: a failed background refresh keeps the figures, and the list.)
  const detail = useQuery({ ...zoneQueries.detail(zoneId, asOf), enabled: known.success })
  usePrefetchZoneList(known.success && detail.data !== undefined ? known.data : undefined)
  return (
    <div className="stack">
      <ZoneDetailView zoneId={zoneId} asOf={asOf} />
      {known.success && detail.data !== undefined && (
        <Section title="本片区项目">
          <ZoneList zone={known.data} />
        </Section>
      )}
    </div>
  )
}
