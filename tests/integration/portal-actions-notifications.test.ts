// The creator is emailed when a payout needs their review, is scheduled, is paid or is delayed —
// whichever path moved it (one payout at a time or a payout run's set-based batch) — and never
// about a draft. Emails link to the portal and carry no payment details.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createRunPayoutsInBulk } from "~/payout-runs/create-run-payouts-in-bulk.server";
import { acceptPayoutReview } from "~/payouts/accept-payout-review.server";
import { cancelPayout } from "~/payouts/cancel-payout.server";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { createCreator, createShop, givePayable, MIA, PAID_ON } from "../support/factories";
import { recordPayoutChange } from "~/payouts/record-payout-change.server";
import { sendDraftPayout } from "~/payouts/send-draft-payout.server";
import { rememberCreatorLocale } from "~/notifications/remember-creator-locale.server";
import { drainJobs } from "../support/jobs";
import { useTestDatabase } from "../support/test-database";

const outbox = mkdtempSync(path.join(os.tmpdir(), "cp-portal-outbox-"));
const previousOutbox = process.env.EMAIL_OUTBOX_DIR;

async function emailsTo(shopId: string, to: string) {
  const emails = await db().outboundEmail.findMany({ where: { shopId, toAddress: to }, orderBy: { createdAt: "asc" } });
  return emails.map((e) => e.subject);
}

async function owed(review: boolean, name = "Ava Ames") {
  const shop = await createShop({ creatorReviewEnabled: review });
  await db().shop.update({
    where: { id: shop.id },
    data: { emailSenderName: "Trail Co Creators", emailReplyTo: "creators@trail.example" },
  });
  const ava = await createCreator(shop.id, name);
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 12000 });
  return { shop, ava };
}

describe("portal: payout notifications", () => {
  beforeAll(async () => {
    process.env.EMAIL_OUTBOX_DIR = outbox;
    await useTestDatabase();
  });
  afterAll(() => {
    if (previousOutbox === undefined) delete process.env.EMAIL_OUTBOX_DIR;
    else process.env.EMAIL_OUTBOX_DIR = previousOutbox;
  });

  it("review → scheduled → paid: one email each, with the portal link; the paid one says how it was paid", async () => {
    const { shop, ava } = await owed(true);
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "run" });
    expect(await emailsTo(shop.id, ava.email)).toEqual(["Trail Co: please review your $120.00 payout"]);
    await acceptPayoutReview(shop.id, payout.payoutId, { type: "creator", id: ava.id });
    await markPayoutPaidOffline(shop.id, payout.payoutId, MIA, {
      method: "Bank transfer",
      reference: "WIRE-2291",
      paidOn: PAID_ON,
      note: "Thanks for the <b>March</b> reel!",
    });
    expect(await emailsTo(shop.id, ava.email)).toEqual([
      "Trail Co: please review your $120.00 payout",
      "Trail Co: your $120.00 payout is scheduled",
      "Trail Co: your $120.00 payout was paid",
    ]);
    const emails = await db().outboundEmail.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
    for (const email of emails) {
      expect(email.textBody).toContain(`https://${shop.domain}/apps/creator-payouts/portal`);
      expect(email.textBody).toContain(payout.invoiceLabel!);
      expect(email.htmlBody).toContain(`href="https://${shop.domain}/apps/creator-payouts/portal"`);
    }
    // The paid email: amount, day, method, reference and the merchant's note (escaped in the HTML).
    const paid = emails.at(-1)!;
    for (const line of ["Amount: $120.00", "Method: Bank transfer", "Reference: WIRE-2291", "> Thanks for the <b>March</b> reel!"]) {
      expect(paid.textBody).toContain(line);
    }
    expect(paid.textBody).toContain("Paid on: Jan 15, 2026");
    expect(paid.htmlBody).toContain("Thanks for the &lt;b&gt;March&lt;/b&gt; reel!");
    expect(
      emails
        .slice(0, 2)
        .map((email) => email.textBody)
        .join("\n"),
    ).not.toContain("WIRE-2291");
    // Delivered with the shop's sender name and reply-to address.
    await drainJobs();
    expect(await db().outboundEmail.count({ where: { shopId: shop.id, sentAt: null } })).toBe(0);
    const files = readdirSync(outbox).filter((file) => file.endsWith(".eml"));
    const mine = files.map((file) => readFileSync(path.join(outbox, file), "utf8")).filter((eml) => eml.includes(ava.email));
    expect(mine).toHaveLength(3);
    expect(mine[0]).toMatch(/From: Trail Co Creators </);
    expect(mine[0]).toMatch(/Reply-To: creators@trail\.example/);
    for (const eml of mine) expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
  });

  it("writes to a creator in the language they last used the portal in (French)", async () => {
    const { shop, ava } = await owed(false);
    await rememberCreatorLocale(shop.id, ava.id, "fr");
    await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "run" });
    const [email] = await db().outboundEmail.findMany({ where: { shopId: shop.id } });
    expect(email.subject).toBe("Trail Co : votre paiement de 120,00\u00a0$US est programmé");
    expect(email.textBody).toContain("Bonjour Ava Ames,");
    expect(email.htmlBody).toContain('<html lang="fr">');
  });

  it("never for a draft; sending the draft notifies; canceling does not", async () => {
    const { shop, ava } = await owed(false);
    const draft = await createPayout({
      shopId: shop.id,
      creatorId: ava.id,
      currency: "USD",
      actor: MIA,
      origin: "manual",
      amountMinor: 5000,
    });
    expect(await emailsTo(shop.id, ava.email)).toEqual([]);
    await cancelPayout(shop.id, draft.payoutId, MIA);
    expect(await emailsTo(shop.id, ava.email)).toEqual([]);
    const second = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "manual" });
    await sendDraftPayout(shop.id, second.payoutId, MIA);
    expect(await emailsTo(shop.id, ava.email)).toEqual(["Trail Co: your $120.00 payout is scheduled"]);
    await cancelPayout(shop.id, second.payoutId, MIA);
    expect(await emailsTo(shop.id, ava.email)).toHaveLength(1);
  });

  it("tells the creator a payout is delayed when it fails", async () => {
    const { shop, ava } = await owed(false);
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "run" });
    // Stripe's path (another module) moves processing → failed through recordPayoutChange like every transition.
    await db().$transaction(async (tx) => {
      await tx.payout.update({ where: { id: payout.payoutId }, data: { status: "processing" } });
      await recordPayoutChange(tx, {
        shopId: shop.id,
        payoutId: payout.payoutId,
        action: "payout.processing",
        actor: MIA,
        draft: null,
        before: { status: "ready" },
        after: { status: "processing" },
      });
      await tx.payout.update({ where: { id: payout.payoutId }, data: { status: "failed" } });
      await recordPayoutChange(tx, {
        shopId: shop.id,
        payoutId: payout.payoutId,
        action: "payout.failed",
        actor: { type: "stripe" },
        draft: null,
        before: { status: "processing" },
        after: { status: "failed" },
      });
    });
    expect(await emailsTo(shop.id, ava.email)).toEqual([
      "Trail Co: your $120.00 payout is scheduled",
      "Trail Co: your $120.00 payout is delayed",
    ]);
  });

  it("emails every creator a payout run's set-based batch paid, and nobody it left out", async () => {
    const shop = await createShop({ creatorReviewEnabled: true });
    const ava = await createCreator(shop.id, "Ava Ames");
    const ben = await createCreator(shop.id, "Ben Brook");
    const cy = await createCreator(shop.id, "Cy Cole");
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 4000 });
    await givePayable(shop.id, ben.id, { kind: "fixed_fee", amountMinor: 9050 });
    await givePayable(shop.id, cy.id, { kind: "adjustment", amountMinor: 1000 });
    const run = await db().payoutRun.create({
      data: {
        shopId: shop.id,
        status: "running",
        payableFrom: new Date("2026-01-01"),
        payableTo: new Date("2026-02-01"),
        createdBy: "staff_mia",
      },
    });
    const groups = [ava, ben, cy].map((creator) => ({ creatorId: creator.id, currency: "USD", minimumMinor: 2500 }));
    const created = await db().$transaction((tx) =>
      createRunPayoutsInBulk(tx, { shopId: shop.id, runId: run.id, actor: MIA, payableUntil: new Date("2026-02-01"), groups }),
    );
    expect(created.map((p) => p.creatorId)).toEqual([ava.id, ben.id]);
    expect(await emailsTo(shop.id, ava.email)).toEqual(["Trail Co: please review your $40.00 payout"]);
    expect(await emailsTo(shop.id, ben.email)).toEqual(["Trail Co: please review your $90.50 payout"]);
    expect(await emailsTo(shop.id, cy.email)).toEqual([]);
    const ben_ = await db().outboundEmail.findFirstOrThrow({ where: { shopId: shop.id, toAddress: ben.email } });
    expect(ben_.textBody).toContain(created[1].invoiceLabel!);
    // Each queued email has its delivery job.
    await drainJobs();
    expect(await db().outboundEmail.count({ where: { shopId: shop.id, sentAt: null } })).toBe(0);
  });
});
