ALTER TABLE "problems" ADD COLUMN "assigned_to" text;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Problems stored before this migration are the demo dataset's: those being supervised or settled were assigned to the project's 责任单位 (as the generator now says).
UPDATE "problems" SET "assigned_to" = "projects"."responsible_unit" FROM "projects" WHERE "projects"."id" = "problems"."project_id" AND "problems"."status" <> 'warning';--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_status_check" CHECK ("status" in ('warning', 'supervising', 'resolved'));
