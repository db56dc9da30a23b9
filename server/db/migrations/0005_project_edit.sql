ALTER TABLE "projects" ADD COLUMN "plan_adjustment" jsonb;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "retired_reason" text;