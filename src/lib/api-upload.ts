import type { z } from 'zod'
import { parseWith, request, toSearch, type QueryParams } from './api-client'

/**
 * Upload a file as the request body (an .xlsx workbook). An answer of a status in `alsoFine` that is not
 * the error shape (an import's 422 with its list of errors) is parsed with the schema like a success.
 */
export async function apiUpload<S extends z.ZodType>(path: string, params: QueryParams, file: Blob, contentType: string, schema: S, alsoFine: readonly number[] = []) {
  const { response, body } = await request(`${path}${toSearch(params)}`, { method: 'POST', headers: { 'Content-Type': contentType, Accept: 'application/json' }, body: file }, alsoFine)
  return { status: response.status, body: parseWith(schema, response.status, body) }
}

/**
 * Send a multipart/form-data form (a file with its fields: a report's photo, an approval's PDF) and parse the
 * answer with the schema. The browser writes the Content-Type with its boundary itself.
 */
export async function apiSendForm<S extends z.ZodType>(path: string, form: FormData, schema: S, signal?: AbortSignal): Promise<z.output<S>> {
  const { response, body } = await request(path, { method: 'POST', headers: { Accept: 'application/json' }, body: form, signal })
  return parseWith(schema, response.status, body)
}
