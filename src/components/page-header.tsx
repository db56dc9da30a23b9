import type { ReactNode } from 'react'

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {/* A subtitle still waiting for its data keeps its line, so the page does not shift when it arrives. */}
        {subtitle !== undefined && <p className="page-subtitle">{subtitle === '' ? '\u00a0' : subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  )
}

export function Section({ title, children, note, id, className }: { title: string; children: ReactNode; note?: ReactNode; id?: string; className?: string }) {
  const headingId = id ?? `section-${title}`
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId}>{title}</h2>
        {note && <span className="card-note">{note}</span>}
      </div>
      {children}
    </section>
  )
}
