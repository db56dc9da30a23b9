CREATE TABLE "bulletins" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"issue_year" smallint NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_date" date NOT NULL,
	"issued_by" text,
	"main_to" text NOT NULL,
	"copy_to" text NOT NULL,
	"issuer" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_number_idx" ON "bulletins" USING btree ("issue_year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_in_force_idx" ON "bulletins" USING btree ("year","month") WHERE "bulletins"."withdrawn_at" is null;