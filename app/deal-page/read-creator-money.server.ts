import { Prisma } from "@prisma/client";
import type { DisplayMinor } from "../domain/money";
import { creatorBalancesSql } from "../ledger/read-balances.server";
import { addDisplayMinor, toDisplayMinor } from "../ledger/to-minor-number";

/** Exact sums, however large (a bigint past 2^53: see toDisplayMinor). */
export interface CreatorMoney {
  currency: string;
  heldMinor: DisplayMinor;
  gatedMinor: DisplayMinor;
  payableMinor: DisplayMinor;
  inPayoutMinor: DisplayMinor;
  /** Sum of the creator's paid payouts (their active items), in this currency. */
  paidMinor: DisplayMinor;
  /**
   * Everything earned and not taken back: held + payable + in payout + paid. Gated fees are
   * promised, not yet earned, so they are left out.
   */
  lifetimeEarningsMinor: DisplayMinor;
}

/** The creator's money as the statement's JSON gives it (sums as text: exact past 2^53). */
export interface CreatorMoneyJson {
  /** The kept balances (creatorBalancesSql, the ledger's door), one row per currency with accounts. */
  balances: { currency: string; held: string; gated: string; payable: string; inPayout: string }[];
  /** The paid payouts' active items, per currency. */
  paid: { currency: string; paid: string }[];
}

/**
 * The creator's balances and paid sums as ONE JSON object (a scalar subquery), so the deal page
 * reads them inside its own statement, in the same snapshot as its history and lists.
 */
export const creatorMoneyJsonSql = (shopId: string, creatorId: string) => Prisma.sql`
  json_build_object(
    'balances', COALESCE((SELECT json_agg(json_build_object('currency', b."currency", 'held', b.held::text, 'gated', b.gated::text,
        'payable', b.payable::text, 'inPayout', b.in_payout::text)) FROM (${creatorBalancesSql(shopId, creatorId)}) b), '[]'::json),
    'paid', COALESCE((SELECT json_agg(json_build_object('currency', x."currency", 'paid', x.paid::text)) FROM (
        SELECT p."currency", COALESCE(SUM(i."amountMinor"), 0) AS paid
        FROM "Payout" p JOIN "PayoutItem" i ON i."payoutId" = p."id" AND i."shopId" = p."shopId" AND i."state" = 'active'
        WHERE p."shopId" = ${shopId} AND p."creatorId" = ${creatorId} AND p."status" = 'paid'
        GROUP BY p."currency") x), '[]'::json))`;

/** The deal page's balances, one row per currency the creator has money or payouts in (the shop's always). */
export function toCreatorMoney(money: CreatorMoneyJson, shopCurrency: string): CreatorMoney[] {
  const { balances, paid } = money;
  const currencies = new Set<string>([shopCurrency, ...balances.map((b) => b.currency), ...paid.map((p) => p.currency)]);
  return [...currencies].sort().map((currency) => {
    const balance = balances.find((b) => b.currency === currency);
    const paidMinor = toDisplayMinor(paid.find((p) => p.currency === currency)?.paid ?? 0n);
    const heldMinor = toDisplayMinor(balance?.held ?? 0n);
    const payableMinor = toDisplayMinor(balance?.payable ?? 0n);
    const inPayoutMinor = toDisplayMinor(balance?.inPayout ?? 0n);
    return {
      currency,
      heldMinor,
      gatedMinor: toDisplayMinor(balance?.gated ?? 0n),
      payableMinor,
      inPayoutMinor,
      paidMinor,
      lifetimeEarningsMinor: addDisplayMinor(heldMinor, payableMinor, inPayoutMinor, paidMinor),
    };
  });
}
