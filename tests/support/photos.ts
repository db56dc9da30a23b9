import { File as NodeFile } from 'node:buffer'
import { vi } from 'vitest'
import { testApi } from './api'
import type { Role } from '@/contract'
import type { ReportPhoto } from '@/contract/photos'

export { cameraJpeg, plainPng } from '../server/photo-support'

/**
 * Files in the web tests. jsdom brings its own FormData, File and Blob, but the request is made by Node's fetch
 * (undici), which writes jsdom's File as "[object File]": the upload would arrive empty. So a photo test uses
 * Node's FormData (taken from an answer Node parsed) and Node's File, as a browser's own FormData and File are one
 * implementation. `useNodeFormData` in a describe's beforeAll, undone after it (the web tests share one module graph).
 */
let nodeFormData: typeof FormData | null = null
export async function useNodeFormData() {
  nodeFormData ??= (await new Response('a=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData()).constructor as typeof FormData
  vi.stubGlobal('FormData', nodeFormData)
}
export const restoreFormData = () => vi.unstubAllGlobals()

/** A file as a phone's picker hands it over (Node's File: see above). */
export const photoFile = (bytes: Uint8Array, name: string, type: string): File => new NodeFile([bytes], name, { type }) as unknown as File

/** Bytes of an HEIC photo's head (ISO-BMFF `ftyp` + heic), as an iPhone writes by default. */
export const heicBytes = () => new Uint8Array([0, 0, 0, 0x18, ...'ftypheic'.split('').map((c) => c.charCodeAt(0)), 0, 0, 0, 0, ...new Array(64).fill(0)])

/** Add a photo to a month's report behind the page's back (the demo owner by default), through the API. */
export async function addPhoto(projectId: string, month: string, bytes: Uint8Array, caption: string, as: Role = 'owner'): Promise<ReportPhoto> {
  const form = new FormData()
  form.append('caption', caption)
  form.append('file', photoFile(bytes, 'photo.jpg', 'image/jpeg'))
  const answer = await testApi.sendForm(`/api/projects/${projectId}/reports/${month}/photos`, form, as)
  if (answer.status !== 201) throw new Error(`uploading to ${projectId} ${month}: ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body as ReportPhoto
}
