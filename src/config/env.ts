import { z } from 'zod'

/** Build-time settings, parsed once. `server` (default): /api is the real server; `mock`: the MSW worker answers /api in the browser (demo build, dev:mock). */
const EnvSchema = z.object({
  VITE_API_MODE: z.enum(['mock', 'server']).default('server'),
})

export const env = EnvSchema.parse({ VITE_API_MODE: import.meta.env.VITE_API_MODE || undefined })
