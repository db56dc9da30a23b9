import { useEffect, useLayoutEffect, useRef } from 'react'
import { useLocation, useNavigationType } from 'react-router'

/**
 * Where a navigation leaves the reader: a new page opens at its top, or at the section its fragment names
 * (`/projects/P012#reports`); back and forward return to where the reader was. React Router's own
 * `<ScrollRestoration />` is not used: at its first render it scrolls to the top, and a page the server drew
 * (decision 57) is adopted only at the reader's first reach (decision 58), when the reader may have scrolled
 * it already; and it scrolls once, at the navigation, while these pages draw their sections as their data
 * arrives, so a fragment's target may appear later and what is above it grows. Here the position is held —
 * the target kept at the top, or the remembered offset re-applied — while the page grows, until the reader
 * scrolls, touches or types, or the page has been still for a moment. A change of the query string alone
 * (a filter, a sort, a page of a list) leaves the position alone.
 */

const STORAGE_KEY = 'nanan-scroll-positions'
/** How long a position is held while the page draws, at most, and after the last change of its height. */
const HOLD_MS = 10_000
const QUIET_MS = 1_500

const positions: Map<string, number> = (() => {
  try {
    return new Map(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as [string, number][])
  } catch {
    return new Map()
  }
})()

/** Below the sticky header: a section's heading is not hidden under it. */
const headerBottom = () => Math.max(0, document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0)

const targetOf = (hash: string) => {
  if (hash.length < 2) return null
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)))
  } catch {
    return null
  }
}

/** Re-applies `place` whenever the page changes size, until the reader acts, the page is still, or time is up. */
function hold(place: () => boolean): () => void {
  if (typeof ResizeObserver === 'undefined') {
    place()
    return () => {}
  }
  let quiet = 0
  let done = false
  const stop = () => {
    done = true
    observer.disconnect()
    window.clearTimeout(quiet)
    window.clearTimeout(limit)
    for (const type of READER_ACTIONS) window.removeEventListener(type, stop, true)
  }
  const apply = () => {
    if (done) return
    const placed = place()
    window.clearTimeout(quiet)
    if (placed) quiet = window.setTimeout(stop, QUIET_MS)
  }
  const observer = new ResizeObserver(apply)
  observer.observe(document.body)
  const limit = window.setTimeout(stop, HOLD_MS)
  for (const type of READER_ACTIONS) window.addEventListener(type, stop, { capture: true, passive: true })
  apply()
  return stop
}
const READER_ACTIONS = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const

const scrollToTarget = (hash: string) => () => {
  const target = targetOf(hash)
  if (!target) return false
  window.scrollTo(0, Math.max(0, target.getBoundingClientRect().top + window.scrollY - headerBottom() - 8))
  return true
}

const restore = (y: number) => () => {
  window.scrollTo(0, y)
  return document.documentElement.scrollHeight - window.innerHeight >= y
}

export function NavigationScroll() {
  const location = useLocation()
  const type = useNavigationType()
  const current = useRef<{ key: string; pathname: string; hash: string } | null>(null)
  const release = useRef<() => void>(() => {})

  // Remember each history entry's position as the reader scrolls; keep them across a reload of the tab.
  useEffect(() => {
    if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual'
    const save = () => {
      if (current.current) positions.set(current.current.key, window.scrollY)
    }
    const persist = () => {
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...positions].slice(-50)))
      } catch {
        // Storage full or refused: positions are kept for this page's life only.
      }
    }
    window.addEventListener('scroll', save, { passive: true })
    window.addEventListener('pagehide', persist)
    return () => {
      window.removeEventListener('scroll', save)
      window.removeEventListener('pagehide', persist)
      release.current()
    }
  }, [])

  useLayoutEffect(() => {
    const previous = current.current
    current.current = { key: location.key, pathname: location.pathname, hash: location.hash }
    if (previous?.key === location.key) return
    release.current()
    if (previous === null) {
      // The first page: a fragment's target is held at the top while the page draws around it — the browser
      // scrolled to it (or could not find it) before the sections above were drawn, and they push it down.
      // The hold ends at the reader's first scroll, touch or key.
      if (location.hash) release.current = hold(scrollToTarget(location.hash))
      return
    }
    if (type === 'POP') {
      const saved = positions.get(location.key)
      // A fragment link within the page (跳到正文, 填报…↓) is a new entry the browser has scrolled to itself.
      if (saved !== undefined) release.current = hold(restore(saved))
      return
    }
    if (location.hash) {
      release.current = hold(scrollToTarget(location.hash))
      return
    }
    if (previous.pathname !== location.pathname) window.scrollTo(0, 0)
  }, [location.key, location.pathname, location.hash, type])

  return null
}
