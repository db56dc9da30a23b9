CREATE TABLE "problem_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "problem_categories_name_unique" UNIQUE("name")
);
