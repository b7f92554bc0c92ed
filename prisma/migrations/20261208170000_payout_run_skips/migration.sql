-- Issue 16 goal 6: a run's skipped groups are rows, appended with each batch's progress, instead of
-- an "outcomes" list inside PayoutRun.summary that every batch rewrote whole (the summary also holds
-- the plan, so a 10,000-creator run rewrote megabytes of JSON 100 times). Created payouts are not
-- listed: they are the Payout rows with the run's id; progress is "doneCreators".
CREATE TABLE "PayoutRunSkip" (
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "PayoutRunSkip_pkey" PRIMARY KEY ("runId","position")
);

ALTER TABLE "PayoutRunSkip" ADD CONSTRAINT "PayoutRunSkip_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayoutRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Runs recorded before: their skipped outcomes become rows (position = place in the plan, which is
-- the outcome's place in the list), and the list leaves the summary.
INSERT INTO "PayoutRunSkip" ("runId", "position", "shopId", "creatorId", "currency", "code", "reason")
SELECT r."id", (o.n - 1)::int, r."shopId", o.v->>'creatorId', o.v->>'currency', COALESCE(o.v->>'code', 'unknown'), COALESCE(o.v->>'reason', '')
FROM "PayoutRun" r
CROSS JOIN LATERAL jsonb_array_elements(r."summary"->'outcomes') WITH ORDINALITY AS o(v, n)
WHERE jsonb_typeof(r."summary"->'outcomes') = 'array' AND o.v->>'outcome' = 'skipped';

UPDATE "PayoutRun" SET "summary" = "summary" - 'outcomes' WHERE jsonb_typeof("summary") = 'object' AND "summary" ? 'outcomes';
