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
ALTER TABLE "project_escalations" ADD CONSTRAINT "project_escalations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_escalations_status_idx" ON "project_escalations" USING btree ("status");