import { and, eq, isNull, ne } from 'drizzle-orm'
import type { Role, SessionUser } from '@/contract'
import type { Db } from '../db/handle'
import { accounts, sessions } from '../db/schema'

export type SessionPolicy = {
  /** A session unused for this long ends. */
  idleMs: number
  /** A session ends this long after sign-in, however busy. */
  absoluteMs: number
}

/** Last-seen is written at most this often: a busy page does not turn every read into a write. */
const TOUCH_INTERVAL_MS = 60_000

/** Bytes as base64url without padding (the cookie's alphabet). */
const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/*
 * Web Crypto rather than node:crypto: the same code runs in Node and in the backend-free demo's browser.
 * The stored value is unchanged (SHA-256, base64url), so existing sessions stay valid.
 */
const hashToken = async (token: string) => base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))))

/** Start a session; the token goes to the cookie, only its hash to the database. */
export async function createSession(db: Pick<Db, 'insert'>, username: string, now: Date): Promise<string> {
  const token = base64url(crypto.getRandomValues(new Uint8Array(32)))
  await db.insert(sessions).values({ tokenHash: await hashToken(token), username, createdAt: now, lastSeenAt: now })
  return token
}

/**
 * The signed-in user behind a cookie token, or null when the session is unknown, revoked, idle too
 * long, too old, or its account is disabled — each checked on every request, so a revocation or a
 * disabled account takes effect at once.
 */
export async function sessionUser(db: Db, token: string, now: Date, policy: SessionPolicy): Promise<SessionUser | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const tokenHash = await hashToken(token)
  const [row] = await db
    .select({
      username: accounts.username,
      displayName: accounts.displayName,
      role: accounts.role,
      ownerUnit: accounts.ownerUnit,
      disabled: accounts.disabled,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.username, sessions.username))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
  if (!row || row.disabled) return null
  const at = now.getTime()
  if (at - row.lastSeenAt.getTime() > policy.idleMs || at - row.createdAt.getTime() > policy.absoluteMs) return null
  if (at - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash))
  }
  return { username: row.username, displayName: row.displayName, role: row.role as Role, ownerUnit: row.ownerUnit }
}

/** End one session (sign-out): the cookie, even replayed, no longer works. */
export async function revokeSession(db: Pick<Db, 'update'>, token: string, now: Date) {
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.tokenHash, await hashToken(token)), isNull(sessions.revokedAt)))
}

/** End every session of an account (disabled, password reset, role changed). */
export async function revokeAccountSessions(db: Pick<Db, 'update'>, username: string, now: Date) {
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.username, username), isNull(sessions.revokedAt)))
}

/** End every session of an account but the one making the request (a password changed by its owner). */
export async function revokeOtherSessions(db: Pick<Db, 'update'>, username: string, keepToken: string, now: Date) {
  const keep = await hashToken(keepToken)
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.username, username), ne(sessions.tokenHash, keep), isNull(sessions.revokedAt)))
}
