CREATE TABLE "project_escalations" (
	"project_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"since" date NOT NULL,
	"rule" text NOT NULL,
	"evidence_month" text NOT NULL,
	"reason" text,
	"settled_through" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "project_month_status" ADD COLUMN "plan_first_month" smallint;--> statement-breakpoint
ALTER TABLE "project_month_status" ADD COLUMN "plan_last_month" smallint;--> statement-breakpoint
ALTER TABLE "project_month_status" ADD COLUMN "reported_months" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_month_status" ADD COLUMN "best_month_wan" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_month_status" ADD COLUMN "average_month_wan" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_month_status" ADD COLUMN "catch_up_needed_wan" integer;--> statement-breakpoint
ALTER TABLE "project_month_status" ADD COLUMN "catch_up_ratio" double precision;--> statement-breakpoint
ALTER TABLE "project_escalations" ADD CONSTRAINT "project_escalations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_escalations_status_idx" ON "project_escalations" USING btree ("status");--> statement-breakpoint
-- Fill the new columns of every judged row already stored, closed years included (the open year is re-judged at start by RULES_VERSION, which also sets the catch-up).
UPDATE "project_month_status" s SET
  "reported_months" = x.n, "best_month_wan" = x.best, "average_month_wan" = x.average,
  "plan_first_month" = x.first_month, "plan_last_month" = x.last_month
FROM (
  SELECT project_id, year, month,
    count(actual_wan) OVER w AS n,
    coalesce(max(actual_wan) OVER w, 0) AS best,
    CASE WHEN count(actual_wan) OVER w = 0 THEN 0 ELSE round(coalesce(sum(actual_wan) OVER w, 0)::numeric / count(actual_wan) OVER w)::int END AS average,
    min(month) FILTER (WHERE plan_wan > 0) OVER y AS first_month,
    max(month) FILTER (WHERE plan_wan > 0) OVER y AS last_month
  FROM "project_month_status"
  WINDOW w AS (PARTITION BY project_id, year ORDER BY month), y AS (PARTITION BY project_id, year)
) x
WHERE s.project_id = x.project_id AND s.year = x.year AND s.month = x.month;
