// Test fixture for the document exports (not used by the app): one shop with three creators and
// payouts in every shape the documents must handle, made through the payout functions.
//   CP-00001 Ava  USD 120.00 paid by PayPal (a 100.00 commission and 20.00 of a 50.00 fee: a split)
//   CP-00002 Ava  USD  30.00 ready (the other 30.00 of the split fee)
//   CP-00003 Ava  EUR  80.00 ready
//   CP-00004 Zoë  EUR 250.75 ready
//   CP-00005 Zoë  USD  45.67 ready
//   CP-00006 Elif EUR  30.00 ready (her IBAN is mistyped)
//   CP-00007 Zoë  EUR  19.99 ready
//   (draft)  Elif USD  12.34
import type { Creator, Shop } from "@prisma/client";
import { sealPayoutDetails, type PayoutDetails } from "~/creators/payout-details.server";
import { db } from "~/db.server";
import { creatorPayoutDetailsField, creatorTaxIdField } from "~/lib/sealed-columns.server";
import { seal } from "~/lib/secret-box.server";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { createCreator, createShop, givePayable, MIA, type PayableSpec } from "./factories";

export const TRAIL_DEBTOR = { debtorName: "Trail Co GmbH", debtorIban: "DE89 3704 0044 0532 0130 00", debtorBic: "COBADEFFXXX" };

export async function giveCreator(
  shop: Shop,
  name: string,
  changes: { email: string; details?: PayoutDetails; taxCountry?: string; taxId?: string },
): Promise<Creator> {
  const creator = await createCreator(shop.id, name);
  return db().creator.update({
    where: { id: creator.id },
    data: {
      email: changes.email,
      payoutMethod: changes.details?.method ?? null,
      payoutDetailsCiphertext: changes.details ? sealPayoutDetails(changes.details, creatorPayoutDetailsField(creator)) : null,
      payoutDetailsStatus: changes.details ? "complete" : "missing",
      taxCountry: changes.taxCountry ?? null,
      taxIdCiphertext: changes.taxId ? seal(changes.taxId, creatorTaxIdField(creator)) : null,
    },
  });
}

/** Pays out everything payable (or `amountMinor`) in one currency, created at `createdAt`. */
export async function payoutOf(
  shop: Shop,
  creator: Creator,
  options: { currency: string; createdAt: string; amountMinor?: number; draft?: boolean; payables?: PayableSpec[] },
) {
  for (const payable of options.payables ?? []) await givePayable(shop.id, creator.id, { currency: options.currency, ...payable });
  const created = await createPayout({
    shopId: shop.id,
    creatorId: creator.id,
    currency: options.currency,
    amountMinor: options.amountMinor,
    actor: MIA,
    origin: options.draft ? "manual" : "run",
  });
  // Fixed creation times make the exports' rows and date filters exact.
  await db().payout.update({ where: { id: created.payoutId }, data: { createdAt: new Date(options.createdAt) } });
  return created;
}

export async function createDocumentsFixture() {
  const shop = await createShop();
  const ava = await giveCreator(shop, "Ava Ames", {
    email: "ava@creators.test",
    details: { method: "paypal", paypalEmail: "ava.paypal@creators.test" },
    taxCountry: "US",
    taxId: "123-45-6789",
  });
  const zoe = await giveCreator(shop, "Zoë Laurent", {
    email: "zoe@creators.test",
    details: { method: "bank_transfer", accountHolder: "Zoë Laurent", iban: "FR14 2004 1010 0505 0001 3M02 606" },
    taxCountry: "FR",
  });
  const elif = await giveCreator(shop, "Elif Yılmaz", {
    email: "elif@creators.test",
    details: { method: "bank_transfer", accountHolder: "Elif Yılmaz", iban: "DE89370400440532013001", bic: "COBADEFFXXX" },
  });

  const paid = await payoutOf(shop, ava, {
    currency: "USD",
    createdAt: "2026-01-10T10:00:00.000Z",
    amountMinor: 12000,
    payables: [
      { kind: "commission", amountMinor: 10000, payableSince: new Date("2026-01-01T00:00:00Z") },
      { kind: "fixed_fee", amountMinor: 5000, text: "TikTok video", payableSince: new Date("2026-01-02T00:00:00Z") },
    ],
  });
  await markPayoutPaidOffline(shop.id, paid.payoutId, MIA, { method: "PayPal", reference: "PP-7781", paidOn: "2026-01-15" });
  const splitRest = await payoutOf(shop, ava, { currency: "USD", createdAt: "2026-01-20T10:00:00.000Z" });
  const avaEur = await payoutOf(shop, ava, {
    currency: "EUR",
    createdAt: "2026-01-21T10:00:00.000Z",
    payables: [{ kind: "fixed_fee", amountMinor: 8000, text: "Unboxing reel" }],
  });
  const zoeEur = await payoutOf(shop, zoe, {
    currency: "EUR",
    createdAt: "2026-01-22T10:00:00.000Z",
    payables: [{ kind: "adjustment", amountMinor: 25075, text: "Launch bonus" }],
  });
  const zoeUsd = await payoutOf(shop, zoe, {
    currency: "USD",
    createdAt: "2026-01-23T10:00:00.000Z",
    payables: [{ kind: "commission", amountMinor: 4567 }],
  });
  const elifEur = await payoutOf(shop, elif, {
    currency: "EUR",
    createdAt: "2026-01-24T10:00:00.000Z",
    payables: [{ kind: "fixed_fee", amountMinor: 3000, text: "Story" }],
  });
  const zoeEurAgain = await payoutOf(shop, zoe, {
    currency: "EUR",
    createdAt: "2026-01-25T10:00:00.000Z",
    payables: [{ kind: "adjustment", amountMinor: 1999, text: "Story bonus" }],
  });
  const draft = await payoutOf(shop, elif, {
    currency: "USD",
    createdAt: "2026-02-01T10:00:00.000Z",
    draft: true,
    payables: [{ kind: "adjustment", amountMinor: 1234, text: "Shipping refund" }],
  });

  return {
    shop,
    creators: { ava, zoe, elif },
    payouts: { paid, splitRest, avaEur, zoeEur, zoeUsd, elifEur, zoeEurAgain, draft },
  };
}

/** Another shop with one ready PayPal payout: none of it may appear in the first shop's documents. */
export async function createOtherShop() {
  const shop = await createShop();
  const bob = await giveCreator(shop, "Bob Other", {
    email: "bob@other.test",
    details: { method: "paypal", paypalEmail: "bob.paypal@other.test" },
  });
  const payout = await payoutOf(shop, bob, {
    currency: "USD",
    createdAt: "2026-01-22T12:00:00.000Z",
    payables: [{ kind: "adjustment", amountMinor: 7777, text: "Other shop bonus" }],
  });
  return { shop, bob, payout };
}
