import { asc, eq, sql } from 'drizzle-orm'
import type { Logger } from 'pino'
import type { Role } from '@/contract'
import type { Account, CreateAccount, UpdateAccount } from '@/contract/accounts'
import { DEMO_ACCOUNTS, demoAccountCreated, demoOwnerUnit } from '@/domain/access'
import { compareZh } from '@/domain/zh-order'
import { ACCOUNT_MESSAGES, applyAccountUpdate, applyPasswordReset, newAccount } from '@/domain/accounts'
import { appendAudit } from '../audit'
import type { Db } from '../db/handle'
import { refuse, versionedWrite, type Tx, type VersionedWrite } from '../db/versioned-write'
import { accounts, projects } from '../db/schema'
import { hashPassword, randomPassword } from './password'
import { revokeAccountSessions, revokeOtherSessions } from './sessions'
import { liftThrottle } from './throttle'

type AccountRow = typeof accounts.$inferSelect

export function toAccount(row: AccountRow): Account {
  return {
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    ownerUnit: row.ownerUnit,
    unit: row.unit,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    version: row.version,
  }
}

export async function findAccountRow(db: Pick<Db, 'select'>, username: string): Promise<AccountRow | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.username, username))
  return row ?? null
}

export async function listAccounts(db: Db): Promise<Account[]> {
  const rows = await db.select().from(accounts).orderBy(asc(accounts.username))
  return rows.map(toAccount)
}

/** The 业主单位 of the project list, in zh-CN order: what an owner account can be bound to. */
export async function ownerUnitsOf(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ unit: projects.ownerUnit }).from(projects)
  return rows.map((r) => r.unit).sort(compareZh)
}

export type AccountWriteResult = { ok: true; account: Account } | { ok: false; code: string; message: string }

type Actor = { username: string | null; address: string | null; now: Date }

/** Create an account outside a request (the CLI, tests): the same versioned write as the admin's route. */
export async function createAccount(db: Db, input: CreateAccount & { ownerUnit: string | null }, actor: Actor): Promise<AccountWriteResult> {
  const passwordHash = await hashPassword(input.password)
  const result = await versionedWrite(db, { actor: actor.username, address: actor.address, now: actor.now }, accountCreation(input, passwordHash, actor.now))
  if (!result.ok) return { ok: false, code: result.code, message: result.message }
  return { ok: true, account: result.answer }
}

/** A new account (its password already hashed: scrypt takes long, and not inside the transaction); a name in use is a 409. */
export function accountCreation(input: CreateAccount & { ownerUnit: string | null }, passwordHash: string, now: Date): VersionedWrite<undefined, undefined, Account> {
  const { account, changes } = newAccount(input, now)
  return {
    change: async (tx) => {
      const [row] = await tx
        .insert(accounts)
        .values({ username: account.username, displayName: account.displayName, role: account.role, ownerUnit: account.ownerUnit, unit: account.unit, passwordHash, createdAt: now })
        .onConflictDoNothing()
        .returning()
      if (!row) refuse({ status: 409, code: 'username_taken', message: ACCOUNT_MESSAGES.usernameTaken })
      return { answer: toAccount(row), status: 201, audit: { action: 'account.create', target: row.username, changes } }
    },
  }
}

/** The account's row locked for the rest of the transaction (null: there is none → 404). */
async function lockAccount(tx: Tx, username: string): Promise<AccountRow | null> {
  await tx.execute(sql`select 1 from accounts where username = ${username} for update`)
  return findAccountRow(tx, username)
}

/**
 * Change an account's name, role, owner-unit binding or disabled flag, by the domain's rule
 * (applyAccountUpdate: version, role/unit fit, no self-lockout). Ending its sessions, the audit entry
 * and the new version are written in one transaction. Every enabled admin row is locked first (in one
 * order), so concurrent changes to admins run one after another.
 */
export function accountUpdate(username: string, patch: UpdateAccount, actor: string, now: Date): VersionedWrite<{ row: AccountRow; enabledAdmins: number }, Account, Account> {
  return {
    lock: async (tx) => {
      const admins = await tx.execute(sql`select username from accounts where role = 'admin' and not disabled order by username for update`)
      const enabledAdmins = (admins as unknown as { rows: unknown[] }).rows.length
      const row = await lockAccount(tx, username)
      return row && { row, enabledAdmins }
    },
    missing: ACCOUNT_MESSAGES.notFound(username),
    current: async (_tx, { row }) => toAccount(row),
    change: async (tx, before, { enabledAdmins }) => {
      // The domain checks the version too (a stale one is refused with the account as it is).
      const result = applyAccountUpdate(before, patch, actor, enabledAdmins)
      if (!result.ok) refuse(result)
      if (result.changes.length === 0) return { answer: result.account }
      const { displayName, role, ownerUnit, unit, disabled, version } = result.account
      const [row] = await tx.update(accounts).set({ displayName, role, ownerUnit, unit, disabled, version }).where(eq(accounts.username, username)).returning()
      if (result.endSessions) await revokeAccountSessions(tx, username, now)
      return { answer: toAccount(row!), audit: { action: 'account.update', target: username, changes: result.changes } }
    },
  }
}

/** A new password (hashed already) for an account of this version: every session of the account ends. */
export function passwordReset(username: string, version: number, passwordHash: string, now: Date): VersionedWrite<AccountRow, Account, Account> {
  return {
    lock: (tx) => lockAccount(tx, username),
    missing: ACCOUNT_MESSAGES.notFound(username),
    current: async (_tx, row) => toAccount(row),
    change: async (tx, before) => {
      const result = applyPasswordReset(before, version)
      if (!result.ok) refuse(result)
      const [row] = await tx.update(accounts).set({ passwordHash, version: result.account.version }).where(eq(accounts.username, username)).returning()
      await revokeAccountSessions(tx, username, now)
      // A reset also lifts the sign-in throttle of the name, from every address (decision 69).
      const lifted = await liftThrottle(tx, { accountKey: username })
      return {
        answer: toAccount(row!),
        audit: [
          { action: 'account.password_reset', target: username, changes: result.changes },
          ...(lifted > 0 ? [{ action: 'auth.unlock' as const, target: username, reason: `重置密码时解除登录限制（清除 ${lifted} 次失败记录）` }] : []),
        ],
      }
    },
  }
}

/**
 * The signed-in user's own new password (the current one already checked, the new one hashed): the
 * account's other sessions end, the one making the change stays; the name's failures from this address go.
 */
export function passwordChange(username: string, passwordHash: string, keepToken: string, address: string, now: Date): VersionedWrite<AccountRow, Account, null> {
  return {
    lock: (tx) => lockAccount(tx, username),
    missing: ACCOUNT_MESSAGES.notFound(username),
    current: async (_tx, row) => toAccount(row),
    change: async (tx, before) => {
      const result = applyPasswordReset(before, before.version)
      if (!result.ok) refuse(result)
      await tx.update(accounts).set({ passwordHash, version: result.account.version }).where(eq(accounts.username, username))
      await revokeOtherSessions(tx, username, keepToken, now)
      await liftThrottle(tx, { accountKey: username, address })
      return { answer: null, audit: { action: 'account.password_change', target: username, changes: result.changes } }
    },
  }
}

async function accountCount(db: Pick<Db, 'select'>): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(accounts)
  return Number(row?.n ?? 0)
}

/**
 * At first start of a database with no accounts, one demo account per role. Their password is
 * `password` when given (DEMO_PASSWORD), else a random one per account, printed once in the log and
 * never again. Returns the accounts created (empty when there were accounts already).
 */
export async function seedDemoAccounts(db: Db, options: { password?: string; logger?: Logger; now?: Date }): Promise<string[]> {
  const now = options.now ?? new Date()
  // Every start after the first has accounts: answer at once, before five scrypt hashes (~0.7 s here).
  // The count is taken again under the lock below, for two servers starting together.
  if ((await accountCount(db)) > 0) return []
  const units = await db.select({ unit: projects.ownerUnit }).from(projects)
  const ownerUnit = demoOwnerUnit(units.map((u) => u.unit))
  const plan = DEMO_ACCOUNTS.filter((a) => a.role !== 'owner' || ownerUnit !== null).map((a) => ({
    ...a,
    ownerUnit: a.role === 'owner' ? ownerUnit : null,
    password: options.password ?? randomPassword(),
  }))
  const hashes = await Promise.all(plan.map((a) => hashPassword(a.password)))
  const created = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(20240207)`)
    if ((await accountCount(tx)) > 0) return []
    await tx.insert(accounts).values(
      plan.map((a, i) => ({ username: a.username, displayName: a.displayName, role: a.role, ownerUnit: a.ownerUnit, unit: a.unit, passwordHash: hashes[i]!, createdAt: now })),
    )
    for (const a of plan) {
      await appendAudit(tx, { at: now, ...demoAccountCreated(a) })
    }
    return plan
  })
  if (created.length > 0 && options.logger) {
    if (options.password) options.logger.info({ accounts: created.map((a) => a.username) }, '已创建演示账户（密码为 DEMO_PASSWORD）')
    else {
      const accountsShown = created.map((a) => ({ username: a.username, role: a.role, password: a.password }))
      options.logger.warn({ accounts: accountsShown }, '已创建演示账户：以下随机密码只显示这一次，请妥善保存')
      // A quieter LOG_LEVEL must not swallow the only copy of these passwords.
      if (!options.logger.isLevelEnabled('warn'))
        console.error(`已创建演示账户（随机密码只显示这一次）：${accountsShown.map((a) => `${a.username} ${a.password}`).join('，')}`)
    }
  }
  return created.map((a) => a.username)
}
