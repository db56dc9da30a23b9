import { useEffect, useId, useRef, type ReactNode } from 'react'

/** The panel where one action on one record happens (edit, review, fill in); its heading takes focus when it opens. */
export function ActionPanel({ title, children }: { title: string; children: ReactNode }) {
  const id = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [title])
  return (
    <section className="card action-panel" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </section>
  )
}
