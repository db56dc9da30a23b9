import { z } from 'zod'
import { LOOPBACK_PROXIES, parseProxyEntry } from './trusted-proxies'
import { DEFAULT_BULLETIN_SETTINGS, numberFormatProblem } from '@/domain/bulletin'
import { DEFAULT_FORECAST_SETTINGS } from '@/domain/forecast'
import { DEFAULT_ESCALATION_RULE } from '@/domain/escalation'
import { DEFAULT_REPORT_CHECKS } from '@/domain/forecast-report'

/** Server configuration, parsed once at start-up; a bad value stops start-up with one line. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** When set, use this PostgreSQL server instead of the embedded database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Password of the demo accounts created at first start of an empty database (else random, printed once). */
  DEMO_PASSWORD: z.string().min(10, 'must be at least 10 characters').max(200).optional(),
  /** Whether an owner-unit account sees every project (all) or only its own unit's (own). */
  OWNER_SEES: z.enum(['all', 'own']).default('all'),
  /**
   * Behind a reverse proxy: the proxy's addresses or CIDR ranges, comma-separated (e.g. 127.0.0.1 or
   * 10.0.0.0/8,::1), whose X-Forwarded-For/-Host/-Proto are believed; from any other peer they are ignored.
   * 1/true stand for a proxy on this machine (127.0.0.1, ::1); 0/false (the default) believe none (decision 70).
   */
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((v) => v.trim())
    .refine((v) => ['0', '1', 'false', 'true'].includes(v) || v.split(',').every((entry) => parseProxyEntry(entry) !== null), {
      message: 'must list proxy addresses or CIDR ranges, e.g. 127.0.0.1 or 10.0.0.0/8,::1 (or 1 for this machine, 0 for none)',
    })
    .transform((v): string[] => (v === '0' || v === 'false' ? [] : v === '1' || v === 'true' ? [...LOOPBACK_PROXIES] : v.split(',').map((entry) => entry.trim()))),
  /** A session unused this long ends (minutes). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
  /** A session ends this long after sign-in (hours). */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /**
   * What an empty database is seeded with at first start: the report's 132 projects with simulated months
   * (demo, labelled as such), or nothing but the accounts (empty: a real deployment, filled by the ledger import).
   */
  SEED_DATA: z.enum(['demo', 'empty']).default('demo'),
  /**
   * The demo's calendar (SEED_DATA=demo only): `report` keeps its "today" in the report's year — 4 November
   * 2024 at first start, moving on with the wall clock until the year's last day — so the demo's deadlines,
   * reminders and new dates fall in the demo's year; `wall` uses the wall clock (docs/decisions/066).
   */
  DEMO_CLOCK: z.enum(['report', 'wall']).default('report'),
  /**
   * Optional: each notice is also posted as markdown to this group-robot webhook (企业微信 or 钉钉 群机器人),
   * retried with backoff, never blocking a request (docs/decisions/067). Off when unset.
   */
  NOTIFY_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** The address users open the app at, for the 打开 link in webhook messages (e.g. https://xmjc.example.gov.cn). */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** 催报 by itself: days before a month's deadline a unit with reports not submitted is told (0: not before). */
  REMIND_DAYS_BEFORE: z.coerce.number().int().min(0).max(20).default(3),
  /** …and days after the deadline it (and the staff) is told what is still missing (0: not after). */
  REMIND_DAYS_AFTER: z.coerce.number().int().min(0).max(20).default(1),
  /** How often the reminder sweep runs (minutes; 0: never). Each reminder is sent once whatever the interval. */
  REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(10),
  /**
   * The issued bulletin (docs/decisions/064): its 文号 pattern ({year} the year of issue, {n} its number in
   * that year), 主送, 抄送 and 落款. An issued bulletin keeps the ones it was issued with.
   */
  BULLETIN_NUMBER_FORMAT: z
    .string()
    .max(100)
    .refine((v) => numberFormatProblem(v) === null, numberFormatProblem('') ?? '')
    .default(DEFAULT_BULLETIN_SETTINGS.numberFormat),
  BULLETIN_MAIN_TO: z.string().max(500).default(DEFAULT_BULLETIN_SETTINGS.mainTo),
  BULLETIN_COPY_TO: z.string().max(500).default(DEFAULT_BULLETIN_SETTINGS.copyTo),
  BULLETIN_ISSUER: z.string().max(100).default(DEFAULT_BULLETIN_SETTINGS.issuer),
  /** 预计偏乐观: an owner's 全年预计 above the computed forecast by more than this percentage (decision 75). */
  FORECAST_OPTIMISM_MARGIN: z.coerce.number().min(0).max(1000).default(DEFAULT_FORECAST_SETTINGS.optimismMarginPercent),
  /** 按现有进度难以完成: a catch-up needing more than this many times the project's best month (decision 75). */
  CATCH_UP_MAX_RATIO: z.coerce.number().positive().max(100).default(DEFAULT_FORECAST_SETTINGS.feasibleRatio),
  /**
   * 挂牌督办 (docs/decisions/076): publishing a month proposes a project judged 严重滞后 in this many published
   * months in a row, or with this many approved reports of the year whose 完成信心 is 低 (0: that part off).
   */
  ESCALATION_SEVERE_MONTHS: z.coerce.number().int().min(0).max(12).default(DEFAULT_ESCALATION_RULE.severeMonths),
  ESCALATION_LOW_CONFIDENCE_REPORTS: z.coerce.number().int().min(0).max(12).default(DEFAULT_ESCALATION_RULE.lowConfidenceReports),
  /**
   * The monthly report's forecast and 需核实 checks (decision 74): the forecast (全年预计, 完成信心 …) is
   * required at submit from this month of the year (1–12); a report is flagged when its amount is more
   * than FLAG_AMOUNT_RATIO × the project's largest approved month, or 形象进度 rises by more than
   * FLAG_PROGRESS_JUMP_POINTS points in a month.
   */
  FORECAST_REQUIRED_FROM: z.coerce.number().int().min(1).max(12).default(DEFAULT_REPORT_CHECKS.forecastRequiredFrom),
  FLAG_AMOUNT_RATIO: z.coerce.number().min(1).max(100).default(DEFAULT_REPORT_CHECKS.flagAmountRatio),
  FLAG_PROGRESS_JUMP_POINTS: z.coerce.number().min(1).max(100).default(DEFAULT_REPORT_CHECKS.flagProgressJumpPoints),
  /** Directory of the built single-page app. */
  STATIC_DIR: z.string().min(1).default('./dist'),
  /**
   * Uploaded files (photos, approvals' PDFs) in an S3-compatible object store instead of DATA_DIR/files: the
   * store's address (path-style requests: endpoint/bucket/key), its bucket and keys. All four or none; needed
   * when several servers share one DATABASE_URL (decision 81).
   */
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://oss.example.gov.cn' }).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3-63 lower-case letters, digits, dots and hyphens')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).max(200).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).max(200).optional(),
  /** The region requests are signed for (most S3-compatible stores accept the default). */
  S3_REGION: z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be a region name such as us-east-1 or cn-southwest-2').default('us-east-1'),
}).superRefine((env, ctx) => {
  const s3 = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const
  const missing = s3.filter((key) => env[key] === undefined)
  if (missing.length > 0 && missing.length < s3.length) {
    ctx.addIssue({ code: 'custom', path: [missing[0]!], message: `is required when any of ${s3.join(', ')} is set (all four or none)` })
  }
})
export type Env = z.infer<typeof EnvSchema>

/** The object store the files go to, or null for DATA_DIR/files. */
export function s3SettingsOf(env: Env) {
  if (!env.S3_ENDPOINT || !env.S3_BUCKET || !env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) return null
  return { endpoint: env.S3_ENDPOINT, bucket: env.S3_BUCKET, accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY, region: env.S3_REGION }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = EnvSchema.safeParse(cleaned)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new Error(`invalid configuration: ${issue.path.join('.')} ${issue.message}`)
  }
  return result.data
}
