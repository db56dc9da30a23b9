// A page the server drew (decision 57) is on screen before any of the app's code is fetched: the code
// starts after the first frame, so loading and evaluating it never holds that frame back (measured:
// fetching it beside the page delayed the first paint by 50–70 ms on a desktop). A page opened in a
// background tab has no frames: its code starts at once.
const entry = document.querySelector('script[data-entry]')?.dataset.entry
const start = () => void import(entry)
if (entry) {
  if (document.visibilityState === 'hidden') start()
  else requestAnimationFrame(() => setTimeout(start))
}
