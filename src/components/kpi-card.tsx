import type { ReactNode } from 'react'

export function KpiCard({ label, value, note, tone }: { label: string; value: ReactNode; note?: ReactNode; tone?: 'good' | 'warn' | 'bad' }) {
  return (
    <div className={`kpi${tone ? ` kpi-${tone}` : ''}`}>
      <dt className="kpi-label">{label}</dt>
      <dd className="kpi-value num">{value}</dd>
      {note && <dd className="kpi-note">{note}</dd>}
    </div>
  )
}
