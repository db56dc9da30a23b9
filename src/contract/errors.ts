import { z } from 'zod'

export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    /** With a 409 conflict: the record as it is now, so the client can show the difference. */
    current: z.unknown().optional(),
  }),
})
export type ApiError = z.infer<typeof ApiErrorSchema>
