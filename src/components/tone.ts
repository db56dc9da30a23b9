import type { LagClass, Severity } from '@/contract'

/**
 * The one map from a judgement (severity) to colour, for badges, numbers, bars and cards alike: a gap
 * inside the 正常 band is never painted as a warning beside a green badge. Severity comes from the domain
 * (a project's status.severity, or severityOfGap for a group).
 */
export const TEXT_CLASS: Record<Severity, string> = { green: 'pos', yellow: 'warn', red: 'neg', grey: '' }
export const KPI_TONE: Record<Severity, 'good' | 'warn' | 'bad' | undefined> = { green: 'good', yellow: 'warn', red: 'bad', grey: undefined }
export const BAR_TONE: Record<Severity, 'green' | 'yellow' | 'red' | 'grey'> = { green: 'green', yellow: 'yellow', red: 'red', grey: 'grey' }

const ICONS: Record<Severity, string> = { green: '✓', yellow: '!', red: '✕', grey: '?' }

/**
 * A status badge's look: the severity's colour and icon, except where two grey classes mean different
 * things — 未报送 is a reporting failure (dashed, "?"), 未到开工期 is nothing wrong (plain, a clock).
 */
export function badgeLook(lagClass: LagClass, severity: Severity): { className: string; icon: string } {
  if (lagClass === 'pending-start') return { className: 'badge badge-idle', icon: '◷' }
  if (lagClass === 'completed') return { className: `badge badge-${severity}`, icon: '◆' }
  return { className: `badge badge-${severity}`, icon: ICONS[severity] }
}

