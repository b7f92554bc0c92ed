// The demo shop of `npm run demo`: the same creators, orders and amounts on every machine, with
// commissions in every status, fees, an adjustment and payouts in several statuses. Dates are
// relative to today so that holds, "paid this month" and alerts look alive, and they tell one
// story: a thing is created before it is approved, paid or canceled, and nothing is in the
// future but holds and due dates. Every movement goes through the ledger (postLedgerTransaction)
// at the moment it happened in the story, so balances and the history read as in production.
// Offline creators have sealed payout details, so the PayPal and SEPA exports have something to pay.
import { stripeFailureReason } from "../stripe/stripe-failure-reason";
import { randomUUID } from "node:crypto";
import type { CommissionStatus, CreatorStatus, PayoutStatus, Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db, type DbTransaction } from "../db.server";
import {
  addFixedFee,
  approveDeliverableFee,
  cancelPayout,
  earnCommission,
  payPayout,
  postAdjustment,
  releaseHold,
  reserveForPayout,
  returnToExpense,
  type LedgerSubjectType,
  type LedgerTransactionDraft,
} from "../domain/ledger";
import { percentageOfMinor } from "../domain/rounding";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { commissionPlanVersion } from "../commissions/commission-plan-version.server";
import { now } from "../lib/clock.server";
import { DEMO_SHOP_DOMAIN, DEMO_STAFF, DEMO_STAFF_ID } from "./demo-mode.server";
import { withTransaction } from "../db/transaction.server";
import { fromDateColumn, toDateColumn } from "../domain/calendar";
import { sealPayoutDetails, type PayoutDetails } from "../creators/payout-details.server";
import { creatorPayoutDetailsField } from "../lib/sealed-columns.server";
import type { RunSummary } from "../payout-runs/run-summary";

const DAY = 24 * 60 * 60 * 1000;
const STAFF: Actor = DEMO_STAFF;
const SYSTEM: Actor = { type: "system" };
const SHOPIFY: Actor = { type: "shopify" };
const RATE_BASIS_POINTS = 1000; // 10 %

interface DemoCreator {
  key: string;
  name: string;
  handle: string;
  status: CreatorStatus;
  details: "missing" | "complete";
  method?: "stripe" | "paypal" | "bank_transfer";
}

// Sealed on the creator (payout-details.server.ts): what the exports pay to. Hugo's IBAN is the
// public example of the French banking federation, so it passes the checksum but reaches nobody.
const OFFLINE_DETAILS: Record<string, PayoutDetails> = {
  ben: { method: "paypal", paypalEmail: "ben.okafor@example.com" },
  hugo: { method: "bank_transfer", accountHolder: "Hugo Laurent", iban: "FR1420041010050500013M02606", bic: "PSSTFRPPXXX" },
  finn: { method: "paypal", paypalEmail: "finn.murphy@example.com" },
};

const FEATURED_CREATORS: DemoCreator[] = [
  { key: "ava", name: "Ava Chen", handle: "@avacooks", status: "active", details: "complete", method: "stripe" },
  { key: "ben", name: "Ben Okafor", handle: "@benruns", status: "active", details: "complete", method: "paypal" },
  { key: "carla", name: "Carla Mendes", handle: "@carla.styles", status: "active", details: "missing" },
  { key: "hugo", name: "Hugo Laurent", handle: "@hugo.velo", status: "active", details: "complete", method: "bank_transfer" },
  { key: "dev", name: "Dev Patel", handle: "@devmakes", status: "invited", details: "missing" },
  { key: "elif", name: "Elif Yılmaz", handle: "@elifreads", status: "applied", details: "missing" },
  { key: "finn", name: "Finn Murphy", handle: "@finnoutdoors", status: "paused", details: "complete", method: "paypal" },
  { key: "grace", name: "Grace Kim", handle: "@gracegoes", status: "archived", details: "missing" },
];

// Enough further creators for a second page of the Creators index.
const FIRST_NAMES = ["Iris", "Jonas", "Keiko", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara"];
const LAST_NAMES = ["Novak", "Silva", "Tanaka", "Berg"];
export const EXTRA_CREATOR_COUNT = 24;

function slug(name: string) {
  return name
    .normalize("NFD")
    .replace(/[^\w\s]/g, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ".");
}

export async function seedDemoShop(): Promise<{ created: boolean; shopId: string }> {
  const existing = await db().shop.findUnique({ where: { domain: DEMO_SHOP_DOMAIN }, select: { id: true } });
  if (existing) return { created: false, shopId: existing.id };
  const shopId = await withTransaction("seeding", (tx) => seed(tx));
  return { created: true, shopId };
}

async function seed(tx: DbTransaction): Promise<string> {
  const today = now();
  today.setUTCHours(12, 0, 0, 0);
  const daysAgo = (days: number) => new Date(today.getTime() - days * DAY);

  const shop = await tx.shop.create({
    data: {
      domain: DEMO_SHOP_DOMAIN,
      name: "Northwind Outfitters (demo)",
      currency: "USD",
      timezone: "America/New_York",
      holdPeriodDays: 30,
      emailSenderName: "Northwind Outfitters",
      payoutMinimums: {
        create: [
          { currency: "USD", amountMinor: 2500n },
          { currency: "EUR", amountMinor: 2500n },
        ],
      },
    },
  });
  const plan = await tx.commissionPlan.create({
    data: { shopId: shop.id, name: "Standard 10 %", kind: "percentage", rateBasisPoints: RATE_BASIS_POINTS },
  });
  await tx.shop.update({ where: { id: shop.id }, data: { defaultPlanId: plan.id } });
  const campaign = await tx.campaign.create({
    data: {
      shopId: shop.id,
      name: "Spring launch",
      startsOn: daysAgo(60),
      endsOn: daysAgo(-30),
      budgetMinor: 500000n,
      currency: "USD",
      createdAt: daysAgo(95),
    },
  });

  const post = (
    draft: LedgerTransactionDraft,
    subject: { type: LedgerSubjectType; id: string },
    action: string,
    actor: Actor,
    postedAt?: Date,
  ) => postLedger(tx, shop.id, draft, subject, action, actor, postedAt);

  // Creators -------------------------------------------------------------------------------
  const creators = new Map<string, string>();
  const allCreators: DemoCreator[] = [...FEATURED_CREATORS];
  for (let i = 0; i < EXTRA_CREATOR_COUNT; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) * 2 + (i % 2)];
    allCreators.push({
      key: `extra${i}`,
      name: `${first} ${last}`,
      handle: `@${first.toLowerCase()}${last.toLowerCase()}`,
      status: i % 5 === 4 ? "invited" : "active",
      details: i % 3 === 0 ? "missing" : "complete",
      method: i % 3 === 0 ? undefined : "paypal",
    });
  }
  for (const [index, c] of allCreators.entries()) {
    const created = await tx.creator.create({
      data: {
        shopId: shop.id,
        name: c.name,
        email: `${slug(c.name)}@example.com`,
        socialHandle: c.handle,
        status: c.status,
        statusReason: c.status === "paused" ? "Contract on hold until the autumn season" : null,
        referralCode:
          c.name
            .split(" ")[0]
            .toUpperCase()
            .replace(/[^A-Z]/g, "") +
          (10 + index),
        payoutMethod: c.method ?? null,
        payoutDetailsStatus: c.details,
        shopifyCustomerId: c.status === "active" ? String(7000000000 + index) : null,
        tags: index < 4 ? ["featured"] : [],
        createdAt: daysAgo(120 - index),
      },
    });
    creators.set(c.key, created.id);
    if (c.details === "complete" && c.method && c.method !== "stripe") {
      const details = OFFLINE_DETAILS[c.key] ?? { method: "paypal", paypalEmail: `${slug(c.name)}@example.com` };
      await tx.creator.update({
        where: { id: created.id },
        data: { payoutDetailsCiphertext: sealPayoutDetails(details, creatorPayoutDetailsField(created)) },
      });
    }
    await recordAuditEvent(tx, {
      shopId: shop.id,
      actor: STAFF,
      action: "creator.created",
      subject: { type: "creator", id: created.id },
      after: { status: c.status },
    });
  }
  const creatorId = (key: string) => creators.get(key)!;
  for (const key of ["ava", "ben", "hugo"]) {
    await tx.discountCode.create({
      data: { shopId: shop.id, creatorId: creatorId(key), code: `${key.toUpperCase()}15`, createdAt: daysAgo(100) },
    });
  }
  const deals = new Map<string, string>();
  for (const key of ["ava", "ben", "carla", "hugo"]) {
    const deal = await tx.deal.create({
      data: {
        shopId: shop.id,
        creatorId: creatorId(key),
        campaignId: key === "hugo" ? null : campaign.id,
        title: key === "hugo" ? "EU cycling series" : "Spring launch collaboration",
        createdAt: daysAgo(90),
      },
    });
    deals.set(key, deal.id);
  }

  // Orders and commissions -----------------------------------------------------------------
  let orderNumber = 1001;
  const payableItems = new Map<string, { id: string; amountMinor: number; creatorKey: string }[]>();
  const addPayable = async (
    creatorKey: string,
    data: Omit<Prisma.PayableItemUncheckedCreateInput, "shopId" | "creatorId" | "currency"> & { currency?: string },
  ) => {
    const item = await tx.payableItem.create({
      data: { shopId: shop.id, creatorId: creatorId(creatorKey), currency: data.currency ?? "USD", ...data },
    });
    const list = payableItems.get(creatorKey) ?? [];
    list.push({ id: item.id, amountMinor: Number(item.amountMinor), creatorKey });
    payableItems.set(creatorKey, list);
    return item;
  };

  const commissionPlan: Prisma.InputJsonValue = {
    planId: plan.id,
    name: plan.name,
    kind: "percentage",
    rateBasisPoints: RATE_BASIS_POINTS,
  };
  const planVersionId = await commissionPlanVersion(tx, shop.id, commissionPlan);

  async function order(creatorKey: string, subtotalMinor: number, paidDaysAgo: number, status: CommissionStatus) {
    const number = orderNumber++;
    const cid = creatorId(creatorKey);
    const paidAt = daysAgo(paidDaysAgo);
    const attributed = await tx.attributedOrder.create({
      data: {
        shopId: shop.id,
        shopifyOrderId: String(5500000000 + number),
        orderName: `#${number}`,
        creatorId: cid,
        dealId: deals.get(creatorKey) ?? null,
        attributionSource: number % 3 === 0 ? "discount_code" : "referral",
        currency: "USD",
        subtotalMinor: BigInt(subtotalMinor),
        eligibleMinor: BigInt(subtotalMinor),
        refundedMinor: status === "reversed" ? BigInt(subtotalMinor) : 0n,
        presentmentCurrency: "USD",
        presentmentTotalMinor: BigInt(subtotalMinor),
        isNewCustomer: number % 2 === 0,
        financialStatus: status === "reversed" ? "refunded" : "paid",
        orderedAt: paidAt,
        paidAt,
        shopifyUpdatedAt: paidAt,
        orderState: { demo: true, lineItems: [{ title: "Trail jacket", quantity: 1, priceMinor: subtotalMinor }] },
      },
    });
    const amountMinor = percentageOfMinor(subtotalMinor, RATE_BASIS_POINTS);
    const holdUntil = new Date(paidAt.getTime() + shop.holdPeriodDays * DAY);
    const commission = await tx.commission.create({
      data: {
        shopId: shop.id,
        creatorId: cid,
        orderId: attributed.id,
        status,
        statusReason: status === "rejected" ? "Order flagged as fraud" : status === "reversed" ? "Order fully refunded in the hold" : null,
        currency: "USD",
        planVersionId,
        holdUntil,
        approvedAt: status === "approved" || status === "paid" ? holdUntil : null,
        createdAt: paidAt,
      },
    });
    const subject = { type: "commission" as const, id: commission.id };
    const money = { creatorId: cid, currency: "USD", amountMinor };
    await post(earnCommission(money), subject, "commission.earned", SHOPIFY, paidAt);
    if (status === "approved" || status === "paid") {
      await post(releaseHold(money), subject, "commission.approved", SYSTEM, holdUntil);
      await addPayable(creatorKey, {
        kind: "commission",
        amountMinor: BigInt(amountMinor),
        commissionId: commission.id,
        payableSince: holdUntil,
      });
    }
    // Refunded or rejected a few days after the order, inside the hold.
    const decidedAt = new Date(Math.min(paidAt.getTime() + 3 * DAY, today.getTime() - DAY));
    if (status === "reversed") {
      await post(
        returnToExpense({ ...money, kind: "reverse_commission", from: "held" }),
        subject,
        "commission.reversed",
        SHOPIFY,
        decidedAt,
      );
    }
    if (status === "rejected") {
      await post(returnToExpense({ ...money, kind: "reject_commission", from: "held" }), subject, "commission.rejected", STAFF, decidedAt);
    }
    return commission;
  }

  // Ava: a long-running affiliate with a paid history.
  await order("ava", 18900, 75, "paid");
  await order("ava", 24500, 62, "paid");
  await order("ava", 12000, 45, "approved");
  await order("ava", 9950, 40, "approved");
  await order("ava", 15600, 12, "held");
  await order("ava", 8800, 3, "held");
  await order("ava", 21000, 20, "rejected");
  // Ben: payable money and a scheduled payout.
  await order("ben", 30000, 55, "paid");
  await order("ben", 14200, 38, "approved");
  await order("ben", 11800, 33, "approved");
  await order("ben", 6400, 10, "held");
  await order("ben", 13300, 8, "reversed");
  // Carla: money owed but no payout details yet (an alert on Home).
  await order("carla", 27500, 50, "approved");
  await order("carla", 16000, 36, "approved");
  await order("carla", 5400, 5, "held");
  // Extra creators: a few held commissions each.
  for (const i of [0, 2, 6, 8, 10, 12]) {
    await order(`extra${i}`, 4000 + i * 650, 4 + i, "held");
  }
  // Ava again: the commission of the Stripe payout that failed (below).
  await order("ava", 14000, 48, "approved");
  const avaFailedItem = payableItems.get("ava")!.at(-1)!;

  // Fixed fees, a deliverable and an adjustment ----------------------------------------------
  const video = await tx.deliverable.create({
    data: {
      shopId: shop.id,
      dealId: deals.get("ben")!,
      title: "TikTok: spring trail run",
      dueOn: daysAgo(-10),
      status: "submitted",
      createdAt: daysAgo(15),
    },
  });
  await tx.deliverableSubmission.create({
    data: { shopId: shop.id, deliverableId: video.id, contentUrl: "https://www.tiktok.com/@benruns/video/1", submittedAt: daysAgo(2) },
  });
  const reel = await tx.deliverable.create({
    data: {
      shopId: shop.id,
      dealId: deals.get("ava")!,
      title: "Instagram reel: jacket unboxing",
      dueOn: daysAgo(20),
      status: "approved",
      createdAt: daysAgo(30),
    },
  });
  await tx.deliverableDecision.create({
    data: {
      shopId: shop.id,
      deliverableId: reel.id,
      decision: "approved",
      note: "Great energy!",
      decidedBy: DEMO_STAFF_ID,
      decidedAt: daysAgo(18),
    },
  });

  async function fee(
    creatorKey: string,
    amountMinor: number,
    comment: string,
    createdDaysAgo: number,
    gate?: { deliverableId: string; approvedDaysAgo?: number },
    currency = "USD",
  ) {
    const createdAt = daysAgo(createdDaysAgo);
    const cid = creatorId(creatorKey);
    const approved = !gate || gate.approvedDaysAgo !== undefined;
    const created = await tx.fixedFee.create({
      data: {
        shopId: shop.id,
        creatorId: cid,
        dealId: deals.get(creatorKey)!,
        campaignId: creatorKey === "hugo" ? null : campaign.id,
        deliverableId: gate?.deliverableId ?? null,
        status: approved ? "approved" : "awaiting_deliverable",
        amountMinor: BigInt(amountMinor),
        currency,
        comment,
        createdBy: DEMO_STAFF_ID,
        createdAt,
      },
    });
    const subject = { type: "fixed_fee" as const, id: created.id };
    const money = { creatorId: cid, currency, amountMinor };
    await post(addFixedFee({ ...money, gated: !!gate }), subject, "fixed_fee.added", STAFF, createdAt);
    if (gate && gate.approvedDaysAgo !== undefined) {
      await post(approveDeliverableFee(money), subject, "fixed_fee.approved", STAFF, daysAgo(gate.approvedDaysAgo));
    }
    if (approved) {
      await addPayable(creatorKey, {
        kind: "fixed_fee",
        amountMinor: BigInt(amountMinor),
        fixedFeeId: created.id,
        currency,
        payableSince: gate?.approvedDaysAgo !== undefined ? daysAgo(gate.approvedDaysAgo) : createdAt,
      });
    }
    return created;
  }
  await fee("ava", 50000, "Instagram reel, 1 post", 30, { deliverableId: reel.id, approvedDaysAgo: 18 });
  await fee("ben", 30000, "TikTok video, due next week", 15, { deliverableId: video.id });
  await fee("hugo", 80000, "Three cycling vlogs (EUR contract)", 40, undefined, "EUR");

  const bonus = await tx.adjustment.create({
    data: {
      shopId: shop.id,
      creatorId: creatorId("carla"),
      dealId: deals.get("carla"),
      amountMinor: 2500n,
      currency: "USD",
      reason: "Bonus: best conversion rate in March",
      createdBy: DEMO_STAFF_ID,
      createdAt: daysAgo(1),
    },
  });
  await post(
    postAdjustment({ creatorId: creatorId("carla"), currency: "USD", amountMinor: 2500 }),
    { type: "adjustment", id: bonus.id },
    "adjustment.posted",
    STAFF,
    daysAgo(1),
  );
  await addPayable("carla", { kind: "adjustment", amountMinor: 2500n, adjustmentId: bonus.id, payableSince: daysAgo(1) });

  // Referral clicks (Reports: clicks and conversion) ------------------------------------------
  // A few visitors a day over the last 90 days for the creators with orders, one row per visitor.
  const clickRows: Prisma.ReferralClickCreateManyInput[] = [];
  for (const [index, key] of ["ava", "ben", "carla", "hugo"].entries()) {
    const creator = await tx.creator.findUniqueOrThrow({ where: { id: creatorId(key) }, select: { referralCode: true } });
    for (let day = 0; day < 90; day++) {
      const visitors = (day * 7 + index * 3) % (4 + index);
      for (let visitor = 0; visitor < visitors; visitor++) {
        const date = daysAgo(day);
        clickRows.push({
          shopId: shop.id,
          creatorId: creatorId(key),
          code: creator.referralCode,
          visitorHash: `demo-${key}-${day}-${visitor}`,
          day: toDateColumn(fromDateColumn(date)), // the UTC day of the demo click
        });
      }
    }
  }
  await tx.referralClick.createMany({ data: clickRows });

  // Payouts ----------------------------------------------------------------------------------
  let nextInvoiceNumber = 1;
  async function payout(
    creatorKey: string,
    status: PayoutStatus,
    items: { id: string; amountMinor: number }[],
    extra: Partial<Prisma.PayoutUncheckedCreateInput> = {},
    currency = "USD",
  ) {
    const cid = creatorId(creatorKey);
    const amountMinor = items.reduce((sum, item) => sum + item.amountMinor, 0);
    const invoiceNumber = status === "draft" ? null : nextInvoiceNumber++;
    const created = await tx.payout.create({
      data: {
        shopId: shop.id,
        creatorId: cid,
        currency,
        status,
        invoiceNumber,
        invoiceLabel: invoiceNumber ? `${shop.invoicePrefix}${String(invoiceNumber).padStart(5, "0")}` : null,
        createdBy: DEMO_STAFF_ID,
        ...extra,
      },
    });
    const released = status === "canceled";
    for (const item of items) {
      await tx.payoutItem.create({
        data: {
          shopId: shop.id,
          payoutId: created.id,
          payableItemId: item.id,
          amountMinor: BigInt(item.amountMinor),
          currency,
          state: released ? "released" : "active",
        },
      });
    }
    const subject = { type: "payout" as const, id: created.id };
    const money = { creatorId: cid, currency, amountMinor };
    await post(reserveForPayout(money), subject, "payout.created", STAFF, extra.createdAt as Date);
    if (status === "paid") {
      await post(
        payPayout({ ...money, channel: extra.channel === "stripe" ? "stripe" : "offline" }),
        subject,
        "payout.paid",
        STAFF,
        extra.paidAt as Date | undefined,
      );
      for (const item of items) {
        const source = await tx.payableItem.findUniqueOrThrow({ where: { id: item.id } });
        if (source.commissionId) await tx.commission.update({ where: { id: source.commissionId }, data: { status: "paid" } });
        if (source.fixedFeeId) await tx.fixedFee.update({ where: { id: source.fixedFeeId }, data: { status: "paid" } });
      }
    }
    if (status === "canceled") {
      await post(cancelPayout(money), subject, "payout.canceled", STAFF, extra.canceledAt as Date);
    }
    return created;
  }
  const ava = payableItems.get("ava")!;
  const ben = payableItems.get("ben")!;
  const hugo = payableItems.get("hugo")!;
  const carla = payableItems.get("carla")!;
  // In the order they happened, so invoice numbers follow the dates.
  // Ben's oldest commission: paid by PayPal three weeks ago.
  await payout("ben", "paid", ben.slice(0, 1), {
    createdAt: daysAgo(22),
    approvedBy: DEMO_STAFF_ID,
    approvedAt: daysAgo(22),
    channel: "offline",
    offlineMethod: "PayPal",
    offlineReference: "PP-7781",
    paidOn: daysAgo(20),
    paidAt: daysAgo(20),
    processedBy: DEMO_STAFF_ID,
    processedAt: daysAgo(20),
  });
  // Ava is paid with Stripe: a transfer that failed for want of balance (an alert on Home).
  await payout("ava", "failed", [avaFailedItem], {
    createdAt: daysAgo(6),
    approvedBy: DEMO_STAFF_ID,
    approvedAt: daysAgo(6),
    channel: "stripe",
    statusReason: stripeFailureReason("balance_insufficient", { currency: "USD" }).sentence,
    attemptCount: 1,
  });
  // Carla: a payout canceled while her payout details are missing, and a draft not sent yet.
  await payout("carla", "canceled", carla.slice(0, 1), {
    createdAt: daysAgo(6),
    canceledAt: daysAgo(4),
    statusReason: "Waiting for payout details",
  });
  // Ava's two oldest commissions: paid by bank transfer two days ago.
  await payout("ava", "paid", ava.slice(0, 2), {
    createdAt: daysAgo(3),
    approvedBy: DEMO_STAFF_ID,
    approvedAt: daysAgo(3),
    channel: "offline",
    offlineMethod: "Bank transfer",
    offlineReference: "WIRE-2291",
    paidOn: daysAgo(2),
    paidAt: daysAgo(2),
    processedBy: DEMO_STAFF_ID,
    processedAt: daysAgo(2),
    noteToCreator: "Thanks for a great spring!",
  });
  await payout("carla", "draft", carla.slice(1, 2), { createdAt: daysAgo(2), comment: "March commissions" });

  // Yesterday's payout run: Ben (PayPal) and Hugo (SEPA) ready to pay offline, Carla skipped.
  const runAt = daysAgo(1);
  const runFrom = daysAgo(90);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const run = await tx.payoutRun.create({
    data: {
      shopId: shop.id,
      status: "completed",
      payableFrom: runFrom,
      payableTo: runAt,
      createdBy: DEMO_STAFF_ID,
      createdAt: runAt,
      finishedAt: runAt,
    },
  });
  const inRun = { createdAt: runAt, runId: run.id, approvedBy: DEMO_STAFF_ID, approvedAt: runAt };
  await payout("ben", "ready", ben.slice(1, 3), inRun);
  await payout("hugo", "ready", hugo, inRun, "EUR");
  const groups = [
    { creatorId: creatorId("ben"), creatorName: "Ben Okafor", currency: "USD", amountMinor: ben[1].amountMinor + ben[2].amountMinor },
    { creatorId: creatorId("hugo"), creatorName: "Hugo Laurent", currency: "EUR", amountMinor: hugo[0].amountMinor },
  ];
  const carlaSkipped = {
    creatorId: creatorId("carla"),
    creatorName: "Carla Mendes",
    currency: "USD",
    amountMinor: carla[1].amountMinor,
    code: "no_payout_details" as const,
    reason: "No payout details yet.",
  };
  await tx.payoutRun.update({
    where: { id: run.id },
    data: {
      totalCreators: groups.length,
      doneCreators: groups.length,
      summary: {
        actor: STAFF,
        from: day(runFrom),
        to: day(runAt),
        minimums: { USD: 2500, EUR: 2500 },
        groups,
        excluded: [carlaSkipped],
      } satisfies RunSummary as unknown as Prisma.InputJsonValue,
    },
  });

  await tx.shop.update({ where: { id: shop.id }, data: { nextInvoiceNumber } });
  await tx.payoutRequest.create({
    data: {
      shopId: shop.id,
      creatorId: creatorId("ava"),
      origin: "creator",
      amountMinor: 50000n,
      currency: "USD",
      comment: "Withdrawal for the reel fee",
      requestedMethod: "stripe",
      requestedBy: creatorId("ava"),
      createdAt: daysAgo(1),
    },
  });
  return shop.id;
}

async function postLedger(
  tx: DbTransaction,
  shopId: string,
  draft: LedgerTransactionDraft,
  subject: { type: LedgerSubjectType; id: string },
  action: string,
  actor: Actor,
  postedAt?: Date,
) {
  // Seeded history is an import: each posting is its own movement.
  return postLedgerTransaction(tx, {
    shopId,
    draft,
    subject,
    action,
    actor,
    postedAt,
    idempotencyKey: `seed:${subject.type}:${subject.id}:${randomUUID()}`,
  });
}
