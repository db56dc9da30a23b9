CREATE TABLE "approval_kinds" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "approval_kinds_kind_unique" UNIQUE("kind"),
	CONSTRAINT "approval_kinds_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "project_approvals" (
	"project_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"obtained_on" date,
	"number" text,
	"department" text,
	"file_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	CONSTRAINT "project_approvals_project_id_kind_pk" PRIMARY KEY("project_id","kind"),
	CONSTRAINT "project_approvals_status" CHECK ("project_approvals"."status" in ('not-started', 'in-progress', 'obtained', 'not-needed')),
	CONSTRAINT "project_approvals_obtained_on" CHECK (("project_approvals"."status" = 'obtained') = ("project_approvals"."obtained_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "project_approvals" ADD CONSTRAINT "project_approvals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_approvals" ADD CONSTRAINT "project_approvals_kind_approval_kinds_kind_fk" FOREIGN KEY ("kind") REFERENCES "public"."approval_kinds"("kind") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "project_approvals_kind_status_idx" ON "project_approvals" USING btree ("kind","status");