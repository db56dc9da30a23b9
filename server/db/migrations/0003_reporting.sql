ALTER TABLE "audit_log" ADD COLUMN "month" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "status" text DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "milestones_reached" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "problems_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "coordination_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "next_month_plan" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "progress_drop_reason" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "overrun_confirmed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "return_comment" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "updated_by" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "submitted_by" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
CREATE INDEX "monthly_reports_status_idx" ON "monthly_reports" USING btree ("year","status","month");--> statement-breakpoint
-- A report is in exactly one state of the workflow (src/domain/monthly-report.ts); rows from before are approved figures.
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_status_check" CHECK ("status" in ('draft', 'submitted', 'approved', 'returned'));--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_actual_check" CHECK ("actual_wan" >= 0);
