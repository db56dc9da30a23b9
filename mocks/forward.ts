import { http } from 'msw'
import { SESSION_COOKIE } from '@/contract'

/** What answers the API: the server's own Hono app (server/api.ts), in Node or in the browser. */
export type ApiHost = { fetch: (request: Request) => Response | Promise<Response> }

/**
 * The page's session cookie, kept here because the server's cookie is HttpOnly and a mocked answer
 * cannot set one: the server's Set-Cookie is read into the jar and sent back on each request, as a
 * browser would. `remember` keeps it across a reload (the demo keeps it in sessionStorage).
 */
export type SessionJar = {
  cookie: () => string | null
  set: (token: string | null) => void
}

export function sessionJar(remember?: { load: () => string | null; save: (token: string | null) => void }): SessionJar {
  let token = remember?.load() ?? null
  return {
    cookie: () => (token ? `${SESSION_COOKIE}=${token}` : null),
    set(next) {
      token = next
      remember?.save(next)
    },
  }
}

/** The token a Set-Cookie header gives (null when it clears the cookie), or undefined when it is not ours. */
function sessionFromSetCookie(header: string): string | null | undefined {
  const [pair, ...attributes] = header.split(';')
  const eq = pair?.indexOf('=') ?? -1
  if (!pair || eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) return undefined
  const value = pair.slice(eq + 1).trim()
  const cleared = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a) || /^\s*expires\s*=.*1970/i.test(a))
  return value === '' || cleared ? null : value
}

/**
 * The only handler: every /api request goes to the server's app as it came, with the page's session
 * cookie, and its answer comes back as the server gave it (less the cookie, which the jar keeps). No rule
 * of the API lives here. `onWrite` hears of each request that may change data (tests reset after one).
 * A client that keeps its own cookies (the contract suite's) passes 'client-keeps-cookies': its Cookie
 * and the server's Set-Cookie then go through untouched.
 */
export function forwardTo(host: () => Promise<ApiHost>, jar: SessionJar | 'client-keeps-cookies', onWrite?: () => void) {
  return [
    http.all('/api/*', async ({ request }) => {
      const app = await host()
      const headers = new Headers(request.headers)
      // The answer goes back to the page uncompressed: no fetch would undo a Content-Encoding here.
      headers.delete('accept-encoding')
      if (jar !== 'client-keeps-cookies') {
        headers.delete('cookie')
        const cookie = jar.cookie()
        if (cookie) headers.set('cookie', cookie)
      }
      const safe = request.method === 'GET' || request.method === 'HEAD'
      if (!safe) onWrite?.()
      const body = safe ? undefined : await request.arrayBuffer()
      const response = await app.fetch(new Request(request.url, { method: request.method, headers, body }))
      const answer = new Headers(response.headers)
      if (jar !== 'client-keeps-cookies') {
        for (const header of response.headers.getSetCookie()) {
          const token = sessionFromSetCookie(header)
          if (token !== undefined) jar.set(token)
        }
        answer.delete('set-cookie')
      }
      return new Response(response.status === 204 || response.status === 304 ? null : response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: answer,
      })
    }),
  ]
}
