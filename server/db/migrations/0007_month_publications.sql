CREATE TABLE "month_publications" (
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" text,
	"comment" text,
	CONSTRAINT "month_publications_year_month_pk" PRIMARY KEY("year","month")
);
--> statement-breakpoint
-- An existing deployment (a closed year, the demo, a live one) had no publication: its readers' default month was the
-- latest month with an approved report. So that nothing moves for them, every month of each year up to that month is
-- published here (by nobody: published_by null); the months after it are open, for staff to publish (docs/decisions/063).
INSERT INTO "month_publications" ("year", "month", "published_at", "published_by", "comment")
SELECT l."year", m."month", now(), NULL, '迁移：截至已审核月报的最新月份视为已发布'
FROM (SELECT "year", max("month") AS "latest" FROM "monthly_reports" WHERE "status" = 'approved' GROUP BY "year") l
CROSS JOIN LATERAL generate_series(1, l."latest") AS m("month")
ON CONFLICT DO NOTHING;
