// Changing the payout method from the portal: validated, applied only from the emailed link,
// once, within 24 hours; then new payouts to the creator wait 24 hours (createPayout, requests, runs).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openPayoutDetails, type PayoutDetails } from "~/creators/payout-details.server";
import { approvePayoutRequest } from "~/payout-requests/decide-payout-request.server";
import { requestPayout } from "~/payout-requests/request-payout.server";
import { db } from "~/db.server";
import { createRunPayoutsInBulk } from "~/payout-runs/create-run-payouts-in-bulk.server";
import { confirmPayoutMethodChange, proposePayoutMethodChange } from "~/portal/actions/change-payout-method.server";
import { offlineDetailsFingerprint } from "~/risk/payout-details-fingerprint.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createCreator, createShop, givePayable, MIA } from "../support/factories";
import { rowCounts } from "../support/money-invariants";
import { useTestDatabase } from "../support/test-database";

const IBAN = "DE89 3704 0044 0532 0130 00";
const BANK = { method: "bank_transfer", accountHolder: "Ava Ames", iban: IBAN, bic: "COBADEFFXXX" };
const HOUR = 3600 * 1000;
const T0 = "2026-05-04T09:00:00.000Z";

async function avaOwed() {
  const shop = await createShop();
  const ava = await createCreator(shop.id, "Ava Ames");
  await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: 10000 });
  return { shop, ava };
}

async function tokenFromEmail(shopId: string) {
  const email = await db().outboundEmail.findFirstOrThrow({
    where: { shopId, subject: { contains: "confirm your new payout method" } },
    orderBy: { createdAt: "desc" },
  });
  return /payout-method\/confirm\/([A-Za-z0-9_-]+)/.exec(email.textBody)![1];
}

describe("portal: payout method change", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });
  afterEach(() => {
    delete process.env.CREATOR_PAYOUTS_CLOCK;
  });

  it("refuses an invalid IBAN or BIC with the field to fix and writes nothing", async () => {
    const { shop, ava } = await avaOwed();
    const before = {
      creator: await db().creator.findUniqueOrThrow({ where: { id: ava.id } }),
      emails: await db().outboundEmail.count(),
      rows: await rowCounts(shop.id),
    };
    await expect(proposePayoutMethodChange(shop.id, ava.id, { ...BANK, iban: "DE89 3704 0044 0532 0130 01" })).rejects.toMatchObject({
      code: "invalid_input",
      details: { fieldErrors: { iban: "This IBAN is not valid: check it for typos (it starts with a country code, like DE89…)." } },
    });
    await expect(proposePayoutMethodChange(shop.id, ava.id, { ...BANK, bic: "NOTABIC" })).rejects.toMatchObject({
      details: { fieldErrors: { bic: expect.any(String) } },
    });
    await expect(proposePayoutMethodChange(shop.id, ava.id, { method: "paypal", paypalEmail: "not-an-email" })).rejects.toMatchObject({
      details: { fieldErrors: { paypalEmail: expect.any(String) } },
    });
    expect(await db().payoutMethodChange.count({ where: { shopId: shop.id } })).toBe(0);
    expect({
      creator: await db().creator.findUniqueOrThrow({ where: { id: ava.id } }),
      emails: await db().outboundEmail.count(),
      rows: await rowCounts(shop.id),
    }).toEqual(before);
  });

  it("changes nothing on the creator until confirmed; the email has the link and no bank details", async () => {
    const { shop, ava } = await avaOwed();
    const proposed = await proposePayoutMethodChange(shop.id, ava.id, BANK);
    expect(proposed).toMatchObject({ summary: "IBAN •••• 3000", sentTo: `${ava.email[0]}•••@creators.test` });
    expect(await db().creator.findUniqueOrThrow({ where: { id: ava.id } })).toMatchObject({
      payoutMethod: null,
      payoutDetailsCiphertext: null,
      payoutDetailsStatus: "missing",
      payoutsHeldUntil: null,
    });
    const change = await db().payoutMethodChange.findUniqueOrThrow({ where: { id: proposed.changeId } });
    expect(change.detailsCiphertext).not.toContain("DE89");
    const email = await db().outboundEmail.findFirstOrThrow({ where: { shopId: shop.id, toAddress: ava.email } });
    expect(email.textBody).toContain(`https://${shop.domain}/apps/creator-payouts/payout-method/confirm/`);
    expect(email.textBody).not.toMatch(/DE89|370400440532013000|COBADEFF/);
    // A payout can still be created: nothing is held before confirmation.
    await expect(
      createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "run", amountMinor: 1000 }),
    ).resolves.toBeTruthy();
  });

  it("applies the change when confirmed, holds payouts for 24 hours, and refuses payouts meanwhile saying until when", async () => {
    process.env.CREATOR_PAYOUTS_CLOCK = T0;
    const { shop, ava } = await avaOwed();
    await proposePayoutMethodChange(shop.id, ava.id, BANK);
    const confirmed = await confirmPayoutMethodChange(shop.id, await tokenFromEmail(shop.id));
    const heldUntil = new Date(Date.parse(T0) + 24 * HOUR);
    expect(confirmed).toEqual({ creatorId: ava.id, summary: "IBAN •••• 3000", payoutsHeldUntil: heldUntil });
    const creator = await db().creator.findUniqueOrThrow({ where: { id: ava.id } });
    expect(creator).toMatchObject({
      payoutMethod: "bank_transfer",
      payoutDetailsStatus: "complete",
      payoutDetailsSummary: "IBAN •••• 3000",
      payoutsHeldUntil: heldUntil,
      payoutMethodChangedAt: new Date(T0),
    });
    expect(openPayoutDetails(creator)).toEqual({
      method: "bank_transfer",
      accountHolder: "Ava Ames",
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
    });
    // Risk signals (issue 17): the keyed fingerprint of the IBAN is stored, never the IBAN.
    expect(creator.payoutDetailsFingerprint).toBe(offlineDetailsFingerprint(BANK as PayoutDetails));
    expect(creator.payoutDetailsFingerprint).not.toMatch(/DE89|370400/);
    expect(
      (await db().auditEvent.findFirstOrThrow({ where: { subjectId: ava.id, action: "creator.payout_method_changed" } })).actorType,
    ).toBe("creator");

    const before = await rowCounts(shop.id);
    const held = { code: "payouts_held", message: expect.stringContaining("on hold until 2026-05-05 09:00 UTC") };
    await expect(createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "manual" })).rejects.toMatchObject(
      held,
    );
    const { requestId } = await requestPayout(shop.id, { creatorId: ava.id, amount: "30", currency: "USD" }, "merchant", MIA);
    const afterRequest = await rowCounts(shop.id);
    await expect(approvePayoutRequest(shop.id, requestId, MIA)).rejects.toMatchObject(held);
    expect(await rowCounts(shop.id)).toEqual(afterRequest);
    expect((await db().payoutRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("requested");
    expect(afterRequest.payouts).toBe(before.payouts);

    // The set-based run path leaves a held creator to createPayout (which then says why).
    const run = await db().payoutRun.create({
      data: { shopId: shop.id, status: "running", payableFrom: new Date("2026-01-01"), payableTo: new Date(T0), createdBy: "staff_mia" },
    });
    const created = await db().$transaction((tx) =>
      createRunPayoutsInBulk(tx, {
        shopId: shop.id,
        runId: run.id,
        actor: MIA,
        payableUntil: new Date(T0),
        groups: [{ creatorId: ava.id, currency: "USD", minimumMinor: null }],
      }),
    );
    expect(created).toEqual([]);

    // A minute after the hold ends, payouts are created again.
    process.env.CREATOR_PAYOUTS_CLOCK = new Date(heldUntil.getTime() + 60_000).toISOString();
    await expect(approvePayoutRequest(shop.id, requestId, MIA)).resolves.toMatchObject({ amountMinor: 3000 });
    const later = new Date(heldUntil.getTime() + 60_000);
    const paidByRun = await db().$transaction((tx) =>
      createRunPayoutsInBulk(tx, {
        shopId: shop.id,
        runId: run.id,
        actor: MIA,
        payableUntil: later,
        groups: [{ creatorId: ava.id, currency: "USD", minimumMinor: null }],
      }),
    );
    expect(paidByRun).toMatchObject([{ creatorId: ava.id, amountMinor: 7000 }]);
  });

  it("refuses a used, expired, superseded or unknown link", async () => {
    process.env.CREATOR_PAYOUTS_CLOCK = T0;
    const { shop, ava } = await avaOwed();
    await proposePayoutMethodChange(shop.id, ava.id, { method: "paypal", paypalEmail: "Ava.Ames@Example.com" });
    const first = await tokenFromEmail(shop.id);
    await proposePayoutMethodChange(shop.id, ava.id, BANK);
    const second = await tokenFromEmail(shop.id);
    await expect(confirmPayoutMethodChange(shop.id, first)).rejects.toMatchObject({ code: "payout_method_change_superseded" });
    await confirmPayoutMethodChange(shop.id, second);
    await expect(confirmPayoutMethodChange(shop.id, second)).rejects.toMatchObject({ code: "payout_method_change_used" });
    await expect(confirmPayoutMethodChange(shop.id, "nope")).rejects.toMatchObject({ code: "payout_method_change_not_found" });
    const other = await createShop();
    await expect(confirmPayoutMethodChange(other.id, second)).rejects.toMatchObject({ code: "payout_method_change_not_found" });

    const paypal = await proposePayoutMethodChange(shop.id, ava.id, { method: "paypal", paypalEmail: "Ava.Ames@Example.com" });
    expect(paypal.summary).toBe("PayPal a•••@example.com");
    const third = await tokenFromEmail(shop.id);
    process.env.CREATOR_PAYOUTS_CLOCK = new Date(Date.parse(T0) + 24 * HOUR + 1).toISOString();
    const beforeExpired = await db().creator.findUniqueOrThrow({ where: { id: ava.id } });
    await expect(confirmPayoutMethodChange(shop.id, third)).rejects.toMatchObject({ code: "payout_method_change_expired" });
    expect(await db().creator.findUniqueOrThrow({ where: { id: ava.id } })).toEqual(beforeExpired);
  });

  it("lets only one of two concurrent confirmations apply", async () => {
    const { shop, ava } = await avaOwed();
    await proposePayoutMethodChange(shop.id, ava.id, BANK);
    const token = await tokenFromEmail(shop.id);
    const results = await Promise.allSettled([confirmPayoutMethodChange(shop.id, token), confirmPayoutMethodChange(shop.id, token)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { subjectId: ava.id, action: "creator.payout_method_changed" } })).toBe(1);
  });
});
