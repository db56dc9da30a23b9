import { z } from 'zod'

/** Build-time settings, parsed once. `server` (default): /api is the real server; `mock`: the MSW worker answers /api in the browser (demo build, dev:mock). */
const EnvSchema = z.object({
  VITE_API_MODE: z.enum(['mock', 'server']).default('server'),
})

// The server also runs this code to draw pages (decision 57); run from its sources (tsx) it has no Vite env.
export const env = EnvSchema.parse({ VITE_API_MODE: (import.meta.env as ImportMetaEnv | undefined)?.VITE_API_MODE || undefined })
