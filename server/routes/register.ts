import type { Handler } from 'hono'
import type { AppEnv } from './context'
import type { RouteMethod } from '@/domain/route-access'

/** Register a route; its access rule comes from src/domain/route-access.ts (missing → start-up error). */
export type Register = (method: RouteMethod, path: string, handler: Handler<AppEnv>) => void
