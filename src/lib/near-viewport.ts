import { useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'

/**
 * Whether an element is on screen or near it (within `margin`): what is further down loads when the reader
 * scrolls towards it, not with the first screen. Without IntersectionObserver (tests, old browsers): at once.
 * The server, drawing a page (decision 57), draws what a browser draws first: not near, so the browser
 * adopts the same markup and loads what is further down as the reader comes to it.
 */
export function useNearViewport<T extends Element>(margin = '600px') {
  const ref = useRef<T>(null)
  const [near, setNear] = useState(() => typeof document !== 'undefined' && typeof IntersectionObserver === 'undefined')
  useEffect(() => {
    if (near) return
    const element = ref.current
    if (!element) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true)
      },
      { rootMargin: margin },
    )
    observer.observe(element)
    // Printing wants the whole page, drawn before the browser lays out what it prints.
    const onPrint = () => flushSync(() => setNear(true))
    window.addEventListener('beforeprint', onPrint)
    return () => {
      observer.disconnect()
      window.removeEventListener('beforeprint', onPrint)
    }
  }, [near, margin])
  return [ref, near] as const
}
