/**
 * The backend-free demo's database, made before its build: migrated, seeded from the dataset module, one
 * account per role (password MOCK_DEMO_PASSWORD, hashed as the demo's browser stand-in hashes it). The demo
 * opens it in the page (server/browser/database.ts) instead of migrating and seeding there: measured in
 * docs/decisions/061-the-demo-runs-the-servers-api.md. Written to server/browser/demo-database.tar.gz (not in git).
 */
import { writeFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { MOCK_DEMO_PASSWORD } from '@/config/demo'
import { generateDataset } from '@/dataset/generate'
import { seedDemoAccounts } from '../server/auth/accounts'
import { openDatabase } from '../server/db/client'
import { seedIfEmpty } from '../server/db/write'
import { hashPassword } from '../server/browser/password'

const started = performance.now()
const database = await openDatabase({ dataDir: 'memory://' })
await seedIfEmpty(database.db, () => generateDataset())
await seedDemoAccounts(database.db, { password: MOCK_DEMO_PASSWORD })
// The browser has no scrypt: the demo's accounts carry the stand-in's hash of the same published password.
await database.db.execute(sql`update accounts set password_hash = ${await hashPassword(MOCK_DEMO_PASSWORD)}`)
await database.db.execute(sql`checkpoint`)
const archive = new Uint8Array(await (await (database as Required<typeof database>).dumpDataDir('gzip')).arrayBuffer())
await database.close()
const target = new URL('../server/browser/demo-database.tar.gz', import.meta.url)
writeFileSync(target, archive)
console.log(`demo database: ${(archive.length / 1024 / 1024).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`)
process.exit(0)
