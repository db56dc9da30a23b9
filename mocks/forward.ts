import { Hono, type Env } from 'hono'
import { http } from 'msw'
import { SESSION_COOKIE } from '@/contract'

/** What answers the API: the server's own Hono app (server/api.ts), in Node or in the browser. */
export type ApiHost = { fetch: (request: Request) => Response | Promise<Response> }

/**
 * The page's session cookie. The server's cookie is HttpOnly, a mocked answer cannot set one, and a
 * browser drops Cookie from a Request and Set-Cookie from a Response made in script, so the jar keeps it:
 * `withSessionJar` hands it to the app and takes the app's new one. `remember` may keep it across a reload.
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
 * The server's app with the page's session: each request carries the jar's cookie (in a plain Headers
 * object, which may hold one), and each cookie the app sets (sign-in, sign-out) goes into the jar as the app
 * sets it, before any Response is made. The app itself is untouched.
 */
export function withSessionJar<E extends Env>(app: Hono<E>, jar: SessionJar): ApiHost {
  const outer = new Hono<E>()
  outer.use('*', async (c, next) => {
    const cookie = jar.cookie()
    // The request's headers with the jar's cookie, in a plain Headers object (which may hold one), on this
    // request and on any the app makes from it (a body limit re-wraps the request).
    const withCookie = (request: Request): Request => {
      const headers = new Headers(request.headers)
      headers.delete('cookie')
      if (cookie) headers.set('cookie', cookie)
      Object.defineProperty(request, 'headers', { value: headers, configurable: true })
      return request
    }
    let raw = withCookie(c.req.raw)
    Object.defineProperty(c.req, 'raw', { get: () => raw, set: (next: Request) => (raw = withCookie(next)), configurable: true })
    const header = c.header.bind(c)
    c.header = ((name: string, value?: string, options?: { append?: boolean }) => {
      if (name.toLowerCase() === 'set-cookie' && value !== undefined) {
        const token = sessionFromSetCookie(value)
        if (token !== undefined) jar.set(token)
      }
      return header(name, value, options)
    }) as typeof c.header
    await next()
  })
  outer.route('/', app)
  return outer
}

/**
 * The only handler: every /api request goes to the server's app as it came, and its answer comes back as
 * the server gave it. No rule of the API lives here. The page's session is the host's (withSessionJar),
 * so the answer's Set-Cookie is dropped — unless the client keeps its own cookies (the contract suite's:
 * 'client-keeps-cookies'), whose Cookie and Set-Cookie then go through untouched. `onWrite` hears of
 * each request that may change data (tests reset after one).
 */
export function forwardTo(host: () => Promise<ApiHost>, cookies: 'jar' | 'client-keeps-cookies', onWrite?: () => void) {
  return [
    http.all('/api/*', async ({ request }) => {
      const app = await host()
      const headers = new Headers(request.headers)
      // The answer goes back to the page uncompressed: no fetch would undo a Content-Encoding here.
      headers.delete('accept-encoding')
      const safe = request.method === 'GET' || request.method === 'HEAD'
      if (!safe) onWrite?.()
      const body = safe ? undefined : await request.arrayBuffer()
      const response = await app.fetch(new Request(request.url, { method: request.method, headers, body }))
      const answer = new Headers(response.headers)
      if (cookies === 'jar') answer.delete('set-cookie')
      return new Response(response.status === 204 || response.status === 304 ? null : response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: answer,
      })
    }),
  ]
}
