import { Link } from 'react-router'
import type { Provenance } from '@/contract'
import { paths } from '@/config/paths'

/**
 * Where the figures on screen include simulated values, say so where the eye lands first, in the
 * words the API gives. Renders nothing once the data holds only reported figures. On a phone only the
 * lead sentence shows (the details fold away), so the numbers stay on the first screen.
 */
export function SimulatedNotice({ provenance }: { provenance: Provenance }) {
  if (!provenance.simulated || !provenance.notice) return null
  const [lead, details] = provenance.notice.split('——')
  return (
    <p className="simulated-notice" role="note">
      <span className="simulated-notice-mark">模拟</span>
      <span>
        {lead}
        {details && <span className="simulated-notice-details">——{details}</span>}{' '}
        <Link to={paths.help.getHref()} className="simulated-notice-link">
          口径说明
        </Link>
      </span>
    </p>
  )
}
