import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ReportPhotoSchema } from '@/contract/photos'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { s3FileStore, type S3Settings } from '../../server/files/s3-store'
import { bytesOfResponse, cameraJpeg, filesUnder, uploadPhoto } from './photo-support'
import { seededMemoryDatabase, signedIn, silentLogger } from './support'

/**
 * Several servers over one database must see the same files (issue 28 §3): with S3_* set, files go to an
 * S3-compatible object store. Here a local one (s3rver, in a temp folder, on a free port) and two app
 * instances over one database, each with its own store client: a photo uploaded through one is served by the other.
 */

type S3rverInstance = { run: () => Promise<AddressInfo>; close: () => Promise<void> }
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: Record<string, unknown>) => S3rverInstance

const NOW = () => new Date('2024-11-20T02:00:00Z')
const BUCKET = 'nanan-files'

let database: Database
let objectDir: string
let s3: S3rverInstance
let settings: S3Settings

beforeAll(async () => {
  objectDir = mkdtempSync(join(tmpdir(), 'nanan-s3-'))
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: objectDir, configureBuckets: [{ name: BUCKET }] })
  const { port } = await s3.run()
  // s3rver's own account (S3RVER/S3RVER). Requests are signed (AWS Signature V4) as for a real store; s3rver checks
  // the key id but does not verify V4 signatures, so the signature itself is checked by a real store only.
  settings = { endpoint: `http://127.0.0.1:${port}`, bucket: BUCKET, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' }
  database = await seededMemoryDatabase()
}, 60_000)
afterAll(async () => {
  await database?.close()
  await s3?.close()
  if (objectDir) rmSync(objectDir, { recursive: true, force: true })
})

describe('two servers over one database, files in the object store', () => {
  it('a photo uploaded through one server is served by the other, byte for byte, without EXIF; a deletion through the second shows on the first', async () => {
    const first = createApp({ database, logger: silentLogger(), now: NOW, files: s3FileStore(settings) })
    const second = createApp({ database, logger: silentLogger(), now: NOW, files: s3FileStore(settings) })
    const owner = await signedIn(first, 'owner')
    const leader = await signedIn(second, 'leader')
    const [unit] = await database.rows<{ owner_unit: string }>(sql`select owner_unit from accounts where username = 'owner'`)
    const [project] = await database.rows<{ id: string }>(sql`
      select p.id from projects p join project_years y on y.project_id = p.id and y.year = 2024
      where p.owner_unit = ${unit!.owner_unit} and p.retired_at is null order by p.id limit 1`)

    const response = await uploadPhoto(owner, project!.id, '2024-10', await cameraJpeg(), '桩基施工')
    expect(response.status, await response.clone().text()).toBe(201)
    const photo = ReportPhotoSchema.parse(await response.json())

    const fromFirst = await bytesOfResponse(await owner.request(photo.url))
    const servedBySecond = await leader.request(photo.url)
    expect(servedBySecond.status).toBe(200)
    expect(servedBySecond.headers.get('content-type')).toBe('image/jpeg')
    const fromSecond = await bytesOfResponse(servedBySecond)
    expect(fromSecond).toEqual(fromFirst)
    const meta = await sharp(fromSecond).metadata()
    expect({ width: meta.width, height: meta.height, exif: meta.exif }).toEqual({ width: 1600, height: 1200, exif: undefined })
    // A range from the store, through the second server.
    const part = await leader.request(photo.thumbUrl, { headers: { Range: 'bytes=0-15' } })
    expect(part.status).toBe(206)
    expect((await bytesOfResponse(part)).byteLength).toBe(16)

    // The objects are in the bucket under files/ab/cdef…, and nowhere else.
    const [row] = await database.rows<{ file_id: string; thumb_file_id: string }>(sql`select file_id, thumb_file_id from report_photos where id = ${photo.id}`)
    const fresh = s3FileStore(settings)
    expect(await fresh.exists(row!.file_id)).toBe(true)
    expect(await fresh.exists(row!.thumb_file_id)).toBe(true)
    expect(filesUnder(objectDir).some((path) => path.startsWith(`${BUCKET}/files/${row!.file_id.slice(0, 2)}/${row!.file_id.slice(2)}`))).toBe(true)

    const ownerOnSecond = await signedIn(second, 'owner')
    expect((await ownerOnSecond.request(`/api/projects/${project!.id}/reports/2024-10/photos/${photo.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await owner.request(photo.url)).status).toBe(404)
    // The files stay in the store (decision 81: no file is deleted in this release).
    expect(await fresh.exists(row!.file_id)).toBe(true)
  })

  it('treats a refusal by the store (an unknown key) as an error of the server, not as a missing file', async () => {
    const wrong = s3FileStore({ ...settings, accessKeyId: 'NOT-A-KEY' })
    await expect(wrong.put(new TextEncoder().encode('x'), { type: 'image/jpeg' })).rejects.toThrow(/object store/)
  })
})
