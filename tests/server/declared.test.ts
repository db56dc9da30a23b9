import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { checkAnswer } from '../../server/app'
import type { RouteSpec } from '../../server/routes/spec'

/**
 * Under test the server checks every JSON answer against what its route declares (the same declaration
 * the OpenAPI document is generated from). These are the checks themselves: they must be able to fail.
 */
const spec: RouteSpec = {
  summary: '测试',
  responses: { 200: { description: '好', schema: z.object({ total: z.number().int() }) } },
  errors: { 404: '不存在' },
}
const json = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('the answers a route declares', () => {
  it('accepts an answer that matches its declared schema, and a declared error in the one error shape', async () => {
    await expect(checkAnswer('GET', '/x', spec, json({ total: 3 }, 200))).resolves.toBeUndefined()
    await expect(checkAnswer('GET', '/x', spec, json({ error: { code: 'not_found', message: '不存在' } }, 404))).resolves.toBeUndefined()
    // 401, 403 and 405 follow from the access table and the router, for every route.
    await expect(checkAnswer('GET', '/x', spec, json({ error: { code: 'forbidden', message: '无权' } }, 403))).resolves.toBeUndefined()
  })

  it('refuses a body that does not match, a status it does not declare, and an error in another shape', async () => {
    await expect(checkAnswer('GET', '/x', spec, json({ total: '3' }, 200))).rejects.toThrow(/does not match its declared schema/)
    await expect(checkAnswer('GET', '/x', spec, json({ error: { code: 'x', message: 'y' } }, 422))).rejects.toThrow(/does not list/)
    await expect(checkAnswer('GET', '/x', spec, json({ message: 'oops' }, 404))).rejects.toThrow(/does not match/)
  })
})
