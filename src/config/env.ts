import { z } from 'zod'

/** Build-time settings, parsed once. `mock`: the MSW worker answers /api in the browser (demo). */
const EnvSchema = z.object({
  VITE_API_MODE: z.enum(['mock', 'server']).default('mock'),
})

export const env = EnvSchema.parse({ VITE_API_MODE: import.meta.env.VITE_API_MODE || undefined })
