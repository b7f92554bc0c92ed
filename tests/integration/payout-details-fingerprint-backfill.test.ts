// Issue 17 §2: creators whose payout details were saved before the keyed fingerprint existed get one
// from the backfill job queued at every worker start, so the shared-payout-details rule sees them.
import { beforeAll, describe, expect, it } from "vitest";
import { sealPayoutDetails, type PayoutDetails } from "~/creators/payout-details.server";
import { db } from "~/db.server";
import { creatorPayoutDetailsField } from "~/lib/sealed-columns.server";
import {
  backfillPayoutDetailsFingerprints,
  enqueuePayoutDetailsFingerprintBackfill,
} from "~/risk/backfill-payout-details-fingerprints.server";
import { offlineDetailsFingerprint, stripeAccountFingerprint } from "~/risk/payout-details-fingerprint.server";
import { createCreator, createShop } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { useTestDatabase } from "../support/test-database";

beforeAll(async () => {
  await useTestDatabase();
});

/** A creator whose offline details were saved as before issue 17: sealed, without a fingerprint. */
async function creatorWithOldDetails(shopId: string, name: string, details: PayoutDetails) {
  const creator = await createCreator(shopId, name);
  return db().creator.update({
    where: { id: creator.id },
    data: {
      payoutMethod: details.method,
      payoutDetailsCiphertext: sealPayoutDetails(details, creatorPayoutDetailsField(creator)),
      payoutDetailsStatus: "complete",
      payoutDetailsFingerprint: null,
    },
  });
}

const fingerprintOf = async (id: string) => (await db().creator.findUniqueOrThrow({ where: { id } })).payoutDetailsFingerprint;

describe("backfilling payout-details fingerprints", () => {
  it("the job queued at start gives old details their fingerprint, equal spellings equal ones, and leaves the rest alone", async () => {
    const shop = await createShop();
    const iban = { method: "bank_transfer" as const, accountHolder: "A. Ames", iban: "DE89 3704 0044 0532 0130 00" };
    const ava = await creatorWithOldDetails(shop.id, "Ava Old", iban);
    const twin = await creatorWithOldDetails(shop.id, "Ava Twin", { ...iban, iban: "de89370400440532013000" });
    const paypal = await creatorWithOldDetails(shop.id, "Pat Pal", { method: "paypal", paypalEmail: "Pat@Example.com" });
    const other = await creatorWithOldDetails(shop.id, "Oli Other", { method: "other", instructions: "Cheque to the studio" });
    const stripe = await createCreator(shop.id, "Sam Stripe", { payoutMethod: "stripe", stripeAccountId: "acct_1OLD" });
    const current = await createCreator(shop.id, "Cat Current", { payoutDetailsFingerprint: "already-set" });

    await enqueuePayoutDetailsFingerprintBackfill();
    await drainJobs();

    const bank = offlineDetailsFingerprint(iban);
    expect(await fingerprintOf(ava.id)).toBe(bank);
    expect(await fingerprintOf(twin.id)).toBe(bank);
    expect(await fingerprintOf(paypal.id)).toBe(offlineDetailsFingerprint({ method: "paypal", paypalEmail: "pat@example.com" }));
    expect(await fingerprintOf(stripe.id)).toBe(stripeAccountFingerprint("acct_1OLD"));
    expect(await fingerprintOf(other.id)).toBeNull();
    expect(await fingerprintOf(current.id)).toBe("already-set");
    expect(bank).not.toContain("DE89");

    // Run again (the next start): nothing left to fill.
    expect(await backfillPayoutDetailsFingerprints()).toBe(0);
  });
});
