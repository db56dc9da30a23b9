CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"project_id" text NOT NULL,
	"seq" smallint NOT NULL,
	"name" text NOT NULL,
	"planned_date" date NOT NULL,
	"actual_date" date,
	CONSTRAINT "milestones_project_id_seq_pk" PRIMARY KEY("project_id","seq")
);
--> statement-breakpoint
CREATE TABLE "monthly_plans" (
	"project_id" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"plan_wan" integer NOT NULL,
	CONSTRAINT "monthly_plans_project_id_year_month_pk" PRIMARY KEY("project_id","year","month")
);
--> statement-breakpoint
CREATE TABLE "monthly_reports" (
	"project_id" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"actual_wan" integer NOT NULL,
	"progress_percent" double precision,
	"progress_text" text,
	CONSTRAINT "monthly_reports_project_id_year_month_pk" PRIMARY KEY("project_id","year","month")
);
--> statement-breakpoint
CREATE TABLE "monthly_totals" (
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"zone_id" text NOT NULL,
	"plan_wan" integer NOT NULL,
	"actual_wan" integer NOT NULL,
	CONSTRAINT "monthly_totals_year_month_zone_id_pk" PRIMARY KEY("year","month","zone_id")
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"seq" smallint NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"measure" text NOT NULL,
	"status" text NOT NULL,
	"raised_date" date NOT NULL,
	"due_date" date NOT NULL,
	"resolved_date" date
);
--> statement-breakpoint
CREATE TABLE "project_month_status" (
	"project_id" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"zone_id" text NOT NULL,
	"focus_area" text NOT NULL,
	"investment_type" text NOT NULL,
	"stage" text NOT NULL,
	"owner_unit" text NOT NULL,
	"responsible_unit" text NOT NULL,
	"search_text" text NOT NULL,
	"name_rank" integer DEFAULT 0 NOT NULL,
	"total_investment_wan" integer NOT NULL,
	"annual_plan_wan" integer NOT NULL,
	"plan_wan" integer NOT NULL,
	"actual_wan" integer,
	"lag_class" text NOT NULL,
	"severity" text NOT NULL,
	"rule" text NOT NULL,
	"cumulative_actual_wan" integer NOT NULL,
	"previous_cumulative_actual_wan" integer NOT NULL,
	"cumulative_plan_wan" integer NOT NULL,
	"completion_rate" double precision,
	"gap_points" double precision,
	"shortfall_wan" integer NOT NULL,
	"months_overdue" smallint NOT NULL,
	"last_report_month" smallint,
	"progress_percent" double precision,
	"progress_text" text,
	"start_due" boolean NOT NULL,
	"started" boolean NOT NULL,
	CONSTRAINT "project_month_status_year_month_project_id_pk" PRIMARY KEY("year","month","project_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_rank" integer DEFAULT 0 NOT NULL,
	"search_text" text NOT NULL,
	"zone_id" text NOT NULL,
	"focus_area" text NOT NULL,
	"focus_sub_category" text NOT NULL,
	"investment_type" text NOT NULL,
	"stage" text NOT NULL,
	"level" text NOT NULL,
	"owner_unit" text NOT NULL,
	"responsible_unit" text NOT NULL,
	"responsible_leader" text NOT NULL,
	"build_start_year" smallint NOT NULL,
	"build_end_year" smallint NOT NULL,
	"planned_start_date" date NOT NULL,
	"actual_start_date" date,
	"planned_completion_date" date NOT NULL,
	"actual_completion_date" date,
	"total_investment_wan" integer NOT NULL,
	"completed_before_year_wan" integer NOT NULL,
	"annual_plan_wan" integer NOT NULL,
	"baseline_progress" jsonb,
	"sourced_fields" text[] NOT NULL,
	"provenance_note" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_plans" ADD CONSTRAINT "monthly_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_month_status" ADD CONSTRAINT "project_month_status_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "problems_project_idx" ON "problems" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "status_zone_idx" ON "project_month_status" USING btree ("year","month","zone_id");--> statement-breakpoint
CREATE INDEX "status_class_idx" ON "project_month_status" USING btree ("year","month","lag_class");--> statement-breakpoint
CREATE INDEX "status_shortfall_idx" ON "project_month_status" USING btree ("year","month","shortfall_wan");--> statement-breakpoint
CREATE INDEX "projects_zone_idx" ON "projects" USING btree ("zone_id");--> statement-breakpoint
CREATE INDEX "projects_focus_idx" ON "projects" USING btree ("focus_area");--> statement-breakpoint
CREATE INDEX "projects_type_idx" ON "projects" USING btree ("investment_type");--> statement-breakpoint
CREATE INDEX "projects_stage_idx" ON "projects" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_unit");--> statement-breakpoint
CREATE INDEX "projects_dept_idx" ON "projects" USING btree ("responsible_unit");