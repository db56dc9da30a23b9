import { useEffect, useId, useLayoutEffect, useRef, useState, type MouseEvent } from 'react'

type Problem = { id: string; label: string; message: string }

/** Moves focus to a control and brings it on screen (below the sticky header: `scroll-margin-top` in the CSS). */
function focusControl(control: HTMLElement) {
  control.scrollIntoView?.({ block: 'center' })
  control.focus({ preventScroll: true })
}

/**
 * The invalid controls of a form, as the reader sees them: each control marked `aria-invalid` (FormField does
 * so when it shows an error), named by its label and told its error through aria-describedby. Read from the
 * form itself, so the summary lists exactly the errors shown beside the fields and no form repeats its list.
 */
function invalidControls(form: HTMLElement): Problem[] {
  return [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"][id]')].map((control) => {
    const label = (control as HTMLInputElement).labels?.[0]?.textContent?.trim() || control.getAttribute('aria-label') || control.id
    const message = (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((ref) => ref.endsWith('-error'))
      .map((ref) => form.ownerDocument.getElementById(ref)?.textContent?.trim() ?? '')
      .join('；')
    return { id: control.id, label, message }
  })
}

/**
 * What a failed submit or save says, at the top of its form (decision 73): a heading with the number of
 * problems, the form's message, and each invalid field as a link that focuses it. The summary takes focus and
 * comes on screen at each failed attempt, so a reader on a phone is never left at a button that seems to do
 * nothing. `attempt` is the failure (a new object for each failed attempt); null when there is none.
 */
export function ErrorSummary({ attempt, message, level = 2 }: { attempt: object | null; message: string | null; level?: 2 | 3 | 4 }) {
  const ref = useRef<HTMLDivElement>(null)
  const headingId = useId()
  const [problems, setProblems] = useState<Problem[]>([])
  // The fields show their errors in the same commit as the failure: read them before the browser paints.
  useLayoutEffect(() => {
    // Its form; a panel of buttons without a form element (审核) is read as one.
    const form = ref.current?.closest('form') ?? ref.current?.parentElement
    setProblems(attempt && form ? invalidControls(form) : [])
  }, [attempt])
  useEffect(() => {
    if (!attempt || !ref.current) return
    ref.current.scrollIntoView?.({ block: 'start' })
    ref.current.focus({ preventScroll: true })
  }, [attempt])
  if (!attempt || (message === null && problems.length === 0)) return <div ref={ref} hidden />
  const Heading = `h${level}` as const
  const open = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    const control = document.getElementById(id)
    if (!control) return
    event.preventDefault()
    focusControl(control)
  }
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={headingId}>
      <Heading id={headingId} className="error-summary-title">
        {problems.length > 0 ? `请修改以下 ${problems.length} 处后重新提交` : message}
      </Heading>
      {problems.length > 0 && message && <p>{message}</p>}
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li key={p.id}>
              <a href={`#${p.id}`} onClick={(event) => open(event, p.id)}>
                {p.label}：{p.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
