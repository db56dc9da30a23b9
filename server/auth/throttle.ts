import { and, count, desc, eq, gt, gte, lt, max, sql, type SQL } from 'drizzle-orm'
import type { SignInThrottleEntry } from '@/contract/accounts'
import { appendAudit } from '../audit'
import type { Db } from '../db/handle'
import { auditLog, signInFailures } from '../db/schema'

/**
 * The sign-in throttle (decision 69, replacing 22). Failures are counted per name-and-address pair, so
 * an attacker's guesses from their addresses never hold back the owner signing in from theirs, and one
 * office behind a NAT address is never held back by a colleague's typos. After `pairFailures` failures
 * of a pair within the window, its attempts wait a delay that doubles with each further failure, up to
 * `maxDelayMs`. One address failing for many names (spraying) is held back at a much higher ceiling, and
 * then only for names that have not signed in from that address before: a correct password of someone
 * who works there is never refused for what others did.
 */
export type ThrottlePolicy = {
  /** Failures of one name from one address before its attempts are delayed. */
  pairFailures: number
  /** Failures from one address (any names) before names new to that address are refused. */
  addressFailures: number
  /** Failures older than this are forgotten. */
  windowMs: number
  /** The first delay of a pair; it doubles with each further failure. */
  baseDelayMs: number
  maxDelayMs: number
  /** A name signed in from an address this recently is known there (exempt from the address ceiling). */
  knownPairMs: number
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  pairFailures: 5,
  addressFailures: 100,
  windowMs: 60 * 60_000,
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  knownPairMs: 90 * 24 * 3600_000,
}

/** Failures are counted per attempted name, case-folded (`Staff` and `ｓｔａｆｆ` are one name). */
export const accountKeyOf = (username: string) => username.normalize('NFKC').trim().toLowerCase()

/** How long a pair with `failures` failures waits after its latest one (0 below the threshold). */
export function pairDelayMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.pairFailures) return 0
  return Math.min(policy.baseDelayMs * 2 ** Math.min(failures - policy.pairFailures, 30), policy.maxDelayMs)
}

export type Admission =
  | { admitted: true; attemptId: number }
  | { admitted: false; until: Date; kind: 'pair' | 'address' }

/**
 * Admit one sign-in attempt, or say until when it is refused.
 *
 * The attempt is written as a failure first and counted with the earlier ones (lower ids), and only
 * then is the password checked: attempts sent all at once cannot all pass a count taken before any of
 * them failed. An admitted attempt that succeeds removes its row (`forgiveAttempt`); one that fails
 * leaves it as the failure. A refused attempt is removed too: it never reached the password check.
 */
export async function admitAttempt(db: Db, accountKey: string, address: string, now: Date, policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY): Promise<Admission> {
  const since = new Date(now.getTime() - policy.windowMs)
  await db.delete(signInFailures).where(lt(signInFailures.at, since))
  // Written unchecked: it counts for its pair at once (a burst cannot outrun the count), but not yet
  // for the address's ceiling, which counts failures only (else 20 colleagues at once would fill it).
  const [attempt] = await db.insert(signInFailures).values({ accountKey, address, at: now, checked: false }).returning({ id: signInFailures.id })
  const attemptId = attempt!.id
  const earlier = (...conditions: SQL[]) => and(...conditions, gt(signInFailures.at, since), lt(signInFailures.id, attemptId))

  const [pair] = await db
    .select({ n: count(), last: max(signInFailures.at) })
    .from(signInFailures)
    .where(earlier(eq(signInFailures.accountKey, accountKey), eq(signInFailures.address, address)))
  const pairUntil = pair?.last ? new Date(new Date(pair.last).getTime() + pairDelayMs(Number(pair.n), policy)) : null
  if (pairUntil && pairUntil > now) {
    await forgiveAttempt(db, attemptId)
    return { admitted: false, until: pairUntil, kind: 'pair' }
  }

  const [ceiling] = await db
    .select({ at: signInFailures.at })
    .from(signInFailures)
    .where(earlier(eq(signInFailures.address, address), eq(signInFailures.checked, true)))
    .orderBy(desc(signInFailures.id))
    .offset(policy.addressFailures - 1)
    .limit(1)
  if (ceiling && !(await knownPair(db, accountKey, address, now, policy))) {
    await forgiveAttempt(db, attemptId)
    return { admitted: false, until: new Date(ceiling.at.getTime() + policy.windowMs), kind: 'address' }
  }
  return { admitted: true, attemptId }
}

/** Whether this name signed in from this address recently (the audit log's sign-ins say so). */
async function knownPair(db: Db, accountKey: string, address: string, now: Date, policy: ThrottlePolicy) {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.target, accountKey), eq(auditLog.action, 'auth.login'), eq(auditLog.address, address), gte(auditLog.at, new Date(now.getTime() - policy.knownPairMs))))
    .limit(1)
  return row !== undefined
}

/**
 * An admitted attempt failed (its row stays as the failure). When this failure holds the pair back, or
 * brings the address to its ceiling, the audit log says so (`auth.lock`).
 */
export async function recordFailure(db: Db, attemptId: number, accountKey: string, address: string, now: Date, policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {
  await db.update(signInFailures).set({ checked: true }).where(eq(signInFailures.id, attemptId))
  const since = new Date(now.getTime() - policy.windowMs)
  const [pair] = await db
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.accountKey, accountKey), eq(signInFailures.address, address), eq(signInFailures.checked, true), gt(signInFailures.at, since)))
  const failures = Number(pair?.n ?? 0)
  const delay = pairDelayMs(failures, policy)
  if (delay > 0) {
    await appendAudit(db, { at: now, actor: null, action: 'auth.lock', target: accountKey.slice(0, 64), address, reason: `该用户名从此地址连续 ${failures} 次登录失败，暂停 ${waitText(delay / 1000)}` })
  }
  const [fromAddress] = await db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.address, address), eq(signInFailures.checked, true), gt(signInFailures.at, since)))
  if (Number(fromAddress?.n ?? 0) === policy.addressFailures) {
    await appendAudit(db, { at: now, actor: null, action: 'auth.lock', target: null, address, reason: `此地址登录失败 ${policy.addressFailures} 次（多个用户名），未在此地址登录过的用户名暂停登录` })
  }
}

/** Remove an attempt's row: it was refused before the check, or it succeeded. */
export async function forgiveAttempt(db: Pick<Db, 'delete'>, attemptId: number) {
  await db.delete(signInFailures).where(eq(signInFailures.id, attemptId))
}

/**
 * A successful sign-in clears its own pair's failures: not the name's from other addresses (they are
 * someone else's guesses), nor the address's for other names.
 */
export async function clearPair(db: Pick<Db, 'delete'>, accountKey: string, address: string) {
  await db.delete(signInFailures).where(and(eq(signInFailures.accountKey, accountKey), eq(signInFailures.address, address)))
}

/** Lift the throttle (admin, or a password reset): the failures of a name, a pair or an address. Returns how many went. */
export async function liftThrottle(db: Pick<Db, 'delete'>, target: { accountKey?: string; address?: string }): Promise<number> {
  const conditions = [
    ...(target.accountKey !== undefined ? [eq(signInFailures.accountKey, target.accountKey)] : []),
    ...(target.address !== undefined ? [eq(signInFailures.address, target.address)] : []),
  ]
  if (conditions.length === 0) return 0
  const gone = await db.delete(signInFailures).where(and(...conditions)).returning({ id: signInFailures.id })
  return gone.length
}

/** What the throttle holds now: pairs at or past their threshold and addresses at their ceiling, newest first. */
export async function throttledSignIns(db: Db, now: Date, policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY): Promise<SignInThrottleEntry[]> {
  const since = new Date(now.getTime() - policy.windowMs)
  const pairs = await db
    .select({ accountKey: signInFailures.accountKey, address: signInFailures.address, n: count(), last: max(signInFailures.at) })
    .from(signInFailures)
    .where(and(gt(signInFailures.at, since), eq(signInFailures.checked, true)))
    .groupBy(signInFailures.accountKey, signInFailures.address)
    .having(sql`count(*) >= ${policy.pairFailures}`)
  const addresses = await db
    .select({ address: signInFailures.address, n: count(), last: max(signInFailures.at) })
    .from(signInFailures)
    .where(and(gt(signInFailures.at, since), eq(signInFailures.checked, true)))
    .groupBy(signInFailures.address)
    .having(sql`count(*) >= ${policy.addressFailures}`)
  const entries: SignInThrottleEntry[] = pairs.map((p) => {
    const last = new Date(p.last!)
    const until = new Date(last.getTime() + pairDelayMs(Number(p.n), policy))
    return { kind: 'pair', username: p.accountKey, address: p.address, failures: Number(p.n), lastFailureAt: last.toISOString(), until: until.toISOString(), active: until > now }
  })
  for (const a of addresses) {
    const [ceiling] = await db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(eq(signInFailures.address, a.address), eq(signInFailures.checked, true), gt(signInFailures.at, since)))
      .orderBy(desc(signInFailures.id))
      .offset(policy.addressFailures - 1)
      .limit(1)
    const until = new Date((ceiling?.at ?? now).getTime() + policy.windowMs)
    entries.push({ kind: 'address', username: null, address: a.address, failures: Number(a.n), lastFailureAt: new Date(a.last!).toISOString(), until: until.toISOString(), active: until > now })
  }
  return entries.sort((x, y) => y.lastFailureAt.localeCompare(x.lastFailureAt))
}

/** A wait in words: seconds under a minute, else whole minutes (rounded up). */
export function waitText(seconds: number): string {
  return seconds < 60 ? `${Math.max(1, Math.ceil(seconds))} 秒` : `${Math.ceil(seconds / 60)} 分钟`
}

/** The 429's message for a refused attempt. */
export function throttleMessage(kind: 'pair' | 'address', seconds: number): string {
  return kind === 'pair'
    ? `登录失败次数过多，请 ${waitText(seconds)}后再试`
    : `此网络地址登录失败次数过多，请 ${waitText(seconds)}后再试，或联系管理员解除`
}
