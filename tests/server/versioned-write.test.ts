import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toAccount } from '../../server/auth/accounts'
import type { Database } from '../../server/db/client'
import { freshMemoryDatabase } from '../support/seeded-snapshot'
import { accounts } from '../../server/db/schema'
import { refuse, versionedWrite, type VersionedWrite } from '../../server/db/versioned-write'
import { postgresDatabase } from '../contract/targets'

/**
 * The one versioned write every write route goes through (server/db/versioned-write.ts): the row locked,
 * the version checked (409 with the record as it is), the change, its audit entry and the data-version
 * bump in one transaction — and a refusal at any step leaves nothing behind. On the embedded database,
 * and on PostgreSQL when TEST_DATABASE_URL is set.
 */
const databases: { name: string; database: Database }[] = []
beforeAll(async () => {
  databases.push({ name: 'embedded', database: await freshMemoryDatabase() })
  const postgres = await postgresDatabase()
  if (postgres) databases.push({ name: 'postgres', database: postgres })
  for (const { database } of databases) {
    await database.db
      .insert(accounts)
      .values({
        username: 'zhang',
        displayName: '张三',
        role: 'staff',
        ownerUnit: null,
        passwordHash: 'x',
        createdAt: new Date('2024-01-01T00:00:00Z'),
      })
  }
}, 120_000)
afterAll(async () => {
  for (const { database } of databases) await database.close()
})

const now = new Date('2024-11-12T03:00:00Z')
const writer = { actor: 'admin', address: '10.0.0.7', now }

/** Rename the account, based on a version; `then` runs after the change is stored. */
const rename = (
  displayName: string,
  version: number,
  options: { bump?: boolean; then?: () => void } = {},
): VersionedWrite<typeof accounts.$inferSelect, ReturnType<typeof toAccount>, ReturnType<typeof toAccount>> => ({
  lock: async (tx) => (await tx.select().from(accounts).where(eq(accounts.username, 'zhang')).for('update'))[0] ?? null,
  missing: '账户 zhang 不存在',
  current: async (_tx, row) => toAccount(row),
  check: (current) => (current.version === version ? null : { status: 409, code: 'conflict', message: '已被他人修改' }),
  change: async (tx, before) => {
    const [row] = await tx
      .update(accounts)
      .set({ displayName, version: before.version + 1 })
      .where(eq(accounts.username, 'zhang'))
      .returning()
    options.then?.()
    return {
      answer: toAccount(row!),
      audit: {
        action: 'account.update',
        target: 'zhang',
        changes: [{ field: 'displayName', before: before.displayName, after: displayName }],
      },
      bump: options.bump,
    }
  },
})

const state = async (database: Database) => ({
  account: toAccount((await database.db.select().from(accounts).where(eq(accounts.username, 'zhang')))[0]!),
  audit: await database.rows<{ actor: string; action: string; address: string; at: Date | string }>(
    sql`select actor, action, address, at from audit_log order by id`,
  ),
  dataVersion:
    (await database.rows<{ value: string }>(sql`select value from meta where key = 'data_version'`))[0]?.value ?? '',
})

describe.each([0, 1])('a versioned write (database %i)', (index) => {
  const db = () => databases[index]?.database
  it('stores the change, its audit entry (who, when, from where: the writer) and, when asked, a new data version', async (context) => {
    const database = db()
    if (!database) return context.skip()
    const before = await state(database)
    const result = await versionedWrite(database.db, writer, rename('张三丰', 1))
    expect(result).toMatchObject({ ok: true, status: 200, answer: { displayName: '张三丰', version: 2 } })
    const after = await state(database)
    expect(after.audit.slice(before.audit.length)).toMatchObject([
      { actor: 'admin', action: 'account.update', address: '10.0.0.7' },
    ])
    expect(new Date(after.audit.at(-1)!.at).toISOString()).toBe(now.toISOString())
    expect(after.dataVersion, 'not asked to bump').toBe(before.dataVersion)

    await versionedWrite(database.db, writer, rename('张三', 2, { bump: true }))
    expect((await state(database)).dataVersion).not.toBe(before.dataVersion)
  })

  it('refuses a stale version with the record as it is now, and writes nothing', async (context) => {
    const database = db()
    if (!database) return context.skip()
    const before = await state(database)
    const result = await versionedWrite(database.db, writer, rename('李四', 1, { bump: true }))
    expect(result).toEqual({
      ok: false,
      status: 409,
      code: 'conflict',
      message: '已被他人修改',
      current: before.account,
    })
    expect(await state(database)).toEqual(before)
  })

  it('rolls back a change refused after it was stored: no change, no audit entry, no new data version', async (context) => {
    const database = db()
    if (!database) return context.skip()
    const before = await state(database)
    const result = await versionedWrite(
      database.db,
      writer,
      rename('王五', before.account.version, {
        bump: true,
        then: () =>
          refuse({ ok: false, status: 422, code: 'invalid', message: '不行', fields: { displayName: '不行' } }),
      }),
    )
    expect(result).toEqual({
      ok: false,
      status: 422,
      code: 'invalid',
      message: '不行',
      fields: { displayName: '不行' },
    })
    expect(await state(database)).toEqual(before)
  })

  it('answers 404 with its message when the row to lock is not there', async (context) => {
    const database = db()
    if (!database) return context.skip()
    const result = await versionedWrite(database.db, writer, { ...rename('赵六', 1), lock: async () => null })
    expect(result).toEqual({ ok: false, status: 404, code: 'not_found', message: '账户 zhang 不存在' })
  })

  it('lets two writers of one version go one after the other: the first wins, the second gets 409 with its change', async (context) => {
    const database = db()
    if (!database) return context.skip()
    const { account } = await state(database)
    const [first, second] = await Promise.all([
      versionedWrite(database.db, writer, rename('甲', account.version)),
      versionedWrite(database.db, writer, rename('乙', account.version)),
    ])
    expect([first.ok, second.ok].sort()).toEqual([false, true])
    expect([first, second].find((r) => r.ok)).toMatchObject({ answer: { version: account.version + 1 } })
    expect([first, second].find((r) => !r.ok)).toMatchObject({ status: 409, current: { version: account.version + 1 } })
  })
})
