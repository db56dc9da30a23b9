CREATE TABLE "project_years" (
	"project_id" text NOT NULL,
	"year" smallint NOT NULL,
	"stage" text NOT NULL,
	"completed_before_year_wan" integer NOT NULL,
	"annual_plan_wan" integer NOT NULL,
	"baseline_progress" jsonb,
	"plan_adjustment" jsonb,
	CONSTRAINT "project_years_project_id_year_pk" PRIMARY KEY("project_id","year")
);
--> statement-breakpoint
DROP INDEX "projects_stage_idx";--> statement-breakpoint
ALTER TABLE "project_years" ADD CONSTRAINT "project_years_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_years_year_idx" ON "project_years" USING btree ("year");--> statement-breakpoint
-- Every stored project is in the deployment's one plan year so far: its year fields move to that year's row.
INSERT INTO "project_years" ("project_id", "year", "stage", "completed_before_year_wan", "annual_plan_wan", "baseline_progress", "plan_adjustment")
SELECT "id", coalesce((SELECT "value"::smallint FROM "meta" WHERE "key" = 'plan_year'), (SELECT max("year") FROM "monthly_plans"), 2024),
  "stage", "completed_before_year_wan", "annual_plan_wan", "baseline_progress", "plan_adjustment"
FROM "projects";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "stage";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "completed_before_year_wan";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "annual_plan_wan";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "baseline_progress";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "plan_adjustment";