import type { Role, SessionUser } from '@/contract'
import type { Account, AuditAction, AuditChange, AuditEntry } from '@/contract/accounts'
import { SESSION_COOKIE } from '@/contract'
import { DEMO_ACCOUNTS, demoAccountCreated, demoOwnerUnit } from '@/domain/access'
import { sessionUserOf } from '@/domain/accounts'
import { MOCK_DEMO_PASSWORD } from '@/config/demo'

export { MOCK_DEMO_PASSWORD }

/**
 * Accounts, sessions and the audit log of the mock API: storage only. What a change may do is decided
 * in src/domain/accounts.ts (and who may ask, in src/domain/access.ts), as on the server. Passwords are kept as typed: this is an in-memory demo.
 */
type StoredAccount = { account: Account; password: string }

let accounts = new Map<string, StoredAccount>()
/** Session token → username. */
let sessions = new Map<string, string>()
let audit: AuditEntry[] = []
let nextAuditId = 1

// The static demo keeps its sessions in sessionStorage, so a reload stays signed in (the tab's cookie
// survives a reload, the module's memory does not).
const SESSIONS_KEY = 'nanan-mock-sessions'
const storage = (): Storage | null => (typeof window !== 'undefined' && typeof sessionStorage !== 'undefined' ? sessionStorage : null)

function loadSessions(): Map<string, string> {
  try {
    const raw = storage()?.getItem(SESSIONS_KEY)
    const entries: unknown = raw ? JSON.parse(raw) : []
    if (Array.isArray(entries)) return new Map(entries.filter((e): e is [string, string] => Array.isArray(e) && e.length === 2 && e.every((v) => typeof v === 'string')))
  } catch {
    // A damaged entry only signs the visitor out.
  }
  return new Map()
}

function saveSessions() {
  try {
    storage()?.setItem(SESSIONS_KEY, JSON.stringify([...sessions]))
  } catch {
    // Storage full or refused: sessions then last until the next reload.
  }
}

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function seed(ownerUnits: readonly string[]) {
  accounts = new Map()
  audit = []
  nextAuditId = 1
  const now = new Date()
  const ownerUnit = demoOwnerUnit(ownerUnits)
  for (const demo of DEMO_ACCOUNTS) {
    if (demo.role === 'owner' && ownerUnit === null) continue
    const account: Account = {
      ...demo,
      ownerUnit: demo.role === 'owner' ? ownerUnit : null,
      disabled: false,
      createdAt: now.toISOString(),
      lastSignInAt: null,
      version: 1,
    }
    accounts.set(account.username, { account, password: MOCK_DEMO_PASSWORD })
    // As the server records its first start.
    accountStore.record(demoAccountCreated(account))
  }
}

export const accountStore = {
  /** Every account, sorted by username. */
  list: (): Account[] => [...accounts.values()].map((s) => s.account).sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0)),
  get: (username: string): Account | null => accounts.get(username)?.account ?? null,
  passwordMatches: (username: string, password: string) => accounts.get(username)?.password === password,
  /** Store a new or changed account (the caller has applied the domain's rules). */
  put(account: Account, password?: string) {
    const stored = accounts.get(account.username)
    accounts.set(account.username, { account, password: password ?? stored?.password ?? '' })
  },
  /** Change an account behind the UI's back, as another admin would (tests of conflicts). */
  touch(username: string, change: Partial<Pick<Account, 'displayName' | 'role' | 'ownerUnit' | 'disabled'>>) {
    const stored = accounts.get(username)
    if (!stored) throw new Error(`no account ${username}`)
    accountStore.put({ ...stored.account, ...change, version: stored.account.version + 1 })
  },

  startSession(username: string): string {
    const token = newToken()
    sessions.set(token, username)
    saveSessions()
    return token
  },
  /** The user behind a session token, or null (unknown token, account gone or disabled). */
  sessionUser(token: string | undefined): SessionUser | null {
    const username = token ? sessions.get(token) : undefined
    const account = username ? accounts.get(username)?.account : undefined
    return account && !account.disabled ? sessionUserOf(account) : null
  },
  endSession(token: string) {
    sessions.delete(token)
    saveSessions()
  },
  endSessionsOf(username: string) {
    for (const [token, owner] of sessions) if (owner === username) sessions.delete(token)
    saveSessions()
  },

  record(entry: { actor: string | null; action: AuditAction; target: string | null; changes?: AuditChange[]; reason?: string | null; month?: string | null }) {
    audit.push({
      id: nextAuditId++,
      at: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      changes: entry.changes ?? [],
      reason: entry.reason ?? null,
      address: null,
      month: entry.month ?? null,
    })
  },
  /** Newest first. */
  audit: (): readonly AuditEntry[] => [...audit].reverse(),

  /** The demo accounts (at start: sessions kept in the tab survive a reload of the demo). */
  seed(ownerUnits: readonly string[]) {
    seed(ownerUnits)
  },
  /** Back to the demo accounts, with no session and only their creation in the log. */
  reset(ownerUnits: readonly string[]) {
    seed(ownerUnits)
    sessions = new Map()
    saveSessions()
  },
}

sessions = loadSessions()

/** The cookie that carries a session; the mock leaves out HttpOnly so that the demo's page can hold it. */
export const sessionCookie = (token: string) => `${SESSION_COOKIE}=${token}; Path=/; SameSite=Lax`
export const clearedSessionCookie = () => `${SESSION_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`

/**
 * What a browser does with the Set-Cookie of a real server. The MSW handlers run in the page (browser,
 * jsdom), where a mocked Set-Cookie never reaches the cookie jar; in Node there is no document and the
 * client sends the Cookie header itself.
 */
export function keepCookieInDocument(cookie: string) {
  if (typeof document !== 'undefined') document.cookie = cookie
}

/**
 * Tests: start a session for the demo account of a role (as if it had signed in) and hand the page
 * its cookie; returns the token for a Cookie header. `signOut()` leaves the page with no session.
 */
export function signInAs(role: Role): string {
  const account = accountStore.list().find((a) => a.role === role && !a.disabled)
  if (!account) throw new Error(`no demo account with role ${role}`)
  const token = accountStore.startSession(account.username)
  keepCookieInDocument(sessionCookie(token))
  return token
}

export function signOut() {
  keepCookieInDocument(clearedSessionCookie())
}
