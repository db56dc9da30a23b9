ALTER TABLE "project_month_status" ADD COLUMN "confidence" text;--> statement-breakpoint
ALTER TABLE "project_month_status" ADD COLUMN "confidence_by" text;--> statement-breakpoint
ALTER TABLE "project_month_status" ADD COLUMN "confidence_month" smallint;--> statement-breakpoint
-- Backfill: each judged month's 完成信心, from the latest approved report of its year up to that month with a rating (the commission's when given).
UPDATE "project_month_status" s SET "confidence" = l."confidence", "confidence_by" = l."by", "confidence_month" = l."month"
FROM (
  SELECT DISTINCT ON (st."project_id", st."year", st."month") st."project_id", st."year", st."month" AS "status_month",
    coalesce(r."commission_confidence", r."confidence") AS "confidence",
    CASE WHEN r."commission_confidence" IS NOT NULL THEN 'commission' ELSE 'owner' END AS "by", r."month"
  FROM "project_month_status" st JOIN "monthly_reports" r
    ON r."project_id" = st."project_id" AND r."year" = st."year" AND r."month" <= st."month" AND r."status" = 'approved'
    AND coalesce(r."commission_confidence", r."confidence") IS NOT NULL
  ORDER BY st."project_id", st."year", st."month", r."month" DESC
) l
WHERE s."project_id" = l."project_id" AND s."year" = l."year" AND s."month" = l."status_month";
