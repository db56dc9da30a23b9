import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { malformedText } from '@/contract/parse'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { rowCounts, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

// Text must be Unicode (issue 25): a lone UTF-16 surrogate in any text field is a 400 naming the field on every
// write route that takes text — never a 500 with a stack trace from the database — and nothing is written.

const LONE = '\ud800'
let database: Database
let staff: Client
let owner: Client
let admin: Client
beforeAll(async () => {
  database = await seededMemoryDatabase()
  const app = createApp({ database, logger: silentLogger() })
  ;[staff, owner, admin] = [await signedIn(app, 'staff'), await signedIn(app, 'owner'), await signedIn(app, 'admin')]
})
afterAll(async () => {
  await database.close()
})

const send = (client: Client, method: string, path: string, body: unknown) =>
  client.request(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

describe('a lone surrogate is refused, naming the field, on every write route with text', () => {
  it('report, project create and edit, problem, account: 400 invalid_body, the field named, nothing written', async () => {
    const [own] = await database.rows<{ id: string }>(sql`select id from projects where owner_unit = (select owner_unit from accounts where username = 'owner') order by id limit 1`)
    const [p020] = await database.rows<{ version: number }>(sql`select version from projects where id = 'P020'`)
    const cases: [Client, string, string, unknown, string][] = [
      [owner, 'PUT', `/api/projects/${own!.id}/reports/2024-10`, { actualWan: 1, progressText: `施工${LONE}` }, 'progressText'],
      [staff, 'POST', '/api/projects', { name: `新项目${LONE}` }, 'name'],
      [staff, 'PATCH', '/api/projects/P020', { version: Number(p020!.version), name: `改名${LONE}` }, 'name'],
      [staff, 'POST', '/api/projects/P020/problems', { category: '要素保障', description: `描述${LONE}`, measure: '协调', dueDate: '2024-12-31' }, 'description'],
      [admin, 'POST', '/api/admin/accounts', { username: 'someone', displayName: `名字${LONE}`, role: 'leader', password: 'a-long-password-1' }, 'displayName'],
      [owner, 'PUT', `/api/projects/${own!.id}/reports/2024-10`, { actualWan: 1, milestonesReached: [{ name: `节点\udc00`, date: '2024-10-01' }] }, 'milestonesReached.0.name'],
    ]
    const before = await rowCounts(database)
    for (const [client, method, path, body, field] of cases) {
      const response = await send(client, method, path, body)
      const answer = (await response.json()) as { error: { code: string; fields?: Record<string, string> } }
      expect(response.status, `${method} ${path}`).toBe(400)
      expect(answer.error.code).toBe('invalid_body')
      expect(Object.keys(answer.error.fields ?? {}), `${method} ${path}`).toEqual([field])
    }
    expect(await rowCounts(database)).toEqual(before)
  })

  it('refuses control characters other than tab and line breaks in any text field, the comments of publication and 催报 included', async () => {
    for (const [client, path, body, field] of [
      [staff, '/api/months/2024-10/remind', { comment: '请尽快\u0007报送' }, 'comment'],
      [staff, '/api/months/2024-10/publish', { comment: '十月\u0000' }, 'comment'],
    ] as const) {
      const response = await send(client, 'POST', path, body)
      expect(response.status, path).toBe(400)
      expect(Object.keys(((await response.json()) as { error: { fields?: Record<string, string> } }).error.fields ?? {})).toEqual([field])
    }
    expect(malformedText({ text: '第一行\r\n第二行\t说明' })).toEqual({})
  })

  it('finds lone surrogates anywhere in a body, keeps a proper pair (an emoji, a rare character) as text', () => {
    expect(malformedText({ a: 'ok 😀 𠀀', b: ['fine', { c: `x${LONE}` }], [`k${LONE}`]: 1 })).toEqual({ 'b.1.c': expect.any(String), '(key)': '字段名含有无效的字符' })
    expect(malformedText({ text: '南岸区 😀 \n\t' })).toEqual({})
  })
})
