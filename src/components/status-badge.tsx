import type { LagClass, Severity } from '@/contract'
import { LAG_CLASS_LABELS } from '@/domain/labels'
import { badgeLook } from './tone'

/** A lag class as text + icon + colour, so colour is never the only signal. */
export function StatusBadge({ lagClass, severity }: { lagClass: LagClass; severity: Severity }) {
  const look = badgeLook(lagClass, severity)
  return (
    <span className={look.className}>
      <span aria-hidden="true" className="badge-icon">
        {look.icon}
      </span>
      {LAG_CLASS_LABELS[lagClass]}
    </span>
  )
}

/** Marks a value that is simulated rather than taken from the report. */
export function SimulatedBadge({ title = '报告未给出此项，数据为模拟' }: { title?: string }) {
  return (
    <span className="tag tag-simulated" title={title}>
      模拟
    </span>
  )
}

export function SourcedBadge({ title = '来自《2024年计划草案的报告》' }: { title?: string }) {
  return (
    <span className="tag tag-sourced" title={title}>
      报告
    </span>
  )
}
