import type { z } from 'zod'

export type ParsedQuery<T> = { ok: true; data: T } | { ok: false; fields: Record<string, string> }

/**
 * Parse URL search parameters with a contract schema. Shared by the mock handlers and the server so
 * that both reject the same input with the same field messages: unknown keys, repeated keys, bad values.
 */
export function parseSearchParams<S extends z.ZodType>(search: string, schema: S): ParsedQuery<z.output<S>> {
  // Prototype-free records: a parameter named __proto__ must be seen (and refused), not swallowed.
  const raw: Record<string, string> = Object.create(null) as Record<string, string>
  const fields: Record<string, string> = Object.create(null) as Record<string, string>
  // URLSearchParams silently turns bytes that are not UTF-8 into U+FFFD; reject them instead.
  for (const part of search.replace(/^\?/, '').split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '))
    } catch {
      return { ok: false, fields: { [part.split('=')[0] ?? 'query']: '不是有效的 UTF-8 编码' } }
    }
  }
  const params = new URLSearchParams(search)
  for (const [key, value] of params) {
    if (key in raw) fields[key] = '参数重复'
    raw[key] = value
  }
  const result = schema.safeParse(raw)
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fields[key] = '不支持的查询参数'
      else fields[String(issue.path[0] ?? 'query')] ??= issue.message
    }
  }
  if (!result.success || Object.keys(fields).length > 0) return { ok: false, fields: { ...fields } }
  return { ok: true, data: result.data as z.output<S> }
}
