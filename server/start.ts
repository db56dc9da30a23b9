import { serve } from '@hono/node-server'
import pino from 'pino'
import { generateDataset } from '@/dataset/generate'
import { seedDemoAccounts } from './auth/accounts'
import { createApp } from './app'
import { openDatabase } from './db/client'
import { prewarm } from './db/queries'
import { seedIfEmpty, seededAt } from './db/write'
import { REPORT_PLAN_YEAR } from '@/contract'
import { currentChinaYear, demoClock } from '@/domain/calendar'
import { rejudgeIfRulesChanged } from './db/rejudge'
import { issueMissingBulletins } from './db/bulletins'
import { parseEnv, s3SettingsOf } from './env'
import { openLocalFileStore } from './files/local-store'
import { openUploadStaging } from './files/upload-staging'
import { s3FileStore } from './files/s3-store'
import { DataDirInUse, lockDataDir } from './db/data-dir-lock'
import { deliveryWorker } from './notify/delivery'
import { sendDueReminders } from './notify/reminders'

/** Start the product: config → database (migrate, seed once) → HTTP. Stops cleanly on SIGTERM/SIGINT. */
async function main() {
  let env
  try {
    env = parseEnv(process.env)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
  // Passwords and cookies are never logged, whatever a future log line carries.
  const logger = pino({
    level: env.LOG_LEVEL,
    base: { service: 'nanan-key-projects' },
    redact: { paths: ['password', '*.password', 'cookie', '*.cookie', 'headers.cookie', '*.headers.cookie'], censor: '[已隐藏]' },
  })
  const started = performance.now()
  // One process per embedded data folder (decision 72): a second server, or user:add while this one runs, is refused.
  if (!env.DATABASE_URL) {
    try {
      lockDataDir(env.DATA_DIR, 'server')
    } catch (error) {
      if (!(error instanceof DataDirInUse)) throw error
      console.error(`start-up failed: ${error.message}`)
      process.exit(1)
    }
  }
  const database = await openDatabase({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL })
  // The demo's plan year is the report's; an empty deployment plans the current year until its first ledger says which.
  const bulletin = { numberFormat: env.BULLETIN_NUMBER_FORMAT, mainTo: env.BULLETIN_MAIN_TO, copyTo: env.BULLETIN_COPY_TO, issuer: env.BULLETIN_ISSUER }
  const seeded = await seedIfEmpty(database.db, () => (env.SEED_DATA === 'empty' ? [] : generateDataset()), env.SEED_DATA === 'empty' ? currentChinaYear(new Date()) : REPORT_PLAN_YEAR, bulletin)
  // A database judged by an older release's rules is re-judged once, before any request is answered.
  const rejudged = await rejudgeIfRulesChanged(database.db)
  // Months published before bulletins were issued (an upgraded database) get theirs once, dated their publication (decision 64).
  const bulletinsIssued = await issueMissingBulletins(database.db, bulletin)
  // Read the judged rows once before listening (as pg_prewarm would): the embedded database keeps its
  // pages in WASM memory, and the first query otherwise pays for loading them (measured in docs/benchmarks-api.md).
  await prewarm(database)
  // Demo accounts at first start of an empty embedded database; on PostgreSQL (a real deployment) only
  // when DEMO_PASSWORD is given. Otherwise the first admin comes from `npm run user:add`.
  if (!env.DATABASE_URL || env.DEMO_PASSWORD) await seedDemoAccounts(database.db, { password: env.DEMO_PASSWORD, logger })
  logger.info({ database: database.kind, seeded, seedData: env.SEED_DATA, rejudged, bulletinsIssued, ms: Math.round(performance.now() - started) }, 'database ready')

  // The demo's "today" keeps to the report's year (decision 66); a real deployment's is the wall clock.
  const demoSeededAt = env.SEED_DATA === 'demo' && env.DEMO_CLOCK === 'report' ? await seededAt(database.db) : null
  const calendarNow = demoSeededAt ? () => demoClock(demoSeededAt, new Date()) : () => new Date()
  // Notices to the group robot, when one is configured, and 催报 by itself on a timer (decision 67).
  const delivery = deliveryWorker(database.db, env.NOTIFY_WEBHOOK_URL ? { url: env.NOTIFY_WEBHOOK_URL, publicUrl: env.PUBLIC_URL } : null, logger)
  const remind = () =>
    sendDueReminders(database.db, calendarNow(), delivery.outbound, { beforeDays: env.REMIND_DAYS_BEFORE, afterDays: env.REMIND_DAYS_AFTER })
      .then(({ made }) => {
        if (made > 0) {
          logger.info({ made }, 'reminders sent')
          delivery.kick()
        }
      })
      .catch((error: unknown) => logger.error({ err: error }, 'reminder sweep failed'))
  const reminderTimer = env.REMINDER_INTERVAL_MINUTES > 0 ? setInterval(() => void remind(), env.REMINDER_INTERVAL_MINUTES * 60_000) : null
  reminderTimer?.unref()
  if (env.REMINDER_INTERVAL_MINUTES > 0) void remind()
  void delivery.run()
  // Uploaded files: the object store when S3_* is set, else DATA_DIR/files (decision 81). Several servers over
  // one PostgreSQL each have their own DATA_DIR: a photo uploaded through one would be missing on the others.
  const s3 = s3SettingsOf(env)
  const files = s3 ? s3FileStore(s3) : await openLocalFileStore(env.DATA_DIR)
  if (s3) logger.info({ endpoint: s3.endpoint, bucket: s3.bucket }, 'files: S3-compatible object store')
  else if (env.DATABASE_URL) {
    logger.warn(
      { dataDir: env.DATA_DIR },
      'files: kept in DATA_DIR/files on this machine — fine for one server; with several servers on this DATABASE_URL set S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or uploads made through one server are missing on the others',
    )
  }
  // Photo uploads are staged under DATA_DIR/uploads; what a killed server left there goes now.
  const staging = await openUploadStaging(env.DATA_DIR)
  if (staging.removed > 0) logger.info({ removed: staging.removed }, 'uploads: removed the staged uploads an interrupted run left')
  const app = createApp({
    database,
    files,
    uploadStaging: staging.dir,
    logger,
    calendarNow,
    notices: { outbound: delivery.outbound, kick: delivery.kick },
    staticDir: env.STATIC_DIR,
    ownerSees: env.OWNER_SEES,
    trustProxy: env.TRUST_PROXY,
    bulletin,
    forecast: { optimismMarginPercent: env.FORECAST_OPTIMISM_MARGIN, feasibleRatio: env.CATCH_UP_MAX_RATIO },
    escalation: { severeMonths: env.ESCALATION_SEVERE_MONTHS, lowConfidenceReports: env.ESCALATION_LOW_CONFIDENCE_REPORTS },
    reportChecks: { forecastRequiredFrom: env.FORECAST_REQUIRED_FROM, flagAmountRatio: env.FLAG_AMOUNT_RATIO, flagProgressJumpPoints: env.FLAG_PROGRESS_JUMP_POINTS },
    sessionPolicy: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_MAX_HOURS * 3600_000 },
  })
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const host = env.HOST === '0.0.0.0' ? 'localhost' : env.HOST
    logger.info({ port: info.port }, `南岸区重点项目进度监测平台: http://${host}:${info.port}`)
  })
  // A port that cannot be bound (in use, no permission) is a start-up failure: one line, database closed, exit 1.
  server.once('error', (error) => {
    console.error(`start-up failed: ${error.message}`)
    void database.close().finally(() => process.exit(1))
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down: finishing in-flight requests')
    if (reminderTimer) clearInterval(reminderTimer)
    delivery.stop()
    // Stop accepting connections, let in-flight requests finish, then close the database.
    const timer = setTimeout(() => {
      logger.warn('in-flight requests did not finish in 10 s; closing anyway')
      void database.close().finally(() => process.exit(1))
    }, 10_000)
    timer.unref()
    server.close(() => {
      void database.close().then(
        () => {
          logger.info('stopped')
          process.exit(0)
        },
        (error) => {
          logger.error({ err: error }, 'database close failed')
          process.exit(1)
        },
      )
    })
    if ('closeIdleConnections' in server && typeof server.closeIdleConnections === 'function') server.closeIdleConnections()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error: unknown) => {
  console.error(`start-up failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
