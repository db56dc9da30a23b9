import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseEnv, s3SettingsOf } from '../../server/env'
import { openLocalFileStore } from '../../server/files/local-store'
import { inlineDisposition, rangeOf } from '../../server/files/serve'
import { bytesOf, memoryFileStore } from '../../server/files/store'
import { filesUnder } from './photo-support'

/** The embedded file store (DATA_DIR/files): content-addressed, written whole or not at all, temporary files cleaned. */

const dirs: string[] = []
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nanan-files-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const text = (s: string) => new TextEncoder().encode(s)

describe('the embedded store', () => {
  it('keeps a file under ab/cdef… of its SHA-256, once, whether given as bytes or as a stream', async () => {
    const store = await openLocalFileStore(dataDir())
    const content = text('施工许可证扫描件'.repeat(1000))
    const stored = await store.put(content, { type: 'application/pdf' })
    expect(stored).toEqual({ id: sha(content), size: content.byteLength })
    expect(filesUnder(store.root)).toEqual([`${stored.id.slice(0, 2)}/${stored.id.slice(2)}`])
    expect(new Uint8Array(readFileSync(join(store.root, stored.id.slice(0, 2), stored.id.slice(2))))).toEqual(content)
    // The same bytes again, as a stream in three chunks: the same name, no second file.
    const chunks = [content.subarray(0, 10), content.subarray(10, 5000), content.subarray(5000)]
    const again = await store.put(new ReadableStream({ start: (c) => { for (const chunk of chunks) c.enqueue(chunk); c.close() } }), { type: 'application/pdf' })
    expect(again).toEqual(stored)
    expect(filesUnder(store.root)).toHaveLength(1)
    expect(await store.exists(stored.id)).toBe(true)
    expect(await store.exists('0'.repeat(64))).toBe(false)
    expect(await store.exists('../../etc/passwd')).toBe(false)
    expect(await bytesOf((await store.get(stored.id))!.body)).toEqual(content)
    expect(await bytesOf((await store.get(stored.id, { start: 3, end: 9 }))!.body)).toEqual(content.subarray(3, 10))
    expect(await store.get('f'.repeat(64))).toBeNull()
  })

  it('leaves no file and no temporary file when the stream fails half-way', async () => {
    const store = await openLocalFileStore(dataDir())
    let pulled = 0
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled++ < 3) controller.enqueue(text('部分内容'.repeat(500)))
        else controller.error(new Error('client went away'))
      },
    })
    await expect(store.put(failing, { type: 'image/jpeg' })).rejects.toThrow('client went away')
    expect(filesUnder(store.root)).toEqual([])
  })

  it('removes the temporary files a crash left behind when it opens, and nothing else', async () => {
    const dir = dataDir()
    const first = await openLocalFileStore(dir)
    const kept = await first.put(text('保留的文件'), { type: 'image/jpeg' })
    // What kill -9 during a write leaves: a temporary file in the root (a stream) and in a file's folder (bytes).
    writeFileSync(join(first.root, '.tmp-0123456789abcdef'), 'half a stream')
    mkdirSync(join(first.root, 'ab'), { recursive: true })
    writeFileSync(join(first.root, 'ab', '.tmp-fedcba9876543210'), 'half a photo')
    expect(filesUnder(first.root)).toHaveLength(3)
    const reopened = await openLocalFileStore(dir)
    expect(filesUnder(reopened.root)).toEqual([`${kept.id.slice(0, 2)}/${kept.id.slice(2)}`])
  })
})

describe('the in-memory store (tests, the demo)', () => {
  it('answers as the others do', async () => {
    const store = memoryFileStore()
    const content = text('内存中的文件')
    const stored = await store.put(content, { type: 'image/png' })
    expect(stored.id).toBe(sha(content))
    expect(await bytesOf((await store.get(stored.id, { start: 0, end: 2 }))!.body)).toEqual(content.subarray(0, 3))
  })
})

describe('serving a file', () => {
  it('reads one byte range of the Range header against the size', () => {
    expect(rangeOf('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 })
    expect(rangeOf('bytes=900-', 1000)).toEqual({ start: 900, end: 999 })
    expect(rangeOf('bytes=-100', 1000)).toEqual({ start: 900, end: 999 })
    expect(rangeOf('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 })
    expect(rangeOf('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 })
    expect(rangeOf('bytes=1000-', 1000)).toBe('unsatisfiable')
    expect(rangeOf('bytes=-0', 1000)).toBe('unsatisfiable')
    // Malformed, reversed or several ranges: the whole file.
    for (const header of [undefined, 'bytes=abc', 'items=0-1', 'bytes=50-10', 'bytes=0-1,5-9', 'bytes=-']) expect(rangeOf(header, 1000), String(header)).toBeNull()
  })

  it('names the file inline, in ASCII and in UTF-8', () => {
    expect(inlineDisposition('P001-2024-10-1a2b3c4d.jpg')).toBe(`inline; filename="P001-2024-10-1a2b3c4d.jpg"; filename*=UTF-8''P001-2024-10-1a2b3c4d.jpg`)
    expect(inlineDisposition('施工许可"证".pdf')).toBe(`inline; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('施工许可"证".pdf')}`)
  })
})

describe('the object store’s configuration (S3_*)', () => {
  const s3 = { S3_ENDPOINT: 'https://oss.example.gov.cn', S3_BUCKET: 'nanan-files', S3_ACCESS_KEY_ID: 'AKID', S3_SECRET_ACCESS_KEY: 'secret' }
  it('is off without it, and taken whole with the default region', () => {
    expect(s3SettingsOf(parseEnv({}))).toBeNull()
    expect(s3SettingsOf(parseEnv(s3))).toEqual({ endpoint: 'https://oss.example.gov.cn', bucket: 'nanan-files', accessKeyId: 'AKID', secretAccessKey: 'secret', region: 'us-east-1' })
    expect(s3SettingsOf(parseEnv({ ...s3, S3_REGION: 'cn-southwest-2' }))?.region).toBe('cn-southwest-2')
  })
  it.each([
    ['S3_SECRET_ACCESS_KEY', { ...s3, S3_SECRET_ACCESS_KEY: undefined }],
    ['S3_BUCKET', { S3_ENDPOINT: s3.S3_ENDPOINT }],
    ['S3_ENDPOINT', { ...s3, S3_ENDPOINT: 'ftp://oss' }],
    ['S3_BUCKET', { ...s3, S3_BUCKET: 'Bad_Bucket' }],
  ])('stops start-up with one line naming %s', (name, source) => {
    expect(() => parseEnv(source)).toThrow(name)
  })
})
