import { and, desc, eq, gt, lt } from 'drizzle-orm'
import type { Db } from '../db/handle'
import { signInFailures } from '../db/schema'

/** After this many failed sign-ins within the window, further attempts are refused until it passes. */
export const MAX_FAILURES = 5
export const FAILURE_WINDOW_MS = 15 * 60_000

/** Failures are counted per attempted name (case-folded) and per address. */
export const accountKeyOf = (username: string) => username.normalize('NFKC').trim().toLowerCase()

/**
 * Admit one sign-in attempt, or say until when attempts for this name or address are refused.
 *
 * The attempt is written as a failure first and counted with the others, and only then is the password
 * checked: attempts sent all at once cannot all pass a count taken before any of them failed. An admitted
 * attempt that succeeds removes its row (`forgiveAttempt`); one that fails leaves it as the failure.
 * Refused while the name or the address has 5 earlier attempts in the window: until the fifth most
 * recent of them leaves it.
 */
export async function admitAttempt(
  db: Db,
  accountKey: string,
  address: string,
  now: Date,
): Promise<{ admitted: true; attemptId: number } | { admitted: false; until: Date }> {
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - FAILURE_WINDOW_MS)))
  const [attempt] = await db.insert(signInFailures).values({ accountKey, address, at: now }).returning({ id: signInFailures.id })
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS)
  let until: Date | null = null
  for (const condition of [eq(signInFailures.accountKey, accountKey), eq(signInFailures.address, address)]) {
    // The attempts before this one (lower ids), newest first.
    const earlier = await db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(condition, gt(signInFailures.at, since), lt(signInFailures.id, attempt!.id)))
      .orderBy(desc(signInFailures.id))
      .limit(MAX_FAILURES)
    if (earlier.length < MAX_FAILURES) continue
    const end = new Date(earlier[MAX_FAILURES - 1]!.at.getTime() + FAILURE_WINDOW_MS)
    if (!until || end > until) until = end
  }
  if (until) {
    // A refused attempt is not a failure: it never reached the password check.
    await forgiveAttempt(db, attempt!.id)
    return { admitted: false, until }
  }
  return { admitted: true, attemptId: attempt!.id }
}

/** Remove an attempt's row: it was refused before the check, or it succeeded. */
export async function forgiveAttempt(db: Db, attemptId: number) {
  await db.delete(signInFailures).where(eq(signInFailures.id, attemptId))
}

/** A successful sign-in clears the name's failures (not the address's: others may be guessing from it). */
export async function clearFailures(db: Db, accountKey: string) {
  await db.delete(signInFailures).where(eq(signInFailures.accountKey, accountKey))
}
