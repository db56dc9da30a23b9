-- Decision 69: an attempt is written before its password is checked (so a burst cannot outrun the count);
-- `checked` tells the attempts still being checked from the failures. Rows from before are failures.
ALTER TABLE "sign_in_failures" ADD COLUMN "checked" boolean DEFAULT true NOT NULL;
