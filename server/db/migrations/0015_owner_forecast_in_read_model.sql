ALTER TABLE "project_month_status" ADD COLUMN "owner_forecast_wan" integer;--> statement-breakpoint
-- Backfill: each judged month's owner forecast, the latest approved 全年预计 of its year up to that month (decision 75).
UPDATE "project_month_status" s SET "owner_forecast_wan" = (
  SELECT r."forecast_year_wan" FROM "monthly_reports" r
  WHERE r."project_id" = s."project_id" AND r."year" = s."year" AND r."month" <= s."month" AND r."status" = 'approved' AND r."forecast_year_wan" IS NOT NULL
  ORDER BY r."month" DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM "monthly_reports" r WHERE r."project_id" = s."project_id" AND r."year" = s."year" AND r."status" = 'approved' AND r."forecast_year_wan" IS NOT NULL);
