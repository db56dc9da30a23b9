// A page the server drew (decision 57) can be read, scrolled and followed by its links before any of the
// app's code runs. The first moments after it shows belong to the reader (decision 58): nothing of the app
// is fetched or run until the reader first reaches for the page (a pointer, a touch, a key, the wheel,
// focus) or, if the reader only reads, until the page has been on screen for a moment and the browser is
// idle. Then its files are fetched together and evaluated one by one, each in a task of its own. A page
// opened in a background tab starts at once. (Fetching the code in that first moment, even only into the
// cache, measured 20–25 ms later for the reader's first scroll on a desktop, 40–60 ms on a phone.)
//
// A press on one of the page's controls before the app runs is held and made again once the app has taken
// the page over (React then handles it), so nothing the reader does is lost. Links are left to the browser:
// the next page comes drawn by the server. What is held shows at once that it is being applied (decision 84):
// a change of a picker (the 截至 month, a filter) marks the page's content busy and dimmed, with
// "正在切换到…" beside the picker, until the app has made it again and drawn what it chose; a press says
// "正在处理…" beside its control until the app has it.
const script = document.querySelector('script[data-entry]')
const entry = script?.dataset.entry
const steps = (script?.dataset.steps ?? '').split(' ').filter(Boolean)
const nextTask = () => new Promise((resolve) => setTimeout(resolve))
/** Sent by the app (src/app/first-paint/announce-started.tsx, APP_STARTED_EVENT) once React has adopted the page's content. */
const STARTED = 'nanan:app-started'
/** How long a reader who only reads has the page to themselves. */
const READING_MS = 1000
/** The page that was loaded again after its code failed to load (once, not in a loop). */
const RELOADED = 'nanan:reloaded-after-failed-start'
const REACHES = ['pointerdown', 'pointermove', 'touchstart', 'keydown', 'wheel', 'focusin', 'click', 'change']
/** Controls whose press the app answers (a link is followed by the browser; a <summary> opens by itself). */
const CONTROL = 'button, [role="button"], [role="switch"], [role="tab"], input[type="checkbox"], input[type="radio"]'

let started = false
let running = false
const held = []

/** The page's own content (what a change of month or filter redraws), and the status line beside the control. */
const content = () => document.querySelector('main')
let pendingStatus = null

/**
 * Shows at once that what the reader did is being applied. The marks sit outside the page's own markup (the
 * status line is the body's, the dimming hangs on <html>), apart from aria-busy on <main>, which React leaves
 * as it finds it: React adopts the page as the server drew it.
 */
function showPending(control, text, changesContent) {
  if (!pendingStatus) {
    pendingStatus = document.createElement('p')
    pendingStatus.className = 'pending-change'
    pendingStatus.setAttribute('role', 'status')
    document.body.append(pendingStatus)
  }
  // Beside the control, where the reader is looking; fixed, so it moves nothing on the page.
  const box = control.getBoundingClientRect()
  const width = document.documentElement.clientWidth
  pendingStatus.style.top = `${Math.max(0, Math.round(box.bottom + 4))}px`
  pendingStatus.style.left = `${Math.max(8, Math.min(Math.round(box.left), width - 260))}px`
  pendingStatus.textContent = text
  if (changesContent) {
    document.documentElement.dataset.pendingChange = ''
    content()?.setAttribute('aria-busy', 'true')
  }
}

function clearPending() {
  removeEventListener('pointerdown', clearPending, true)
  removeEventListener('keydown', clearPending, true)
  pendingStatus?.remove()
  pendingStatus = null
  delete document.documentElement.dataset.pendingChange
  content()?.removeAttribute('aria-busy')
}

/** What a picker's choice reads as: its option's text, for the 截至 month "2024年1-10月". */
function choiceText(select) {
  return (select.selectedOptions[0]?.textContent ?? select.value).replace(/\s+/g, ' ').trim()
}

/** Whether the app is still drawing what was chosen: the content of another month or filter is on its way. */
const stillDrawing = () => document.querySelector('main .is-updating, main .state-loading') !== null

/**
 * Once what was held has been made again: the marks stay until the app has drawn what it chose (the address
 * has moved on and nothing in the content is still on its way), or until the reader's next press or key, then go;
 * the app's own "正在更新…" takes over meanwhile. At most a while: a choice that changes nothing does not leave the
 * page marked.
 */
function clearWhenDrawn(from) {
  const since = performance.now()
  let quiet = 0
  const check = () => {
    const moved = location.href !== from
    const waited = performance.now() - since
    quiet = (moved || waited > 1000) && !stillDrawing() ? quiet + 1 : 0
    if (quiet >= 2 || waited > 20_000) clearPending()
    else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}

/**
 * Until the app runs, a press on a control, or a choice in a picker, is held, to be made again once it does;
 * and it starts the app (stopping the event here also stops the window's other listeners).
 */
function hold(event) {
  if (running) return
  if (event.type === 'click') {
    const control = event.target instanceof Element ? event.target.closest(CONTROL) : null
    if (control && !control.disabled) {
      event.preventDefault()
      event.stopImmediatePropagation()
      held.push(() => control.isConnected && control.click())
      const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').replace(/\s+/g, ' ').trim()
      showPending(control, name ? `正在处理“${name}”…` : '正在处理…', false)
    }
  } else if (event.type === 'change' && event.target instanceof HTMLSelectElement) {
    // Only the choice made again reaches the app: this one, arriving while React adopts the page, would be
    // handled as well, and then undone by the adopted picker.
    event.stopImmediatePropagation()
    const select = event.target
    const value = select.value
    showPending(select, `正在切换到${choiceText(select)}…`, true)
    held.push(() => {
      if (!select.isConnected) return
      select.value = value
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
  }
  void start()
}

/** What was held is made again, in order, each in the app's hands; from then on the app answers itself. */
function release() {
  running = true
  removeEventListener('click', hold, true)
  removeEventListener('change', hold, true)
  const from = location.href
  const any = held.length > 0
  for (const again of held.splice(0)) again()
  if (!any) return
  clearWhenDrawn(from)
  // The reader's next press or key means they have moved on: the app answers it, and a "正在切换到…" still showing
  // then would speak of a choice they made before (a report's form was filled under it while the page went on loading).
  addEventListener('pointerdown', clearPending, true)
  addEventListener('keydown', clearPending, true)
}

/**
 * The app's code did not load (a lost connection; a new version deployed since the page was drawn, whose
 * files have new names). The presses held are let go; if there were any, the page is loaded once more (a
 * new version's page names its new files), else it stays as drawn, its links working.
 */
function failed(error) {
  console.error('页面程序未能加载', error)
  const pressed = held.length > 0
  held.length = 0
  clearPending()
  running = true
  removeEventListener('click', hold, true)
  removeEventListener('change', hold, true)
  try {
    if (!pressed || sessionStorage.getItem(RELOADED) === location.href) return
    sessionStorage.setItem(RELOADED, location.href)
  } catch {
    return // no storage to remember the reload by: no reload
  }
  location.reload()
}

/** All of the code at once, fetched and compiled in parallel; then evaluated file by file. */
function fetchCode() {
  for (const file of [...steps, entry]) {
    const link = document.createElement('link')
    link.rel = 'modulepreload'
    link.crossOrigin = ''
    link.href = file
    document.head.append(link)
  }
}

async function start() {
  if (started) return
  started = true
  for (const type of REACHES) removeEventListener(type, reached, true)
  document.removeEventListener('visibilitychange', hidden)
  fetchCode()
  try {
    for (const file of steps) {
      await import(file)
      await nextTask()
    }
  } catch {
    // A step that failed to load is loaded again by the entry itself, which then reports what failed.
  }
  await import(entry).catch(failed)
}

function reached() {
  void start()
}

function hidden() {
  if (document.visibilityState === 'hidden') void start()
}

function whenIdle() {
  if ('requestIdleCallback' in window) requestIdleCallback(() => void start(), { timeout: READING_MS })
  else void start()
}

if (entry) {
  // Capturing on the window: these run before anything on the page sees the event.
  addEventListener('click', hold, { capture: true })
  addEventListener('change', hold, { capture: true, passive: true })
  // In a task of its own, outside React's work: React then adopts whatever part of the page a press reaches first.
  document.addEventListener(STARTED, () => setTimeout(release), { once: true })
  if (document.visibilityState === 'hidden') void start()
  else {
    for (const type of REACHES) addEventListener(type, reached, { capture: true, passive: true })
    document.addEventListener('visibilitychange', hidden)
    requestAnimationFrame(() => setTimeout(whenIdle, READING_MS))
  }
}
