ALTER TABLE "monthly_reports" ADD COLUMN "forecast_year_wan" integer;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "forecast_completion_date" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "confidence" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "confidence_reason" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "commission_confidence" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "commission_confidence_reason" text;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD COLUMN "flags" jsonb DEFAULT '[]'::jsonb NOT NULL;