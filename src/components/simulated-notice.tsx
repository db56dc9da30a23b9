import type { Provenance } from '@/contract'

/**
 * Where the figures on screen include simulated values, say so where the eye lands first, in the
 * words the API gives. Renders nothing once the data holds only reported figures.
 */
export function SimulatedNotice({ provenance }: { provenance: Provenance }) {
  if (!provenance.simulated || !provenance.notice) return null
  return (
    <p className="simulated-notice" role="note">
      <span className="simulated-notice-mark">模拟</span>
      {provenance.notice}
    </p>
  )
}
