import { setupWorker } from 'msw/browser'
import pino from 'pino'
import { MOCK_DEMO_PASSWORD } from '@/config/demo'
import { demoClock } from '@/domain/calendar'
import { generateDataset } from '@/dataset/generate'
import { createApi } from '../server/api'
import { findAccountRow, seedDemoAccounts } from '../server/auth/accounts'
import { createSession } from '../server/auth/sessions'
import { seedIfEmpty } from '../server/db/write'
import { openBrowserDatabase } from '../server/browser/database'
import { sendDueReminders } from '../server/notify/reminders'
import { forwardTo, sessionJar, withSessionJar, type ApiHost } from './forward'

/**
 * The backend-free demo: the server's own API (server/api.ts) runs in the page over PGlite, seeded with
 * the demo dataset and one account per role (password MOCK_DEMO_PASSWORD), and the MSW worker hands it
 * every /api request. Node-only parts of the server are swapped for browser stand-ins at build time
 * (vite.config.ts, `browserSeams`). The data lives in the page: a reload starts from the seeded demo,
 * still signed in as the same account.
 */
const REMEMBERED = 'nanan-demo-signed-in'
const remembered = (): string | null => sessionStorage.getItem(REMEMBERED)

async function startDemoApi(): Promise<ApiHost> {
  const database = await openBrowserDatabase()
  await seedIfEmpty(database.db, () => generateDataset())
  await seedDemoAccounts(database.db, { password: MOCK_DEMO_PASSWORD })
  // The demo's own day is in its year (decision 66): October's reports are due tomorrow, and the units are told (decision 67).
  const openedAt = new Date()
  await sendDueReminders(database.db, demoClock(openedAt, openedAt), false)
  const app = withSessionJar(createApi({ database, logger: pino({ level: 'silent' }), calendarNow: () => demoClock(openedAt, new Date()) }), jar)
  // The account signed in before the reload is signed in again (the old session died with the old database),
  // if the seeded demo has it: one the visitor created went with the old database, and the page signs in anew.
  const username = remembered()
  if (username && (await findAccountRow(database.db, username))) jar.set(await createSession(database.db, username, new Date()))
  return app
}

let api: Promise<ApiHost> | null = null
/** The demo's API, started once; a start that failed is tried again by the next request, not kept. */
const host = () =>
  (api ??= startDemoApi().catch((error: unknown) => {
    api = null
    throw error
  }))

/** Remember who is signed in (not the token: the next page load has a new database and new sessions). */
async function rememberWho(token: string | null) {
  if (!token) return sessionStorage.removeItem(REMEMBERED)
  const app = await host()
  // The app reached through the jar: the request carries the session just set.
  const me = await app.fetch(new Request(new URL('/api/auth/me', location.href)))
  if (me.ok) sessionStorage.setItem(REMEMBERED, ((await me.json()) as { user: { username: string } }).user.username)
}

const jar = sessionJar({ load: () => null, save: (token) => void rememberWho(token) })

export const worker = setupWorker(...forwardTo(host, 'jar'))
// The database opens while the worker registers and the app's code loads.
void host()
