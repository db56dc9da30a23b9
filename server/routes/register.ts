import type { Handler } from 'hono'
import type { AppEnv } from './context'
import type { RouteMethod } from '@/domain/route-access'
import type { RouteSpec } from './spec'

/**
 * Register a route with its declaration (request and answers, server/routes/spec.ts); its access rule
 * comes from src/domain/route-access.ts (missing → start-up error).
 */
export type Register = (method: RouteMethod, path: string, handler: Handler<AppEnv>, spec: RouteSpec) => void
