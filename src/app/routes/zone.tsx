import { useParams } from 'react-router'
import { Section } from '@/components/page-header'
import { ZoneDetailView } from '@/features/zones/components/zone-detail'
import { ProjectBrowser } from '@/features/projects/components/project-browser'
import { ZoneIdSchema } from '@/contract'
import { useAsOf } from '@/lib/as-of'
import { zoneQueries } from '@/features/zones/api/zones'
import type { Prefetch } from '../prefetch'

/** Started by the router with this module's own load (../prefetch.ts). */
export const prefetch: Prefetch = (client, { params }, asOf) => {
  if (ZoneIdSchema.safeParse(params.zoneId).success) void client.prefetchQuery(zoneQueries.detail(params.zoneId ?? '', asOf))
}

export function Component() {
  const { zoneId = '' } = useParams()
  const asOf = useAsOf()
  const known = ZoneIdSchema.safeParse(zoneId)
  return (
    <div className="stack">
      <ZoneDetailView zoneId={zoneId} asOf={asOf} />
      {known.success && (
        <Section title="本片区项目">
          <ProjectBrowser fixedZone={known.data} />
        </Section>
      )}
    </div>
  )
}
