// A page the server drew (decision 57) is on screen before any of the app's code is fetched: the code
// starts after the first frame, so loading and evaluating it never holds that frame back (measured:
// fetching it beside the page delayed the first paint by 50–70 ms on a desktop). Its files are then
// fetched together and evaluated one by one, each in a task of its own, so a tap or a scroll gets in
// between. A page opened in a background tab has no frames: its code starts at once.
const script = document.querySelector('script[data-entry]')
const entry = script?.dataset.entry
const steps = (script?.dataset.steps ?? '').split(' ').filter(Boolean)
const nextTask = () => new Promise((resolve) => setTimeout(resolve))

async function start() {
  for (const file of [...steps, entry]) {
    const link = document.createElement('link')
    link.rel = 'modulepreload'
    link.crossOrigin = ''
    link.href = file
    document.head.append(link)
  }
  try {
    for (const file of steps) {
      await import(file)
      await nextTask()
    }
  } catch {
    // A step that failed to load is loaded again by the entry itself, which then reports what failed.
  }
  await import(entry)
}

if (entry) {
  if (document.visibilityState === 'hidden') void start()
  else requestAnimationFrame(() => setTimeout(() => void start()))
}
