import type { z } from 'zod'

/**
 * What a route declares beside its handler: its request (path parameters, query, body) and its answers
 * (success schemas, error statuses). The OpenAPI document is generated from these declarations
 * (server/openapi.ts), and under test every JSON answer is checked against them (server/app.ts), so the
 * description cannot drift from what the server does.
 */
export type ErrorCode = 400 | 404 | 409 | 413 | 415 | 422 | 429 | 503

export type RouteSpec = {
  summary: string
  /** Path parameters: name → description. */
  params?: Record<string, string>
  /** The contract's (strict) query schema. */
  query?: z.ZodObject
  body?: z.ZodType
  /** A file as the request body (its media type), e.g. an uploaded workbook. */
  bodyFile?: string
  /** Success answers by status; a schema describes (and, under test, checks) the JSON body; `file` a download's media type. */
  responses: Partial<Record<200 | 201 | 204 | 422 | 503, { description: string; schema?: z.ZodType; html?: true; file?: string }>>
  /** Errors beyond 401/403 (added from the access table): status → what it means. */
  errors?: Partial<Record<ErrorCode, string>>
  /** Extra response headers by status (e.g. Retry-After on 429). */
  headers?: Partial<Record<ErrorCode | 200, Record<string, { description: string; schema: unknown }>>>
}

/** The most common errors, worded once. */
export const ERRORS = {
  badQuery: { 400: '参数无效（字段见 fields）' },
  notFound: { 404: '不存在' },
  conflict: { 409: '版本已过期（附 current 当前内容）或状态不允许' },
} as const satisfies Record<string, Partial<Record<ErrorCode, string>>>
