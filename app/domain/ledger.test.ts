import { $Enums } from "@prisma/client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CREATOR_LEDGER_ACCOUNTS,
  LEDGER_ACCOUNTS,
  LEDGER_SUBJECT_TYPES,
  LEDGER_TRANSACTION_KINDS,
  type LedgerAccount,
  type LedgerEntryDraft,
  type LedgerTransactionDraft,
  RETURN_TO_EXPENSE_SOURCES,
  type ReturnToExpenseKind,
  type ReturnToExpenseSource,
  UnbalancedLedgerTransactionError,
  addFixedFee,
  approveDeliverableFee,
  assertBalanced,
  balanceOf,
  cancelPayout,
  computeBalances,
  creatorBalances,
  earnCommission,
  ledgerBalanceKey,
  payPayout,
  postAdjustment,
  recomputeHeldCommission,
  releaseHold,
  reserveForPayout,
  returnToExpense,
  reverseTransfer,
  shopBalances,
  payStoreCreditBonus,
  PAYOUT_CHANNELS,
  paidAccountOf,
} from "./ledger";

const ana = { creatorId: "cr_ana", currency: "USD" };

/** Posts transactions in order and returns every entry, like the database would hold them. */
function post(...transactions: (LedgerTransactionDraft | null)[]): LedgerEntryDraft[] {
  return transactions.flatMap((tx) => (tx ? tx.entries : []));
}

function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe("the ledger's lists match the database's enums", () => {
  // The generated client's enums, read from prisma/schema.prisma: same values, same order.
  it("transaction kinds are the LedgerTransactionKind enum", () => {
    expect(LEDGER_TRANSACTION_KINDS).toEqual(Object.values($Enums.LedgerTransactionKind));
  });

  it("subject types are the LedgerSubjectType enum", () => {
    expect(LEDGER_SUBJECT_TYPES).toEqual(Object.values($Enums.LedgerSubjectType));
  });

  it("accounts are the LedgerAccount enum", () => {
    expect(LEDGER_ACCOUNTS).toEqual(Object.values($Enums.LedgerAccount));
  });

  it("payout channels are the PayoutChannel enum, each with its own paid_ account", () => {
    expect(PAYOUT_CHANNELS).toEqual(Object.values($Enums.PayoutChannel));
    expect(PAYOUT_CHANNELS.map(paidAccountOf)).toEqual([
      "paid_stripe",
      "paid_offline",
      "paid_store_credit",
      "paid_paypal",
      "paid_gift_card",
    ]);
  });
});

describe("each movement of the money model", () => {
  // [what happened, transaction, source account, destination account]
  const movements: [string, LedgerTransactionDraft, LedgerAccount, LedgerAccount][] = [
    ["a commission is earned", earnCommission({ ...ana, amountMinor: 500 }), "expense", "held"],
    ["the hold ends", releaseHold({ ...ana, amountMinor: 500 }), "held", "payable"],
    ["a gated fee is added", addFixedFee({ ...ana, amountMinor: 500, gated: true }), "expense", "gated"],
    ["an ungated fee is added", addFixedFee({ ...ana, amountMinor: 500, gated: false }), "expense", "payable"],
    ["a deliverable is approved", approveDeliverableFee({ ...ana, amountMinor: 500 }), "gated", "payable"],
    ["a bonus is added", postAdjustment({ ...ana, amountMinor: 500 }), "expense", "payable"],
    ["a correction is made", postAdjustment({ ...ana, amountMinor: -500 }), "payable", "expense"],
    ["a payout reserves", reserveForPayout({ ...ana, amountMinor: 500 }), "payable", "in_payout"],
    ["a payout is paid by Stripe", payPayout({ ...ana, amountMinor: 500, channel: "stripe" }), "in_payout", "paid_stripe"],
    ["a payout is paid offline", payPayout({ ...ana, amountMinor: 500, channel: "offline" }), "in_payout", "paid_offline"],
    [
      "a payout is paid in store credit",
      payPayout({ ...ana, amountMinor: 500, channel: "store_credit" }),
      "in_payout",
      "paid_store_credit",
    ],
    ["a store credit bonus is paid", payStoreCreditBonus({ currency: "USD", amountMinor: 500 }), "store_credit_bonus", "paid_store_credit"],
    ["a payout is canceled", cancelPayout({ ...ana, amountMinor: 500 }), "in_payout", "payable"],
    ["a transfer is reversed", reverseTransfer({ ...ana, amountMinor: 500 }), "paid_stripe", "payable"],
    ["a gift card is disabled", reverseTransfer({ ...ana, amountMinor: 500, channel: "gift_card" }), "paid_gift_card", "payable"],
    [
      "a held commission is rejected",
      returnToExpense({ ...ana, amountMinor: 500, kind: "reject_commission", from: "held" }),
      "held",
      "expense",
    ],
    [
      "an approved commission is rejected",
      returnToExpense({ ...ana, amountMinor: 500, kind: "reject_commission", from: "payable" }),
      "payable",
      "expense",
    ],
    [
      "a commission is reversed in the hold",
      returnToExpense({ ...ana, amountMinor: 500, kind: "reverse_commission", from: "held" }),
      "held",
      "expense",
    ],
    [
      "a refund after payout claws back",
      returnToExpense({ ...ana, amountMinor: 500, kind: "clawback", from: "payable" }),
      "payable",
      "expense",
    ],
    ["a gated fee is canceled", returnToExpense({ ...ana, amountMinor: 500, kind: "cancel_fee", from: "gated" }), "gated", "expense"],
    ["a held commission grows", recomputeHeldCommission({ ...ana, diffMinor: 500 })!, "expense", "held"],
    ["a held commission shrinks", recomputeHeldCommission({ ...ana, diffMinor: -500 })!, "held", "expense"],
  ];

  it.each(movements)("when %s, 5.00 moves from %s to %s", (_, tx, from, to) => {
    expect(tx.entries).toHaveLength(2);
    const [source, destination] = tx.entries;
    // Sign convention: the source gives (−X), the destination receives (+X).
    expect(source).toMatchObject({ account: from, amountMinor: -500, currency: "USD" });
    expect(destination).toMatchObject({ account: to, amountMinor: 500, currency: "USD" });
    for (const entry of tx.entries) {
      expect(entry.creatorId).toBe((CREATOR_LEDGER_ACCOUNTS as readonly string[]).includes(entry.account) ? "cr_ana" : null);
    }
    expect(() => assertBalanced(tx)).not.toThrow();
  });

  it("labels each movement with its kind", () => {
    expect(movements.map(([, tx]) => tx.kind)).toEqual([
      "earn_commission",
      "release_hold",
      "add_fee",
      "add_fee",
      "approve_deliverable",
      "adjustment",
      "adjustment",
      "reserve_for_payout",
      "pay_stripe",
      "pay_offline",
      "pay_store_credit",
      "store_credit_bonus",
      "cancel_payout",
      "reverse_transfer",
      "reverse_transfer",
      "reject_commission",
      "reject_commission",
      "reverse_commission",
      "clawback",
      "cancel_fee",
      "commission_recompute",
      "commission_recompute",
    ]);
  });

  it("posts nothing when a recompute finds no difference (a replayed webhook)", () => {
    expect(recomputeHeldCommission({ ...ana, diffMinor: 0 })).toBeNull();
  });

  it("reserves a clawback item inside a payout in the other direction", () => {
    const tx = reserveForPayout({ ...ana, amountMinor: -300 });
    expect(tx.entries).toMatchObject([
      { account: "payable", amountMinor: 300 },
      { account: "in_payout", amountMinor: -300 },
    ]);
  });

  it.each([
    ["reverse_commission", "payable"],
    ["clawback", "held"],
    ["clawback", "gated"],
    ["cancel_fee", "held"],
    ["reject_commission", "gated"],
  ] as [ReturnToExpenseKind, ReturnToExpenseSource][])("refuses a %s taken from %s", (kind, from) => {
    expect(thrownCode(() => returnToExpense({ ...ana, amountMinor: 100, kind, from }))).toBe("invalid_ledger_movement");
  });

  it.each([
    ["zero", () => earnCommission({ ...ana, amountMinor: 0 }), "invalid_amount"],
    ["negative", () => releaseHold({ ...ana, amountMinor: -1 }), "invalid_amount"],
    ["fractional", () => payPayout({ ...ana, amountMinor: 1.5, channel: "stripe" }), "invalid_amount"],
    ["zero adjustment", () => postAdjustment({ ...ana, amountMinor: 0 }), "invalid_amount"],
    ["zero reservation", () => reserveForPayout({ ...ana, amountMinor: 0 }), "invalid_amount"],
    ["fractional difference", () => recomputeHeldCommission({ ...ana, diffMinor: 0.5 }), "invalid_amount"],
    ["unknown currency", () => earnCommission({ ...ana, currency: "ABC", amountMinor: 1 }), "unknown_currency"],
    ["missing creator", () => earnCommission({ ...ana, creatorId: "", amountMinor: 1 }), "unbalanced_ledger_transaction"],
    ["unknown channel", () => payPayout({ ...ana, amountMinor: 1, channel: "venmo" as "stripe" }), "invalid_payout_channel"],
  ])("refuses a %s amount", (_, build, code) => {
    expect(thrownCode(build)).toBe(code);
  });
});

describe("balances tell the story of a creator", () => {
  it("a commission is earned, released, reserved, paid by Stripe and the transfer reversed", () => {
    const entries = post(
      earnCommission({ ...ana, amountMinor: 1000 }),
      releaseHold({ ...ana, amountMinor: 1000 }),
      reserveForPayout({ ...ana, amountMinor: 1000 }),
    );
    expect(creatorBalances(entries, "cr_ana", "USD")).toEqual({ held: 0, gated: 0, payable: 0, in_payout: 1000 });

    const paid = [...entries, ...post(payPayout({ ...ana, amountMinor: 1000, channel: "stripe" }))];
    expect(creatorBalances(paid, "cr_ana", "USD")).toEqual({ held: 0, gated: 0, payable: 0, in_payout: 0 });
    expect(shopBalances(paid, "USD")).toEqual({
      expense: -1000,
      paid_stripe: 1000,
      paid_offline: 0,
      paid_store_credit: 0,
      paid_paypal: 0,
      paid_gift_card: 0,
      store_credit_bonus: 0,
    });

    const reversed = [...paid, ...post(reverseTransfer({ ...ana, amountMinor: 1000 }))];
    expect(creatorBalances(reversed, "cr_ana", "USD").payable).toBe(1000);
    expect(shopBalances(reversed, "USD").paid_stripe).toBe(0);
  });

  it("a refund after payout creates a clawback that the next payout nets out", () => {
    const entries = post(
      earnCommission({ ...ana, amountMinor: 1000 }),
      releaseHold({ ...ana, amountMinor: 1000 }),
      reserveForPayout({ ...ana, amountMinor: 1000 }),
      payPayout({ ...ana, amountMinor: 1000, channel: "offline" }),
      returnToExpense({ ...ana, amountMinor: 300, kind: "clawback", from: "payable" }),
    );
    expect(creatorBalances(entries, "cr_ana", "USD").payable).toBe(-300);

    const nextMonth = [
      ...entries,
      ...post(
        earnCommission({ ...ana, amountMinor: 500 }),
        releaseHold({ ...ana, amountMinor: 500 }),
        reserveForPayout({ ...ana, amountMinor: 500 }),
        reserveForPayout({ ...ana, amountMinor: -300 }),
        payPayout({ ...ana, amountMinor: 200, channel: "offline" }),
      ),
    ];
    expect(creatorBalances(nextMonth, "cr_ana", "USD")).toEqual({ held: 0, gated: 0, payable: 0, in_payout: 0 });
    expect(shopBalances(nextMonth, "USD")).toEqual({
      expense: -1200,
      paid_stripe: 0,
      paid_offline: 1200,
      paid_store_credit: 0,
      paid_paypal: 0,
      paid_gift_card: 0,
      store_credit_bonus: 0,
    });
  });

  it("a gated fee becomes payable when its deliverable is approved, and a canceled payout returns it", () => {
    const entries = post(
      addFixedFee({ ...ana, amountMinor: 50000, gated: true }),
      approveDeliverableFee({ ...ana, amountMinor: 50000 }),
      reserveForPayout({ ...ana, amountMinor: 50000 }),
      cancelPayout({ ...ana, amountMinor: 50000 }),
    );
    expect(creatorBalances(entries, "cr_ana", "USD")).toEqual({ held: 0, gated: 0, payable: 50000, in_payout: 0 });
  });

  it("keeps creators and currencies apart", () => {
    const entries = post(
      earnCommission({ ...ana, amountMinor: 1000 }),
      earnCommission({ creatorId: "cr_ben", currency: "USD", amountMinor: 70 }),
      earnCommission({ creatorId: "cr_ana", currency: "JPY", amountMinor: 900 }),
    );
    expect(creatorBalances(entries, "cr_ana", "USD").held).toBe(1000);
    expect(creatorBalances(entries, "cr_ben", "USD").held).toBe(70);
    expect(creatorBalances(entries, "cr_ana", "JPY").held).toBe(900);
    expect(creatorBalances(entries, "cr_nobody", "USD")).toEqual({ held: 0, gated: 0, payable: 0, in_payout: 0 });
    expect(balanceOf(entries, { account: "expense", creatorId: null, currency: "USD" })).toBe(-1070);
  });

  it("reads balances from database rows whose amounts are bigint", () => {
    const rows = earnCommission({ ...ana, amountMinor: 1000 }).entries.map((e) => ({ ...e, amountMinor: BigInt(e.amountMinor) }));
    expect(creatorBalances(rows, "cr_ana", "USD").held).toBe(1000);
    expect(balanceOf(rows, { account: "expense", creatorId: null, currency: "USD" })).toBe(-1000);
  });

  it("never confuses creator ids that contain separators", () => {
    const a = ledgerBalanceKey({ account: "held", creatorId: "a|held", currency: "USD" });
    const b = ledgerBalanceKey({ account: "held", creatorId: "a", currency: "USD" });
    const shop = ledgerBalanceKey({ account: "expense", creatorId: null, currency: "USD" });
    const named = ledgerBalanceKey({ account: "expense", creatorId: "null", currency: "USD" });
    expect(new Set([a, b, shop, named]).size).toBe(4);
  });
});

describe("assertBalanced refuses transactions that cannot be posted", () => {
  const good = earnCommission({ ...ana, amountMinor: 100 });
  const [expense, held] = good.entries;

  it.each([
    ["it has a single entry", { kind: "earn_commission", entries: [held] }],
    ["it has no entries", { kind: "earn_commission", entries: [] }],
    ["its entries do not sum to zero", { kind: "earn_commission", entries: [expense, { ...held, amountMinor: 99 }] }],
    ["an entry is zero", { kind: "adjustment", entries: [expense, held, { ...held, amountMinor: 0 }] }],
    [
      "an amount is fractional",
      {
        kind: "earn_commission",
        entries: [
          { ...expense, amountMinor: -0.5 },
          { ...held, amountMinor: 0.5 },
        ],
      },
    ],
    [
      "an amount is unsafe",
      {
        kind: "earn_commission",
        entries: [
          { ...expense, amountMinor: -(2 ** 53) },
          { ...held, amountMinor: 2 ** 53 },
        ],
      },
    ],
    ["a shop account names a creator", { kind: "earn_commission", entries: [{ ...expense, creatorId: "cr_ana" }, held] }],
    ["a creator account names no creator", { kind: "earn_commission", entries: [expense, { ...held, creatorId: null }] }],
    ["the kind is unknown", { kind: "gift", entries: [expense, held] }],
    ["the account is unknown", { kind: "earn_commission", entries: [expense, { ...held, account: "wallet" }] }],
    [
      "the currency is unknown",
      {
        kind: "earn_commission",
        entries: [
          { ...expense, currency: "ABC" },
          { ...held, currency: "ABC" },
        ],
      },
    ],
    ["two currencies each leave a remainder", { kind: "earn_commission", entries: [expense, { ...held, currency: "EUR" }] }],
  ])("when %s", (_, tx) => {
    expect(() => assertBalanced(tx as LedgerTransactionDraft)).toThrow(UnbalancedLedgerTransactionError);
    expect(thrownCode(() => assertBalanced(tx as LedgerTransactionDraft))).toBe("unbalanced_ledger_transaction");
  });

  it("accepts a transaction that balances in each of two currencies", () => {
    const usd = earnCommission({ ...ana, amountMinor: 100 });
    const eur = earnCommission({ ...ana, currency: "EUR", amountMinor: 7 });
    expect(() => assertBalanced({ kind: "adjustment", entries: [...usd.entries, ...eur.entries] })).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random histories
// ---------------------------------------------------------------------------------------------

const creatorIds = ["cr_ana", "cr_ben", "cr_cleo"] as const;
const currencies = ["USD", "JPY", "KWD"] as const;
const positive = fc.integer({ min: 1, max: 10 ** 9 });
const nonZero = fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).filter((n) => n !== 0);
const returnPairs = (Object.entries(RETURN_TO_EXPENSE_SOURCES) as [ReturnToExpenseKind, readonly ReturnToExpenseSource[]][]).flatMap(
  ([kind, sources]) => sources.map((from) => ({ kind, from })),
);

type Delta = [account: LedgerAccount, perCreator: boolean, amount: number];

/**
 * A random movement and, written independently of the builders, how DOMAIN.md §4 says it
 * changes each account.
 */
const movementArbitrary = fc.record({ creatorId: fc.constantFrom(...creatorIds), currency: fc.constantFrom(...currencies) }).chain((who) =>
  fc
    .oneof(
      positive.map((x) => ({
        tx: earnCommission({ ...who, amountMinor: x }),
        deltas: [
          ["expense", false, -x],
          ["held", true, x],
        ] as Delta[],
      })),
      positive.map((x) => ({
        tx: releaseHold({ ...who, amountMinor: x }),
        deltas: [
          ["held", true, -x],
          ["payable", true, x],
        ] as Delta[],
      })),
      fc.tuple(positive, fc.boolean()).map(([x, gated]) => ({
        tx: addFixedFee({ ...who, amountMinor: x, gated }),
        deltas: [
          ["expense", false, -x],
          [gated ? "gated" : "payable", true, x],
        ] as Delta[],
      })),
      positive.map((x) => ({
        tx: approveDeliverableFee({ ...who, amountMinor: x }),
        deltas: [
          ["gated", true, -x],
          ["payable", true, x],
        ] as Delta[],
      })),
      nonZero.map((x) => ({
        tx: postAdjustment({ ...who, amountMinor: x }),
        deltas: [
          ["expense", false, -x],
          ["payable", true, x],
        ] as Delta[],
      })),
      nonZero.map((x) => ({
        tx: reserveForPayout({ ...who, amountMinor: x }),
        deltas: [
          ["payable", true, -x],
          ["in_payout", true, x],
        ] as Delta[],
      })),
      fc.tuple(positive, fc.constantFrom("stripe" as const, "offline" as const)).map(([x, channel]) => ({
        tx: payPayout({ ...who, amountMinor: x, channel }),
        deltas: [
          ["in_payout", true, -x],
          [channel === "stripe" ? "paid_stripe" : "paid_offline", false, x],
        ] as Delta[],
      })),
      nonZero.map((x) => ({
        tx: cancelPayout({ ...who, amountMinor: x }),
        deltas: [
          ["in_payout", true, -x],
          ["payable", true, x],
        ] as Delta[],
      })),
      positive.map((x) => ({
        tx: reverseTransfer({ ...who, amountMinor: x }),
        deltas: [
          ["paid_stripe", false, -x],
          ["payable", true, x],
        ] as Delta[],
      })),
      fc.tuple(positive, fc.constantFrom(...returnPairs)).map(([x, { kind, from }]) => ({
        tx: returnToExpense({ ...who, amountMinor: x, kind, from }),
        deltas: [
          [from, true, -x],
          ["expense", false, x],
        ] as Delta[],
      })),
      nonZero.map((x) => ({
        tx: recomputeHeldCommission({ ...who, diffMinor: x })!,
        deltas: [
          ["expense", false, -x],
          ["held", true, x],
        ] as Delta[],
      })),
    )
    .map((movement) => ({ ...movement, who })),
);

describe("ledger invariants over any history", () => {
  it("all balances of a currency always sum to zero", () => {
    fc.assert(
      fc.property(fc.array(movementArbitrary, { maxLength: 60 }), (history) => {
        const entries = post(...history.map((m) => m.tx));
        for (const currency of currencies) {
          let total = 0;
          for (const account of LEDGER_ACCOUNTS) {
            const owners = (CREATOR_LEDGER_ACCOUNTS as readonly string[]).includes(account) ? creatorIds : [null];
            for (const creatorId of owners) total += balanceOf(entries, { account, creatorId, currency });
          }
          expect(total).toBe(0);
        }
      }),
    );
  });

  it("every account holds exactly what the money model says", () => {
    fc.assert(
      fc.property(fc.array(movementArbitrary, { maxLength: 60 }), (history) => {
        const expected = new Map<string, number>();
        for (const { who, deltas } of history) {
          for (const [account, perCreator, amount] of deltas) {
            const key = ledgerBalanceKey({ account, creatorId: perCreator ? who.creatorId : null, currency: who.currency });
            expected.set(key, (expected.get(key) ?? 0) + amount);
          }
        }
        const actual = computeBalances(post(...history.map((m) => m.tx)));
        for (const key of new Set([...expected.keys(), ...actual.keys()])) {
          expect(actual.get(key) ?? 0).toBe(expected.get(key) ?? 0);
        }
      }),
    );
  });

  it("what a creator is owed plus what they were paid equals what they earned minus what went back", () => {
    fc.assert(
      fc.property(fc.array(movementArbitrary, { maxLength: 60 }), (history) => {
        const entries = post(...history.map((m) => m.tx));
        for (const creatorId of creatorIds) {
          for (const currency of currencies) {
            const mine = history.filter((m) => m.who.creatorId === creatorId && m.who.currency === currency);
            // Net cost to the shop for this creator: every movement out of expense minus back into it.
            const earnedNet = mine.reduce(
              (sum, m) => sum - m.tx.entries.filter((e) => e.account === "expense").reduce((s, e) => s + e.amountMinor, 0),
              0,
            );
            const paidNet = mine.reduce(
              (sum, m) =>
                sum +
                m.tx.entries
                  .filter((e) => e.account === "paid_stripe" || e.account === "paid_offline")
                  .reduce((s, e) => s + e.amountMinor, 0),
              0,
            );
            const owed = Object.values(creatorBalances(entries, creatorId, currency)).reduce((a, b) => a + b, 0);
            expect(owed + paidNet).toBe(earnedNet);
          }
        }
      }),
    );
  });

  it("every builder's transaction is balanced, and any tampering unbalances it", () => {
    fc.assert(
      fc.property(
        movementArbitrary,
        fc.nat(),
        nonZero,
        fc.constantFrom("amount", "drop", "duplicate", "creator", "currency"),
        ({ tx }, pick, delta, tamper) => {
          expect(() => assertBalanced(tx)).not.toThrow();
          const index = pick % tx.entries.length;
          const entries = tx.entries.map((e) => ({ ...e }));
          const target = entries[index]!;
          if (tamper === "amount") {
            fc.pre(target.amountMinor + delta !== 0);
            target.amountMinor += delta;
          } else if (tamper === "drop") {
            entries.splice(index, 1);
          } else if (tamper === "duplicate") {
            entries.push({ ...target });
          } else if (tamper === "creator") {
            target.creatorId = target.creatorId === null ? "cr_intruder" : null;
          } else {
            target.currency = target.currency === "EUR" ? "GBP" : "EUR";
          }
          expect(() => assertBalanced({ kind: tx.kind, entries })).toThrow(UnbalancedLedgerTransactionError);
        },
      ),
    );
  });
});
