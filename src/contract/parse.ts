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

/**
 * A failed parse of a request body as the `fields` of the error answer: one message per field (the
 * first), unknown fields named as such. The same map whichever side (server or mock) answers.
 */
export function issueFields(
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: readonly string[] }[],
): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.keys) for (const key of issue.keys) fields[key] = '不支持的字段'
    else fields[String(issue.path[0] ?? 'body')] ??= issue.message
  }
  return { ...fields }
}

export type ParsedBody<T> = { ok: true; data: T } | { ok: false; status: 400 | 415; code: string; message: string; fields?: Record<string, string> }

/**
 * A request body parsed with a contract schema: JSON only (415 otherwise), valid JSON (400), the
 * schema's rules (400 with one message per field). Server and mock answer through this one function.
 */
/** A UTF-16 surrogate without its pair: JSON may carry one ("\ud800"), Unicode text may not, nor may PostgreSQL store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** Control characters other than tab and line breaks (NUL cannot be stored; the others are never meant). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/**
 * Every string of a JSON value (keys too) that is not Unicode text, by its path (`milestonesReached.0.name`):
 * each is refused as a 400 naming the field, before any schema or database sees it.
 */
export function malformedText(value: unknown, path: string[] = [], found: Record<string, string> = {}): Record<string, string> {
  const name = () => path.join('.') || '(body)'
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) found[name()] = '含有无效的字符（不成对的 Unicode 代理项），请删除后重新输入'
    else if (CONTROL.test(value)) found[name()] = '含有不允许的控制字符，请删除后重新输入'
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => malformedText(item, [...path, String(i)], found))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key) || CONTROL.test(key)) found[[...path, '(key)'].join('.')] = '字段名含有无效的字符'
      else malformedText(item, [...path, key], found)
    }
  }
  return found
}

export function parseJsonBody<S extends z.ZodType>(contentType: string | null | undefined, text: string, schema: S): ParsedBody<z.output<S>> {
  if (!contentType?.toLowerCase().startsWith('application/json')) {
    return { ok: false, status: 415, code: 'unsupported_media_type', message: '请求内容应为 JSON（Content-Type: application/json）' }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, status: 400, code: 'invalid_body', message: '请求内容不是有效的 JSON' }
  }
  const malformed = malformedText(value)
  if (Object.keys(malformed).length > 0) return { ok: false, status: 400, code: 'invalid_body', message: '请求内容含有无效的字符', fields: malformed }
  const parsed = schema.safeParse(value)
  if (!parsed.success) return { ok: false, status: 400, code: 'invalid_body', message: '请求内容无效', fields: issueFields(parsed.error.issues) }
  return { ok: true, data: parsed.data as z.output<S> }
}
