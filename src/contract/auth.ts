import { z } from 'zod'

/**
 * Accounts, sessions and the audit log. Five roles; what each may do is decided in one place,
 * `src/domain/access.ts`, which the server enforces and the UI mirrors.
 */
export const ROLES = ['leader', 'staff', 'reviewer', 'owner', 'admin'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

/** The session cookie (HttpOnly, SameSite=Lax; Secure over HTTPS). */
export const SESSION_COOKIE = 'nanan_session'

export const authPaths = {
  login: '/api/auth/login',
  me: '/api/auth/me',
  logout: '/api/auth/logout',
  accounts: '/api/admin/accounts',
  account: (username: string) => `/api/admin/accounts/${encodeURIComponent(username)}`,
  accountPassword: (username: string) => `/api/admin/accounts/${encodeURIComponent(username)}/password`,
  audit: '/api/audit',
  ownerUnits: '/api/admin/owner-units',
  password: '/api/auth/password',
  signInThrottle: '/api/admin/sign-in-throttle',
  signInThrottleLift: '/api/admin/sign-in-throttle/lift',
} as const

export const authRoutes = {
  login: '/api/auth/login',
  me: '/api/auth/me',
  logout: '/api/auth/logout',
  accounts: '/api/admin/accounts',
  account: '/api/admin/accounts/:username',
  accountPassword: '/api/admin/accounts/:username/password',
  audit: '/api/audit',
  ownerUnits: '/api/admin/owner-units',
  /** The signed-in user's own password (decision 69). */
  password: '/api/auth/password',
  /** The sign-in throttle: which name-and-address pairs and addresses are held back, and lifting them (admin). */
  signInThrottle: '/api/admin/sign-in-throttle',
  signInThrottleLift: '/api/admin/sign-in-throttle/lift',
} as const

/** Sign-in names are compared without regard to case: `Admin` and `admin` are one account. */
export const normaliseUsername = (username: string) => username.trim().toLowerCase()

export const LoginRequestSchema = z.strictObject({
  username: z.string().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(200, '密码过长'),
})
export type LoginRequest = z.infer<typeof LoginRequestSchema>

export const SessionUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  /** The 业主单位 an owner account acts for; null for every other role. */
  ownerUnit: z.string().nullable(),
})
export type SessionUser = z.infer<typeof SessionUserSchema>

export const MeResponseSchema = z.object({ user: SessionUserSchema })
export type MeResponse = z.infer<typeof MeResponseSchema>

