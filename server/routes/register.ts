import type { Handler } from 'hono'
import type { AppEnv } from './context'
import type { RouteMethod } from './access'

/** Register a route; its access rule comes from server/routes/access.ts (missing → start-up error). */
export type Register = (method: RouteMethod, path: string, handler: Handler<AppEnv>) => void
