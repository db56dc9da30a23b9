import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ProjectIdSchema } from '@/contract'
import { UsernameSchema } from '@/contract/accounts'
import { checkAnswer, createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import type { AppEnv } from '../../server/routes/context'
import { checkDeclaration, declaredHandler } from '../../server/routes/register'
import type { RouteSpec } from '../../server/routes/spec'
import { seededMemoryDatabase, signedIn, silentLogger } from './support'

/**
 * Under test the server checks every JSON answer against what its route declares (the same declaration
 * the OpenAPI document is generated from). These are the checks themselves: they must be able to fail.
 */
const spec: RouteSpec = {
  summary: '测试',
  responses: { 200: { description: '好', schema: z.object({ total: z.number().int() }) } },
  errors: { 404: '不存在' },
}
const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('the answers a route declares', () => {
  it('accepts an answer that matches its declared schema, and a declared error in the one error shape', async () => {
    await expect(checkAnswer('GET', '/x', spec, json({ total: 3 }, 200))).resolves.toBeUndefined()
    await expect(
      checkAnswer('GET', '/x', spec, json({ error: { code: 'not_found', message: '不存在' } }, 404)),
    ).resolves.toBeUndefined()
    // 401, 403 and 405 follow from the access table and the router, for every route.
    await expect(
      checkAnswer('GET', '/x', spec, json({ error: { code: 'forbidden', message: '无权' } }, 403)),
    ).resolves.toBeUndefined()
  })

  it('refuses a body that does not match, a status it does not declare, and an error in another shape', async () => {
    await expect(checkAnswer('GET', '/x', spec, json({ total: '3' }, 200))).rejects.toThrow(
      /does not match its declared schema/,
    )
    await expect(checkAnswer('GET', '/x', spec, json({ error: { code: 'x', message: 'y' } }, 422))).rejects.toThrow(
      /does not list/,
    )
    await expect(checkAnswer('GET', '/x', spec, json({ message: 'oops' }, 404))).rejects.toThrow(/does not match/)
  })
})

/**
 * The request a route declares is the only request its handler sees: the declaration parses the path
 * parameters, the query and the body before the handler runs, and a request that does not pass is
 * answered from the declaration alone — the handler is never called with it.
 */
describe('the request a route declares', () => {
  const seen: unknown[] = []
  const declaration = {
    summary: '测试',
    params: z.object({ projectId: ProjectIdSchema.describe('项目编号'), username: UsernameSchema.describe('用户名') }),
    query: z.strictObject({ n: z.string().regex(/^\d+$/, '应为数字').transform(Number).optional() }),
    body: z.object({ version: z.number().int(), name: z.string().trim().min(1, '请填写名称') }),
    responses: { 200: { description: '好' } },
  } satisfies RouteSpec
  const app = new Hono<AppEnv>()
  app.post(
    '/x/:projectId/:username',
    declaredHandler(declaration, (c, input) => {
      seen.push(input)
      // Typed from the declaration: the parsed (transformed) values, nothing undeclared.
      const { params, query, body } = input
      return c.json({
        projectId: params.projectId,
        username: params.username,
        n: query.n ?? null,
        name: body.name,
        version: body.version,
      })
    }),
  )
  const post = (path: string, body: unknown, contentType = 'application/json') =>
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  const errorOf = async (response: Response) =>
    ((await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }).error

  it('hands the handler the parsed values: path, query and body as the schemas made them, unknown body fields dropped', async () => {
    seen.length = 0
    const response = await post('/x/P001/Zhang.San?n=42', { version: 3, name: '  甲  ', extra: 'never seen' })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ projectId: 'P001', username: 'zhang.san', n: 42, name: '甲', version: 3 })
    expect(seen).toEqual([
      { params: { projectId: 'P001', username: 'zhang.san' }, query: { n: 42 }, body: { version: 3, name: '甲' } },
    ])
  })

  it('answers a bad body from the declaration: 400 invalid_body with the field, 400 for bad JSON, 415 for another media type — the handler never runs', async () => {
    seen.length = 0
    const invalid = await post('/x/P001/zhang?n=1', { version: 1.5, name: ' ' })
    expect(invalid.status).toBe(400)
    expect(await errorOf(invalid)).toMatchObject({
      code: 'invalid_body',
      message: '请求内容无效',
      fields: { name: '请填写名称' },
    })
    const notJson = await post('/x/P001/zhang', '{"version": 1,')
    expect(notJson.status).toBe(400)
    expect(await errorOf(notJson)).toEqual({ code: 'invalid_body', message: '请求内容不是有效的 JSON' })
    const text = await post('/x/P001/zhang', 'version=1', 'text/plain')
    expect(text.status).toBe(415)
    expect((await errorOf(text)).code).toBe('unsupported_media_type')
    expect(seen).toEqual([])
  })

  it('answers a bad path parameter (the first that fails) and a bad query before the body is read', async () => {
    seen.length = 0
    const path = await post('/x/P1/a%20b', 'not even JSON', 'text/plain')
    expect(path.status).toBe(400)
    expect(await errorOf(path)).toEqual({
      code: 'invalid_path',
      message: '路径参数无效',
      fields: { projectId: '项目编号格式应为 P 加 3-6 位数字' },
    })
    const query = await post('/x/P001/zhang?n=x&m=1', { version: 1, name: '甲' })
    expect(query.status).toBe(400)
    expect(await errorOf(query)).toEqual({
      code: 'invalid_query',
      message: '查询参数无效',
      fields: { n: '应为数字', m: '不支持的查询参数' },
    })
    expect(seen).toEqual([])
  })

  it('refuses a declaration that does not describe its path', () => {
    expect(() => checkDeclaration('POST', '/x/:projectId/:username', declaration)).not.toThrow()
    expect(() => checkDeclaration('GET', '/x/:projectId', declaration)).toThrow(
      /path parameters \[projectId, username\], its path has \[projectId\]/,
    )
    expect(() => checkDeclaration('GET', '/x/:zoneId', { summary: '测试', responses: {} })).toThrow(
      /its path has \[zoneId\]/,
    )
  })
})

describe('a route of the app with a bad body', () => {
  let database: Database
  afterAll(async () => {
    await database?.close()
  })

  it('is refused by its declaration: nothing is written, audited or bumped', async () => {
    database = await seededMemoryDatabase()
    const app = createApp({ database, logger: silentLogger() })
    const staff = await signedIn(app, 'staff')
    const version = async () =>
      (await database.rows<{ value: string }>(sql`select value from meta where key = 'data_version'`))[0]?.value
    const audited = async () =>
      Number((await database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`))[0]?.n)
    const before = { version: await version(), audited: await audited() }
    const send = (body: string, contentType = 'application/json') =>
      staff.request('/api/projects/P010/problems', { method: 'POST', headers: { 'Content-Type': contentType }, body })
    const blank = await send(
      JSON.stringify({ category: '要素保障', description: ' ', measure: '协调', dueDate: '2099-06-30' }),
    )
    expect(blank.status).toBe(400)
    expect(((await blank.json()) as { error: { fields: Record<string, string> } }).error.fields.description).toBe(
      '请填写问题描述',
    )
    expect((await send('category=要素保障', 'application/x-www-form-urlencoded')).status).toBe(415)
    expect(
      (
        await send(
          JSON.stringify({ category: '要素保障', description: '停电', measure: '协调', dueDate: '2099-06-30' }),
          'application/json',
        )
      ).status,
    ).toBe(201)
    expect({ version: (await version()) === before.version, audited: await audited() }).toEqual({
      version: false,
      audited: before.audited + 1,
    })
  }, 60_000)
})
