// "Nothing is paid twice" (DOMAIN.md §4) under load: many people (or retries) acting on the same
// creator or the same payout at the same moment. Every call runs in its own transaction on the
// shared pool (10 connections), so they truly overlap in PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isDomainError } from "~/domain/errors";
import { cancelPayout } from "~/payouts/cancel-payout.server";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { createCreator, createShop, givePayable, MIA, PAID_ON } from "../support/factories";
import { brokenMoneyInvariants, readMoneyInvariants } from "../support/money-invariants";
import { useTestDatabase } from "../support/test-database";

const PAYMENT = { method: "Bank transfer", reference: "WIRE-1", paidOn: PAID_ON };

/** Codes of the rejected calls; any failure that is not a DomainError fails the test. */
function rejectionCodes(results: PromiseSettledResult<unknown>[]): string[] {
  return results.flatMap((result) => {
    if (result.status === "fulfilled") return [];
    if (!isDomainError(result.reason)) throw result.reason;
    return [result.reason.code];
  });
}

beforeAll(async () => {
  await useTestDatabase();
});

describe("concurrent payouts", () => {
  it("50 simultaneous 10.00 payouts from a 300.00 balance: exactly 30 succeed and nothing is paid twice", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    // Three items that every payout has to split in turn, and a clawback netted by the first.
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 12000, payableSince: new Date("2026-01-01") });
    await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 15000, payableSince: new Date("2026-01-02") });
    await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: 4500, payableSince: new Date("2026-01-03") });
    await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -1500, payableSince: new Date("2026-01-04") });

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", amountMinor: 1000, actor: MIA, origin: "request" }),
      ),
    );

    const created = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    expect(created).toHaveLength(30);
    expect(new Set(rejectionCodes(results))).toEqual(new Set(["nothing_payable"]));
    // Serialised by the balance lock: each saw exactly what the previous one left.
    expect(created.map((payout) => payout.balanceAfterMinor).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i * 1000));
    expect(created.map((payout) => payout.invoiceNumber).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPayable: 0, ledgerInPayout: 30000, activeItemsOfOpenPayouts: 30000 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
  });

  it("a burst larger than the balance fails with amount_above_payable once less than the amount is left", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 2500 });

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", amountMinor: 1000, actor: MIA, origin: "manual" }),
      ),
    );

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    expect(new Set(rejectionCodes(results))).toEqual(new Set(["amount_above_payable"]));
    expect(await readMoneyInvariants(shop.id, ava.id)).toMatchObject({ ledgerPayable: 500, availableItems: 500 });
  });

  it("50 simultaneous 'mark paid offline' on one payout pay it exactly once", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 20000 });
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "run" });

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => markPayoutPaidOffline(shop.id, payout.payoutId, MIA, { ...PAYMENT, reference: `WIRE-${i}` })),
    );

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const codes = rejectionCodes(results);
    expect(codes).toHaveLength(49);
    expect(codes.every((code) => code === "payout_conflict" || code === "illegal_transition")).toBe(true);
    expect(await db().ledgerTransaction.count({ where: { shopId: shop.id, kind: "pay_offline" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { shopId: shop.id, action: "payout.paid_offline" } })).toBe(1);
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPaidOffline: 20000, ledgerInPayout: 0 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
  });

  it("cancels and payments racing on the same payouts leave each payout either paid or canceled, never both", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 50000 });
    const payouts = [];
    for (let i = 0; i < 5; i++) {
      payouts.push(
        await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", amountMinor: 10000, actor: MIA, origin: "run" }),
      );
    }

    // 10 calls per payout, cancels and payments interleaved: 50 in all.
    const calls = payouts.flatMap((payout) =>
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0 ? cancelPayout(shop.id, payout.payoutId, MIA) : markPayoutPaidOffline(shop.id, payout.payoutId, MIA, PAYMENT),
      ),
    );
    const results = await Promise.allSettled(calls);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
    expect(rejectionCodes(results).every((code) => code === "payout_conflict" || code === "illegal_transition")).toBe(true);
    const final = await db().payout.findMany({ where: { shopId: shop.id }, select: { id: true, status: true } });
    expect(final.every((payout) => payout.status === "paid" || payout.status === "canceled")).toBe(true);
    for (const payout of final) {
      const kinds = await db().ledgerTransaction.findMany({ where: { subjectId: payout.id }, select: { kind: true } });
      expect(kinds.map((tx) => tx.kind).sort()).toEqual(
        payout.status === "paid" ? ["pay_offline", "reserve_for_payout"] : ["cancel_payout", "reserve_for_payout"],
      );
    }
    const paid = final.filter((payout) => payout.status === "paid").length;
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPaidOffline: paid * 10000, ledgerPayable: (5 - paid) * 10000, ledgerInPayout: 0 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
  });
});
