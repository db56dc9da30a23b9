import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset } from '@/dataset/generate'
import { ApprovalSchema } from '@/contract/approvals'
import { ReportPhotoSchema } from '@/contract/photos'
import { createApp } from '../../server/app'
import { seedDemoAccounts } from '../../server/auth/accounts'
import { openDatabase, type Database } from '../../server/db/client'
import { seedIfEmpty } from '../../server/db/write'
import { s3FileStore, type S3Settings } from '../../server/files/s3-store'
import { samplePdf, uploadApprovalFile } from './approval-support'
import { bytesOfResponse, cameraJpeg, uploadPhoto } from './photo-support'
import { TEST_PASSWORD, signedIn, silentLogger } from './support'

/**
 * The deployment issue 28 §3 asks for: several servers over one PostgreSQL, the files in an S3-compatible store.
 * Two servers here, each with its own connection pool to ONE PostgreSQL database and its own store client
 * pointing at the same bucket of a local S3 server (s3rver, started by the test on a free port): a photo and an
 * approval's PDF uploaded through the first are served by the second, byte for byte. PostgreSQL comes from
 * TEST_DATABASE_URL (scripts/with-postgres.sh starts a throw-away cluster: `scripts/with-postgres.sh npx vitest
 * run tests/server/files-s3-postgres.test.ts`); without it the suite is skipped, saying why.
 */

type S3rverInstance = { run: () => Promise<AddressInfo>; close: () => Promise<void> }
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: Record<string, unknown>) => S3rverInstance

const NOW = () => new Date('2024-11-20T02:00:00Z')
const BUCKET = 'nanan-files'
const POSTGRES = process.env.TEST_DATABASE_URL

let first: Database
let second: Database
let objectDir: string
let s3: S3rverInstance
let settings: S3Settings

/** A new database of its own on the test cluster (test files run side by side on one cluster). */
async function freshDatabaseUrl(url: string): Promise<string> {
  const name = `nanan_files_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(`create database ${name}`)
  await client.end()
  const own = new URL(url)
  own.pathname = `/${name}`
  return own.toString()
}

describe.skipIf(!POSTGRES)('two servers over one PostgreSQL database, files in one S3 bucket (skipped: no TEST_DATABASE_URL — run under scripts/with-postgres.sh)', () => {
  beforeAll(async () => {
    objectDir = mkdtempSync(join(tmpdir(), 'nanan-s3-pg-'))
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: objectDir, configureBuckets: [{ name: BUCKET }] })
    const { port } = await s3.run()
    settings = { endpoint: `http://127.0.0.1:${port}`, bucket: BUCKET, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' }
    const url = await freshDatabaseUrl(POSTGRES!)
    // Each server opens the database as a deployment's would (the second finds it migrated and seeded).
    first = await openDatabase({ databaseUrl: url })
    await seedIfEmpty(first.db, () => generateDataset())
    await seedDemoAccounts(first.db, { password: TEST_PASSWORD })
    second = await openDatabase({ databaseUrl: url })
    await seedIfEmpty(second.db, () => generateDataset())
  }, 180_000)
  afterAll(async () => {
    await first?.close()
    await second?.close()
    await s3?.close()
    if (objectDir) rmSync(objectDir, { recursive: true, force: true })
  })

  it('a photo and an approval’s PDF uploaded through one server are served by the other, byte for byte and by ranges', async () => {
    expect(first.kind).toBe('postgres')
    const appA = createApp({ database: first, logger: silentLogger(), now: NOW, files: s3FileStore(settings) })
    const appB = createApp({ database: second, logger: silentLogger(), now: NOW, files: s3FileStore(settings) })
    const owner = await signedIn(appA, 'owner')
    const leader = await signedIn(appB, 'leader')
    const [unit] = await first.rows<{ owner_unit: string }>(sql`select owner_unit from accounts where username = 'owner'`)
    const [project] = await first.rows<{ id: string }>(sql`
      select p.id from projects p join project_years y on y.project_id = p.id and y.year = 2024
      where p.owner_unit = ${unit!.owner_unit} and p.retired_at is null order by p.id limit 1`)
    const projectId = project!.id

    const uploaded = await uploadPhoto(owner, projectId, '2024-10', await cameraJpeg(), '桩基施工')
    expect(uploaded.status, await uploaded.clone().text()).toBe(201)
    const photo = ReportPhotoSchema.parse(await uploaded.json())
    const photoOnB = await leader.request(photo.url)
    expect(photoOnB.status).toBe(200)
    expect(photoOnB.headers.get('content-type')).toBe('image/jpeg')
    expect(await bytesOfResponse(photoOnB)).toEqual(await bytesOfResponse(await owner.request(photo.url)))

    const pdf = samplePdf('渝建施〔2024〕0456号', 300_000)
    const attached = await uploadApprovalFile(owner, projectId, 'construction-permit', pdf, { version: 0 })
    expect(attached.status, await attached.clone().text()).toBe(200)
    const approval = ApprovalSchema.parse(await attached.json())
    const pdfOnB = await leader.request(approval.fileUrl!)
    expect(pdfOnB.status).toBe(200)
    expect(pdfOnB.headers.get('content-type')).toBe('application/pdf')
    expect(await bytesOfResponse(pdfOnB)).toEqual(pdf)
    const part = await leader.request(approval.fileUrl!, { headers: { Range: 'bytes=100000-100099' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100000-100099/${pdf.byteLength}`)
    expect(await bytesOfResponse(part)).toEqual(pdf.subarray(100000, 100100))

    // A replacement through the second server shows on the first; the file replaced stays in the bucket.
    const [old] = await first.rows<{ file_id: string }>(sql`select file_id from project_approvals where project_id = ${projectId} and kind = 'construction-permit'`)
    const staffOnB = await signedIn(appB, 'staff')
    const replacement = samplePdf('渝建施〔2024〕0456号（变更）')
    expect((await uploadApprovalFile(staffOnB, projectId, 'construction-permit', replacement, { version: approval.version })).status).toBe(200)
    expect(await bytesOfResponse(await owner.request(approval.fileUrl!))).toEqual(replacement)
    expect(await s3FileStore(settings).exists(old!.file_id)).toBe(true)
  })
})
