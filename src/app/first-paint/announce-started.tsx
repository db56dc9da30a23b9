import { useEffect } from 'react'

/**
 * Sent on the document once React has the page: public/after-first-paint.js then makes again the presses it
 * held while the app's code was not yet running (decision 58). The same string is written there. It lives
 * here, not in ./index.ts, which imports the router (and so the layout, which renders this).
 */
const APP_STARTED_EVENT = 'nanan:app-started'

let announced = false

/**
 * Says that the app has the page: public/after-first-paint.js then makes again what the reader pressed
 * before the app ran (decision 58), and `<html data-app="running">` tells whoever looks (a browser test).
 * Rendered inside the page's own Suspense boundary, so it speaks once React has adopted the page's content,
 * not only its frame: React adopts a boundary after the root, and a press made again into a part not yet
 * adopted could be dropped. Not sooner either: adopting the month picker sets it back to the page's month.
 */
export function AnnounceStarted() {
  useEffect(() => {
    if (announced) return
    announced = true
    document.documentElement.dataset.app = 'running'
    document.dispatchEvent(new Event(APP_STARTED_EVENT))
  }, [])
  return null
}
