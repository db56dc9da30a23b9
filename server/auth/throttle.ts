import { and, desc, eq, gt, lt, or } from 'drizzle-orm'
import type { Db } from '../db/client'
import { signInFailures } from '../db/schema'

/** After this many failed sign-ins within the window, further attempts are refused until it passes. */
export const MAX_FAILURES = 5
export const FAILURE_WINDOW_MS = 15 * 60_000

/** Failures are counted per attempted name (case-folded) and per address. */
export const accountKeyOf = (username: string) => username.normalize('NFKC').trim().toLowerCase()

/**
 * When attempts for this name or from this address may resume, or null if they may now. Blocked until
 * the fifth most recent failure leaves the window: then fewer than five remain in it.
 */
export async function blockedUntil(db: Db, accountKey: string, address: string, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS)
  let until: Date | null = null
  for (const condition of [eq(signInFailures.accountKey, accountKey), eq(signInFailures.address, address)]) {
    const rows = await db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(condition, gt(signInFailures.at, since)))
      .orderBy(desc(signInFailures.at))
      .limit(MAX_FAILURES)
    if (rows.length < MAX_FAILURES) continue
    const end = new Date(rows[MAX_FAILURES - 1]!.at.getTime() + FAILURE_WINDOW_MS)
    if (!until || end > until) until = end
  }
  return until
}

export async function recordFailure(db: Db, accountKey: string, address: string, now: Date) {
  await db.insert(signInFailures).values({ accountKey, address, at: now })
  // Keep the table to one window's worth.
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - FAILURE_WINDOW_MS)))
}

/** A successful sign-in clears the name's failures (not the address's: others may be guessing from it). */
export async function clearFailures(db: Db, accountKey: string) {
  await db.delete(signInFailures).where(or(eq(signInFailures.accountKey, accountKey)))
}
