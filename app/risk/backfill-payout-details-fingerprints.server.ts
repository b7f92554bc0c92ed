// Creators whose payout details were saved before the keyed fingerprint existed (issue 17 §2) have
// none, so the shared-payout-details rule cannot see them. The fingerprint is an HMAC under a key
// derived from ENCRYPTION_KEYS, so a migration cannot make it in SQL: this job does, once queued at
// every worker start (one job key: one pending at most, whatever the number of instances). It walks
// the creators missing one in id order, a page at a time, and writes a page in one statement; a row
// changed meanwhile (its details, method or account no longer those read) is left to the change,
// which writes its own fingerprint. Creators with free-text instructions have nothing comparable.
import type { PayoutMethod } from "@prisma/client";
import { Prisma } from "@prisma/client";
import type { Task } from "graphile-worker";
import { openPayoutDetails } from "../creators/payout-details.server";
import { db } from "../db.server";
import { enqueueJob } from "../jobs/enqueue-job.server";
import { JOB } from "../jobs/job-names";
import { logger } from "../lib/logger.server";
import { offlineDetailsFingerprint, stripeAccountFingerprint } from "./payout-details-fingerprint.server";

const PAGE = 500;

interface Unfingerprinted {
  id: string;
  shopId: string;
  payoutMethod: PayoutMethod | null;
  payoutDetailsCiphertext: string | null;
  stripeAccountId: string | null;
}

/** The fingerprint of the creator's current payout method, as saving it would have written it. */
function fingerprintOf(creator: Unfingerprinted): string | null {
  if (creator.payoutMethod === "stripe") return creator.stripeAccountId ? stripeAccountFingerprint(creator.stripeAccountId) : null;
  try {
    const details = openPayoutDetails(creator);
    return details ? offlineDetailsFingerprint(details) : null;
  } catch (error) {
    // Details that no longer open (a retired key): nothing to compare; the creator re-enters them.
    logger().warn(
      { module: "risk", creatorId: creator.id },
      `payout details fingerprint: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}

/** Fills every missing fingerprint; returns how many creators got one. */
export async function backfillPayoutDetailsFingerprints(): Promise<number> {
  let after = "";
  let filled = 0;
  for (;;) {
    const page: Unfingerprinted[] = await db().creator.findMany({
      where: {
        id: { gt: after },
        payoutDetailsFingerprint: null,
        OR: [{ payoutDetailsCiphertext: { not: null } }, { payoutMethod: "stripe", stripeAccountId: { not: null } }],
      },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, shopId: true, payoutMethod: true, payoutDetailsCiphertext: true, stripeAccountId: true },
    });
    if (page.length === 0) return filled;
    after = page.at(-1)!.id;
    const rows = page.flatMap((creator) => {
      const fingerprint = fingerprintOf(creator);
      return fingerprint ? [{ ...creator, fingerprint }] : [];
    });
    if (rows.length === 0) continue;
    filled += await db().$executeRaw(Prisma.sql`
      UPDATE "Creator" c SET "payoutDetailsFingerprint" = r."fingerprint"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r("id" text, "payoutMethod" text, "payoutDetailsCiphertext" text, "stripeAccountId" text, "fingerprint" text)
      WHERE c."id" = r."id" AND c."payoutDetailsFingerprint" IS NULL
        AND c."payoutMethod"::text IS NOT DISTINCT FROM r."payoutMethod"
        AND c."payoutDetailsCiphertext" IS NOT DISTINCT FROM r."payoutDetailsCiphertext"
        AND c."stripeAccountId" IS NOT DISTINCT FROM r."stripeAccountId"`);
  }
}

/** Queued at every worker start; the key keeps one pending job at most. */
export async function enqueuePayoutDetailsFingerprintBackfill(): Promise<void> {
  await enqueueJob(db(), JOB.backfillPayoutDetailsFingerprints, {}, { jobKey: JOB.backfillPayoutDetailsFingerprints, maxAttempts: 3 });
}

export const backfillPayoutDetailsFingerprintsTask: Task = async () => {
  const filled = await backfillPayoutDetailsFingerprints();
  if (filled > 0) logger().info({ module: "risk", filled }, `payout details fingerprints filled for ${filled} creators`);
};
