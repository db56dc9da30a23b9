import { AwsClient } from 'aws4fetch'
import { FILE_ID, bytesOf, sha256Hex, type FileStore } from './store'

export type S3Settings = {
  /** The object store's address, e.g. https://oss.example.gov.cn or http://127.0.0.1:9000 (path-style: endpoint/bucket/key). */
  endpoint: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  region: string
}

/**
 * Files in an S3-compatible object store (MinIO, Ceph RGW, a cloud's OSS/COS/OBS S3 interface), for several
 * servers over one PostgreSQL: every server reads and writes the same bucket, so a photo uploaded through one
 * is served by another. Requests are signed (AWS Signature V4) by aws4fetch, one small file over fetch
 * (decision 81: not the AWS SDK). Keys are `files/ab/cdef…`, as on disk. An object store's PUT is atomic (the
 * object appears whole or not at all), so no temporary name is needed; the same bytes are not sent twice.
 */
export function s3FileStore(settings: S3Settings): FileStore {
  const client = new AwsClient({
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    service: 's3',
    region: settings.region,
    // A refusal is an answer, not a reason to try again; a failed connection is retried a few times.
    retries: 3,
  })
  const base = `${settings.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(settings.bucket)}`
  const urlOf = (id: string) => `${base}/files/${id.slice(0, 2)}/${id.slice(2)}`

  const failed = async (what: string, response: Response) =>
    new Error(`object store ${what} failed: ${response.status} ${(await response.text().catch(() => '')).slice(0, 200)}`)

  const exists = async (id: string) => {
    const response = await client.fetch(urlOf(id), { method: 'HEAD' })
    if (response.status === 404) return false
    if (!response.ok) throw await failed('HEAD', response)
    return true
  }

  return {
    kind: 's3',
    async put(content, { type }) {
      // The key is the bytes' hash, so the bytes are read first (the caller bounds them: one file per request).
      const bytes = await bytesOf(content)
      const id = await sha256Hex(bytes)
      if (!(await exists(id))) {
        const response = await client.fetch(urlOf(id), {
          method: 'PUT',
          headers: { 'Content-Type': type, 'Content-Length': String(bytes.byteLength) },
          body: bytes as Uint8Array<ArrayBuffer>,
        })
        if (!response.ok) throw await failed('PUT', response)
        await response.body?.cancel()
      }
      return { id, size: bytes.byteLength }
    },
    async get(id, range) {
      if (!FILE_ID.test(id)) return null
      const response = await client.fetch(urlOf(id), { headers: range ? { Range: `bytes=${range.start}-${range.end}` } : {} })
      if (response.status === 404) {
        await response.body?.cancel()
        return null
      }
      if (!response.ok || !response.body) throw await failed('GET', response)
      // The whole file's size: after the slash of Content-Range on a range, else the length.
      const total = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1] ?? response.headers.get('content-length')
      return { body: response.body, size: Number(total) }
    },
    async exists(id) {
      return FILE_ID.test(id) && exists(id)
    },
  }
}
