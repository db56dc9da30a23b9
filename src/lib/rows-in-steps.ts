import { useEffect, useLayoutEffect, useState } from 'react'
import { flushSync } from 'react-dom'

/** Rows drawn with a list's first frame, and rows added after each following frame. */
export const FIRST_ROWS = 20
export const ROWS_PER_STEP = 10

/**
 * Whether the page is being printed. A table that mounts during printing (a part drawn only for it, as the
 * zone page's list) starts whole: listeners it would add then are not called for the print already begun.
 */
let printing = false
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => (printing = true))
  window.addEventListener('afterprint', () => (printing = false))
}

/**
 * How many of a long table's rows to draw. A list page's 50 rows cost a 4×-slowed phone one 400 ms task of
 * layout and paint (decision 55); laid out 20 first and then 10 after each frame, no task holds the page for
 * long, and every row is there a few frames later (for find-in-page, screen readers and printing, which draws
 * them all at once). Only when the table first appears: a later answer (another page, a filter) is drawn
 * whole, so the rows a reader is looking at are never cut short.
 */
export function useRowsInSteps(total: number): number {
  const [limit, setLimit] = useState<number | null>(() => (total > FIRST_ROWS && !printing ? FIRST_ROWS : null))
  useEffect(() => {
    if (limit === null) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const step = () => setLimit((current) => (current === null || current + ROWS_PER_STEP >= total ? null : current + ROWS_PER_STEP))
    // After the next frame (its layout and paint), in a task of its own.
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => (timer = setTimeout(step))) : undefined
    if (frame === undefined) timer = setTimeout(step)
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [limit, total])
  const stepping = limit !== null
  // Listening from the commit that draws the first rows (a layout effect, not a passive one that may run a
  // frame later): a print asked for at once still gets every row.
  useLayoutEffect(() => {
    if (!stepping) return
    const onPrint = () => flushSync(() => setLimit(null))
    window.addEventListener('beforeprint', onPrint)
    return () => window.removeEventListener('beforeprint', onPrint)
  }, [stepping])
  return limit === null ? total : Math.min(limit, total)
}
