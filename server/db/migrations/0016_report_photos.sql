CREATE TABLE "files" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_photos" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"file_id" text NOT NULL,
	"thumb_file_id" text NOT NULL,
	"caption" text NOT NULL,
	"taken_at" timestamp with time zone,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_thumb_file_id_files_id_fk" FOREIGN KEY ("thumb_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_report_fk" FOREIGN KEY ("project_id","year","month") REFERENCES "public"."monthly_reports"("project_id","year","month") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_photos_report_idx" ON "report_photos" USING btree ("project_id","year","month","position");--> statement-breakpoint
CREATE INDEX "report_photos_month_idx" ON "report_photos" USING btree ("year","month");