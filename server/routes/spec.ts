import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from './context'

/**
 * What a route declares beside its handler: its request (path parameters, query, body) and its answers
 * (success schemas, error statuses). The declaration is the route's only description of its request:
 * register() parses the request with it before the handler runs and hands the handler the parsed values
 * (server/routes/register.ts); the OpenAPI document is generated from it (server/openapi.ts); under test
 * every JSON answer is checked against it (server/api.ts). Who may call the route is the access table's
 * (src/domain/route-access.ts), looked up by method and path.
 */
export type ErrorCode = 400 | 403 | 404 | 409 | 413 | 415 | 416 | 422 | 429 | 501 | 503

/** A file as the request body: its media type, and what to call it when another type is sent (415). */
export type BodyFile = { type: string; name: string }

/**
 * A multipart/form-data body (an upload with its fields), read by the handler itself as it streams in (limits
 * enforced while reading: server/files/photo-upload.ts); another media type is a 415 before anything is read.
 * Described for the document: each part's name and what it holds; `file` names the file part.
 */
export type BodyForm = { file: string; parts: Record<string, string>; required: readonly string[] }

export type RouteSpec = {
  summary: string
  /**
   * Path parameters: one schema per parameter of the path, its description (`.describe()`) the
   * document's. Parsed one by one in this order; the first that fails is the 400 (invalid_path).
   */
  params?: z.ZodObject
  /** The contract's (strict) query schema: unknown, repeated or malformed parameters are a 400 (invalid_query). */
  query?: z.ZodObject
  /** The JSON body: another media type is a 415, bad JSON or a failed schema a 400 (invalid_body). */
  body?: z.ZodType
  /** A file as the request body (e.g. an uploaded workbook); handed to the handler as bytes. */
  bodyFile?: BodyFile
  /** A multipart/form-data upload, left unread for the handler to stream (the handler receives no body). */
  bodyForm?: BodyForm
  /**
   * A refusal that depends on the account beyond its role (an account that may read but sees no data),
   * checked after the access rule and before the request is read.
   */
  refuse?: (c: Context<AppEnv>) => Response | null
  /** Every answer of the route is `Cache-Control: no-store`, a refusal of its request too (sign-in, the signed-in user). */
  noStore?: true
  /** Success answers by status; a schema describes (and, under test, checks) the JSON body; `file` a download's media type. */
  responses: Partial<
    Record<200 | 201 | 204 | 206 | 304 | 422 | 503, { description: string; schema?: z.ZodType; html?: true; file?: string }>
  >
  /** Errors beyond 401/403 (added from the access table): status → what it means. */
  errors?: Partial<Record<ErrorCode, string>>
  /** Extra response headers by status (e.g. Retry-After on 429). */
  headers?: Partial<Record<ErrorCode | 200, Record<string, { description: string; schema: unknown }>>>
}

/** What a handler receives: the request as its declaration parsed it (nothing undeclared). */
export type RouteInput<S extends RouteSpec> = {
  params: S extends { params: infer P extends z.ZodObject } ? z.output<P> : Record<string, never>
  query: S extends { query: infer Q extends z.ZodObject } ? z.output<Q> : undefined
  body: S extends { bodyFile: BodyFile }
    ? Uint8Array
    : S extends { body: infer B extends z.ZodType }
      ? z.output<B>
      : undefined
}

export type RouteHandler<S extends RouteSpec> = (
  c: Context<AppEnv>,
  input: RouteInput<S>,
) => Response | Promise<Response>

/** The query of a route that takes none: any parameter is refused (400 invalid_query). */
export const NO_QUERY = z.strictObject({})

/** The most common errors, worded once. */
export const ERRORS = {
  badQuery: { 400: '参数无效（字段见 fields）' },
  notFound: { 404: '不存在' },
  /** A month not yet published, asked for by a reader who reads published months only (decision 63). */
  unpublished: { 403: '该月尚未发布（只有发改委工作人员可查看未发布的月份；消息中指明最新发布的月份）' },
  conflict: { 409: '版本已过期（附 current 当前内容）或状态不允许' },
} as const satisfies Record<string, Partial<Record<ErrorCode, string>>>
