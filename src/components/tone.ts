import type { Severity } from '@/contract'

/**
 * The one map from a judgement (severity) to colour, for badges, numbers, bars and cards alike: a gap
 * inside the 正常 band is never painted as a warning beside a green badge. Severity comes from the domain
 * (a project's status.severity, or severityOfGap for a group).
 */
export const TEXT_CLASS: Record<Severity, string> = { green: 'pos', yellow: 'warn', red: 'neg', grey: '' }
export const KPI_TONE: Record<Severity, 'good' | 'warn' | 'bad' | undefined> = { green: 'good', yellow: 'warn', red: 'bad', grey: undefined }
export const BAR_TONE: Record<Severity, 'green' | 'yellow' | 'red' | 'grey'> = { green: 'green', yellow: 'yellow', red: 'red', grey: 'grey' }
