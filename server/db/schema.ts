import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

/**
 * Money columns are integer 万元 (int4 holds 21 亿万元 per value; SUM returns bigint).
 * Dates are SQL dates, returned as 'YYYY-MM-DD' strings.
 */
export const projects = pgTable(
  'projects',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Position of the name in zh-CN (pinyin) order, refreshed when names change: SQL has no zh-CN collation in the embedded database. */
    nameRank: integer('name_rank').notNull().default(0),
    /** id, name and units, NFKC-folded and lower-cased by the domain's normaliser, for 搜索. */
    searchText: text('search_text').notNull(),
    zoneId: text('zone_id').notNull(),
    focusArea: text('focus_area').notNull(),
    focusSubCategory: text('focus_sub_category').notNull(),
    investmentType: text('investment_type').notNull(),
    level: text('level').notNull(),
    ownerUnit: text('owner_unit').notNull(),
    responsibleUnit: text('responsible_unit').notNull(),
    responsibleLeader: text('responsible_leader').notNull(),
    buildStartYear: smallint('build_start_year').notNull(),
    buildEndYear: smallint('build_end_year').notNull(),
    plannedStartDate: date('planned_start_date').notNull(),
    actualStartDate: date('actual_start_date'),
    plannedCompletionDate: date('planned_completion_date').notNull(),
    actualCompletionDate: date('actual_completion_date'),
    totalInvestmentWan: integer('total_investment_wan').notNull(),
    sourcedFields: text('sourced_fields').array().notNull(),
    provenanceNote: text('provenance_note').notNull(),
    /** The record's figures are simulated (the demo dataset), not reported; answers say so (provenance). */
    simulated: boolean('simulated').notNull().default(false),
    /** Row version for optimistic concurrency (409 on a stale edit). */
    version: integer('version').notNull().default(1),
    /** Retired from the list (never deleted): when and why. A retired project has no read-model rows. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    retiredReason: text('retired_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_zone_idx').on(t.zoneId),
    index('projects_focus_idx').on(t.focusArea),
    index('projects_type_idx').on(t.investmentType),
    index('projects_owner_idx').on(t.ownerUnit),
    index('projects_dept_idx').on(t.responsibleUnit),
  ],
)

/**
 * What a project is in one plan year: the year's list names it (a row here), with the fields the district's
 * plan of that year sets — 建设性质, 截至上年底完成, 年度计划 (and its 中期调整), 年初形象进度. Several years
 * stand side by side; the projects table holds what does not change with the year.
 */
export const projectYears = pgTable(
  'project_years',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    /** 建设性质 in this year's list (a 新开工 of one year is 续建 the next). */
    stage: text('stage').notNull(),
    completedBeforeYearWan: integer('completed_before_year_wan').notNull(),
    annualPlanWan: integer('annual_plan_wan').notNull(),
    /** 年初形象进度. */
    baselineProgress: jsonb('baseline_progress').$type<{ percent: number | null; text: string } | null>(),
    /** 中期调整: the plan as first issued, with the reason and when (null: never adjusted). */
    planAdjustment: jsonb('plan_adjustment').$type<{ originalAnnualPlanWan: number; reason: string; adjustedAt: string } | null>(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.year] }), index('project_years_year_idx').on(t.year)],
)

/** 分月计划投资 of a plan year. */
export const monthlyPlans = pgTable(
  'monthly_plans',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    month: smallint('month').notNull(),
    planWan: integer('plan_wan').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.year, t.month] })],
)

/** 月报: one row per project and month received; a missing row is 未报送. */
export const monthlyReports = pgTable(
  'monthly_reports',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    month: smallint('month').notNull(),
    /** 当月完成投资; null only in a draft that left it empty (decision 65; the check below keeps it out of every other state). */
    actualWan: integer('actual_wan'),
    /** 形象进度 reported with this month's figures; null when the report gave none. */
    progressPercent: doublePrecision('progress_percent'),
    progressText: text('progress_text'),
    /** draft → submitted → approved, or → returned → submitted again. Only approved rows count in the figures. */
    status: text('status').notNull().default('approved'),
    /** Row version for optimistic concurrency: a write based on another version gets 409. */
    version: integer('version').notNull().default(1),
    milestonesReached: jsonb('milestones_reached').$type<{ name: string; date: string }[]>().notNull().default([]),
    problemsText: text('problems_text').notNull().default(''),
    coordinationText: text('coordination_text').notNull().default(''),
    nextMonthPlan: text('next_month_plan').notNull().default(''),
    /** Why 形象进度 went down, when it did (required then). */
    progressDropReason: text('progress_drop_reason'),
    /** The owner confirmed a cumulative total above 150% of the annual plan. */
    overrunConfirmed: boolean('overrun_confirmed').notNull().default(false),
    returnComment: text('return_comment'),
    /** 全年预计完成投资 (万元): the owner's expected total for the report's year (issue 27; required from FORECAST_REQUIRED_FROM). */
    forecastYearWan: integer('forecast_year_wan'),
    /** 预计完工日期 `YYYY-MM-DD`, for a project due to finish this year or next. */
    forecastCompletionDate: text('forecast_completion_date'),
    /** 完成信心, the owner's: high | fairly-high | medium | fairly-low | low (src/contract/reports.ts). */
    confidence: text('confidence'),
    /** Why, when the confidence is medium or lower. */
    confidenceReason: text('confidence_reason'),
    /** The commission's own 完成信心 beside the owner's, given by staff; ranked by when present. */
    commissionConfidence: text('commission_confidence'),
    commissionConfidenceReason: text('commission_confidence_reason'),
    /** 需核实 flags found at submit: [{ code, message }] (empty when nothing looks off). */
    flags: jsonb('flags').$type<{ code: string; message: string }[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    updatedBy: text('updated_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: text('submitted_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.year, t.month] }),
    index('monthly_reports_status_idx').on(t.year, t.status, t.month),
    // A report that was never completed must never count: only a draft may lack its amount.
    check('monthly_reports_amount_unless_draft', sql`${t.status} = 'draft' or ${t.actualWan} is not null`),
  ],
)

export const milestones = pgTable(
  'milestones',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    seq: smallint('seq').notNull(),
    name: text('name').notNull(),
    plannedDate: date('planned_date').notNull(),
    actualDate: date('actual_date'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.seq] })],
)

export const problems = pgTable(
  'problems',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Order in which the problems were raised for the project. */
    seq: smallint('seq').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull(),
    measure: text('measure').notNull(),
    status: text('status').notNull(),
    raisedDate: date('raised_date').notNull(),
    dueDate: date('due_date').notNull(),
    resolvedDate: date('resolved_date'),
    /** 督办: the department the problem is assigned to; null while only raised. */
    assignedTo: text('assigned_to'),
    /** 办结情况, written when the problem is settled through the workflow. */
    resolution: text('resolution'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('problems_project_idx').on(t.projectId)],
)

/**
 * The read model: every project as judged at the end of every month, written by the domain rules
 * (src/domain/rules.ts) whenever a project's data changes, in the same transaction. It carries the
 * columns lists filter, sort and group on, so lists and summaries are one-table queries with indexes
 * and aggregates run in SQL. The rule itself lives only in the domain.
 */
export const projectMonthStatus = pgTable(
  'project_month_status',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    month: smallint('month').notNull(),
    // Copied from the project (kept in step by the same writes).
    zoneId: text('zone_id').notNull(),
    focusArea: text('focus_area').notNull(),
    investmentType: text('investment_type').notNull(),
    stage: text('stage').notNull(),
    ownerUnit: text('owner_unit').notNull(),
    responsibleUnit: text('responsible_unit').notNull(),
    searchText: text('search_text').notNull(),
    nameRank: integer('name_rank').notNull().default(0),
    totalInvestmentWan: integer('total_investment_wan').notNull(),
    annualPlanWan: integer('annual_plan_wan').notNull(),
    /** This month's plan and report (null: 未报送). */
    planWan: integer('plan_wan').notNull(),
    actualWan: integer('actual_wan'),
    // The judgement.
    lagClass: text('lag_class').notNull(),
    severity: text('severity').notNull(),
    rule: text('rule').notNull(),
    cumulativeActualWan: integer('cumulative_actual_wan').notNull(),
    /** Cumulative actual to the end of the previous month (for "较上月" without a second scan). */
    previousCumulativeActualWan: integer('previous_cumulative_actual_wan').notNull(),
    cumulativePlanWan: integer('cumulative_plan_wan').notNull(),
    completionRate: doublePrecision('completion_rate'),
    gapPoints: doublePrecision('gap_points'),
    shortfallWan: integer('shortfall_wan').notNull(),
    monthsOverdue: smallint('months_overdue').notNull(),
    lastReportMonth: smallint('last_report_month'),
    progressPercent: doublePrecision('progress_percent'),
    progressText: text('progress_text'),
    /** A new start due to have started by the end of the month, and whether it has (开工率). */
    startDue: boolean('start_due').notNull(),
    started: boolean('started').notNull(),
    // Forecast and catch-up (issue 27, decision 75): the project's own parts, made by src/domain/forecast.ts.
    /** The first and last months of the project's monthly plan with an amount (null: no plan). */
    planFirstMonth: smallint('plan_first_month'),
    planLastMonth: smallint('plan_last_month'),
    /** Months up to this one with an approved report, the best of them and their average (万元). */
    reportedMonths: smallint('reported_months').notNull().default(0),
    bestMonthWan: integer('best_month_wan').notNull().default(0),
    averageMonthWan: integer('average_month_wan').notNull().default(0),
    /** 冲刺: needed per remaining month, and its ratio to the best month (null: no catch-up; ratio null: no best month). */
    catchUpNeededWan: integer('catch_up_needed_wan'),
    catchUpRatio: doublePrecision('catch_up_ratio'),
    /**
     * The owner's forecast as of this month: its latest approved 全年预计 of the year up to the month (null: none).
     * Written from monthly_reports by the same writes (server/db/reports.ts ownerForecastsFromReports), so that
     * GET /api/forecast sums it without a lookup per project (decision 75).
     */
    ownerForecastWan: integer('owner_forecast_wan'),
    /**
     * 完成信心 as of this month: the rating of the latest approved report of the year up to the month that has one,
     * the commission's when given (`confidence_by` 'commission'), else the owner's; null: none. Filled with the owner
     * forecast; lists rank by it (decision 74).
     */
    confidence: text('confidence'),
    confidenceBy: text('confidence_by'),
    confidenceMonth: smallint('confidence_month'),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.month, t.projectId] }),
    index('status_zone_idx').on(t.year, t.month, t.zoneId),
    index('status_class_idx').on(t.year, t.month, t.lagClass),
    index('status_shortfall_idx').on(t.year, t.month, t.shortfallWan),
  ],
)

/** Monthly plan and reported actual per zone, kept by the same writes: the monthly charts read 96 rows, not 120,000. */
export const monthlyTotals = pgTable(
  'monthly_totals',
  {
    year: smallint('year').notNull(),
    month: smallint('month').notNull(),
    zoneId: text('zone_id').notNull(),
    planWan: integer('plan_wan').notNull(),
    actualWan: integer('actual_wan').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.month, t.zoneId] })],
)

/** Key/value facts about the database itself (e.g. when it was seeded). */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
})

/**
 * 问题类别 the staff maintain (docs/decisions/079): a new problem is registered under an active one; a retired one
 * stays on the problems that used it (they keep the name as written) and is offered no more.
 */
export const problemCategories = pgTable('problem_categories', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  retired: boolean('retired').notNull().default(false),
  version: integer('version').notNull().default(1),
})

/** Sign-in accounts. Passwords are stored only as scrypt hashes (server/auth/password.ts). */
export const accounts = pgTable(
  'accounts',
  {
    username: text('username').primaryKey(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    /** The 业主单位 an owner account acts for; null for every other role. */
    ownerUnit: text('owner_unit'),
    /** 所在单位 of an account of another role (区发改委, 区政府督查室): shown beside the name in the audit log. */
    unit: text('unit'),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
)

/**
 * Server-side sessions: the cookie holds a random token, the table only its SHA-256, so a copy of the
 * database cannot be replayed as cookies. A session ends when idle too long, when too old, on sign-out,
 * or when its account is disabled or its password reset (revokedAt).
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    username: text('username')
      .notNull()
      .references(() => accounts.username, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_username_idx').on(t.username)],
)

/** Failed sign-ins of the last window, per attempted name and per address (the throttle reads them). */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: serial('id').primaryKey(),
    accountKey: text('account_key').notNull(),
    address: text('address').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** False while the attempt's password is being checked; true once it failed (decision 69). */
    checked: boolean('checked').notNull().default(true),
  },
  (t) => [index('sign_in_failures_account_idx').on(t.accountKey, t.at), index('sign_in_failures_address_idx').on(t.address, t.at)],
)

/** Append-only audit log: who, when, what, each field before → after. Never updated or deleted. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor'),
    action: text('action').notNull(),
    target: text('target'),
    changes: jsonb('changes').$type<{ field: string; before: unknown; after: unknown }[]>().notNull(),
    reason: text('reason'),
    address: text('address'),
    /** The month of a monthly report's entry ('YYYY-MM'); the target is then the project id. */
    month: text('month'),
  },
  (t) => [index('audit_log_target_idx').on(t.target, t.id), index('audit_log_action_idx').on(t.action, t.id)],
)

/**
 * The months that are published (发布) by staff: a month of a plan year is open until its row is here,
 * and every reader's default month is the latest one here (docs/decisions/063). Withdrawing a publication
 * (an admin, with a reason) deletes the row; the audit log keeps both steps.
 */
export const monthPublications = pgTable(
  'month_publications',
  {
    year: smallint('year').notNull(),
    month: smallint('month').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    /** The account that published it; null for the months a migration or the seed published. */
    publishedBy: text('published_by'),
    comment: text('comment'),
  },
  (t) => [primaryKey({ columns: [t.year, t.month] })],
)

/**
 * 通知: what happened that someone must know (a report returned or approved, a 督办 assigned, a deadline
 * near or passed, a month published, a 催报), each stored once — the dedupe key makes the scheduler's
 * reminders idempotent across restarts and servers — and addressed to accounts, each with its own read
 * state (docs/decisions/067).
 */
export const notices = pgTable('notices', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** When it happened, by the reporting calendar's clock (the demo's year in the demo). */
  at: timestamp('at', { withTimezone: true }).notNull(),
  kind: text('kind').notNull(),
  text: text('text').notNull(),
  /** Where in the app the thing itself is (a path with its query). */
  link: text('link').notNull(),
  /** A notice with a key is made once (a reminder per unit, month and kind); null: every event its own. */
  dedupeKey: text('dedupe_key').unique(),
})

export const noticeRecipients = pgTable(
  'notice_recipients',
  {
    noticeId: bigint('notice_id', { mode: 'number' })
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    username: text('username')
      .notNull()
      .references(() => accounts.username, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.username] }), index('notice_recipients_user_idx').on(t.username, t.noticeId)],
)

/**
 * The outbound copy of a notice to the group robot (NOTIFY_WEBHOOK_URL), when one is set: retried with
 * backoff by the delivery worker until delivered or given up, never lost silently. Times here are the wall clock's.
 */
export const noticeDeliveries = pgTable(
  'notice_deliveries',
  {
    noticeId: bigint('notice_id', { mode: 'number' })
      .primaryKey()
      .references(() => notices.id, { onDelete: 'cascade' }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** Given up after the last attempt (logged at error level). */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [index('notice_deliveries_due_idx').on(t.nextAttemptAt)],
)

/**
 * The issued bulletins (进展情况通报, docs/decisions/064): publishing a month issues one, in the same transaction — a
 * snapshot of what it shows (`snapshot`, the contract's BulletinContent), its 文号 (`number`, the `seq`-th issued in
 * `issue_year`), 印发日期 and the 主送, 抄送 and 落款 it went out with. Never updated but to withdraw it (with the
 * month's publication: withdrawn_*); a month has at most one bulletin in force, and a withdrawn 文号 is never reused.
 */
export const bulletins = pgTable(
  'bulletins',
  {
    id: serial('id').primaryKey(),
    /** The plan year and month it reports. */
    year: smallint('year').notNull(),
    month: smallint('month').notNull(),
    /** The year of issue (of 印发日期) and the order of issue within it: the 文号's 〔year〕 and number. */
    issueYear: smallint('issue_year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** 印发日期: the China date of issue. */
    issuedDate: date('issued_date', { mode: 'string' }).notNull(),
    /** The account that published the month; null for the seed's and the upgrade's. */
    issuedBy: text('issued_by'),
    mainTo: text('main_to').notNull(),
    copyTo: text('copy_to').notNull(),
    issuer: text('issuer').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: text('withdrawn_by'),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [
    uniqueIndex('bulletins_number_idx').on(t.issueYear, t.seq),
    uniqueIndex('bulletins_in_force_idx').on(t.year, t.month).where(sql`${t.withdrawnAt} is null`),
  ],
)

/**
 * 挂牌督办 (issue 27 §4, docs/decisions/076): one row per project ever proposed, its state now — proposed by the
 * rule when a month is published, listed (确认挂牌) or declined (不予挂牌) by the staff, lifted (摘牌) by the staff.
 * Every step is in the audit log (target: the project). A declined or lifted project is proposed again only on
 * evidence from a month after `settled_through`.
 */
export const projectEscalations = pgTable(
  'project_escalations',
  {
    projectId: text('project_id')
      .primaryKey()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** proposed | listed | declined | lifted */
    status: text('status').notNull(),
    /** When the status began: the China date. */
    since: date('since', { mode: 'string' }).notNull(),
    /** The rule's words when it proposed the project, e.g. 2024年7-9月连续3个月严重滞后. */
    rule: text('rule').notNull(),
    /** The month of the proposal's latest evidence ('YYYY-MM'). */
    evidenceMonth: text('evidence_month').notNull(),
    /** The staff's reason for the status (确认挂牌, 不予挂牌, 摘牌); null while proposed. */
    reason: text('reason'),
    /** Declined or lifted: the latest published month when decided ('YYYY-MM'); evidence up to it is spent. */
    settledThrough: text('settled_through'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [index('project_escalations_status_idx').on(t.status)],
)

/**
 * Stored files (issue 28 §3, decision 81): one row per file the file store holds (server/files/), named by the
 * SHA-256 of its bytes. A row is written only after its file is durably in place, in the transaction of the
 * record that names it; files are never deleted in this release (a file may be named by an approved report,
 * another project or the audit log).
 */
export const files = pgTable('files', {
  /** SHA-256 of the bytes, 64 hex characters: the file's name in the store. */
  id: text('id').primaryKey(),
  /** The media type it is served with (image/jpeg …, application/pdf). */
  type: text('type').notNull(),
  size: integer('size').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
})

/**
 * 形象进度照片 of a monthly report (issue 28 §1, decision 81): at most nine per report, each a re-encoded display
 * copy and a thumbnail (no EXIF), its caption and capture time. Added and deleted only while the report is a
 * draft or returned; the report row must exist (an upload to a month with none starts a draft).
 */
export const reportPhotos = pgTable(
  'report_photos',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    year: smallint('year').notNull(),
    month: smallint('month').notNull(),
    /** The display copy (longest side ≤ 1600 px) and the thumbnail (320 px). */
    fileId: text('file_id')
      .notNull()
      .references(() => files.id),
    thumbFileId: text('thumb_file_id')
      .notNull()
      .references(() => files.id),
    caption: text('caption').notNull(),
    /** EXIF DateTimeOriginal; null when the file had none. */
    takenAt: timestamp('taken_at', { withTimezone: true }),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Order within the report (1, 2, …; gaps after a deletion). */
    position: smallint('position').notNull(),
  },
  (t) => [
    foreignKey({ name: 'report_photos_report_fk', columns: [t.projectId, t.year, t.month], foreignColumns: [monthlyReports.projectId, monthlyReports.year, monthlyReports.month] }),
    index('report_photos_report_idx').on(t.projectId, t.year, t.month, t.position),
    index('report_photos_month_idx').on(t.year, t.month),
  ],
)

/**
 * 前期手续 kinds the staff maintain (docs/decisions/080), seeded with six. `kind` is the stable slug the API and the
 * workbooks use; the name may change. A retired kind is asked for no more; the records of it stay.
 */
export const approvalKinds = pgTable('approval_kinds', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull().unique(),
  name: text('name').notNull().unique(),
  retired: boolean('retired').notNull().default(false),
  version: integer('version').notNull().default(1),
})

/**
 * A project's 前期手续, one row per kind it has a record of (none: 未启动). `obtained_on` is set exactly when
 * obtained. `file_id` names the approval's PDF in the file store once it has one (the upload comes later).
 */
export const projectApprovals = pgTable(
  'project_approvals',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind')
      .notNull()
      .references(() => approvalKinds.kind, { onUpdate: 'cascade' }),
    /** not-started | in-progress | obtained | not-needed */
    status: text('status').notNull(),
    obtainedOn: date('obtained_on', { mode: 'string' }),
    number: text('number'),
    department: text('department'),
    fileId: text('file_id'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.kind] }),
    index('project_approvals_kind_status_idx').on(t.kind, t.status),
    check('project_approvals_status', sql`${t.status} in ('not-started', 'in-progress', 'obtained', 'not-needed')`),
    check('project_approvals_obtained_on', sql`(${t.status} = 'obtained') = (${t.obtainedOn} is not null)`),
  ],
)
