ALTER TABLE "projects" ADD COLUMN "simulated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Every database made before this migration was seeded from the demo dataset (there was no other way
-- to load data), so its projects are simulated.
UPDATE "projects" SET "simulated" = true;
