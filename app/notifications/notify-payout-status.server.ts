// Tells the creator where their payout stands: to review, scheduled, paid, delayed. Called from
// the one place every payout change is recorded (recordPayoutChange) and, for the set-based
// payout-run path that writes its rows in SQL, once per batch (notifyPayoutsInBulk).
import type { DbTransaction } from "../db.server";
import { fromDateColumn } from "../domain/calendar";
import { parseDecimalString } from "../domain/money";
import { toMinorNumber } from "../ledger/to-minor-number";
import { SECRET_PLACEHOLDER } from "../email/send-email.server";
import { readGiftCardCodeForEmail } from "../rails/gift-card/gift-card-code.server";
import { creatorLocale, payoutStatusEmail, type NotifiedPayoutStatus, type PaymentFacts, isNotifiedPayoutStatus } from "./creator-emails";
import { queueCreatorEmail, queueEmailsInBulk } from "./queue-creator-email.server";

async function activeTotals(tx: DbTransaction, shopId: string, payoutIds: string[]): Promise<Map<string, number>> {
  const sums = await tx.payoutItem.groupBy({
    by: ["payoutId"],
    where: { shopId, payoutId: { in: payoutIds }, state: "active" },
    _sum: { amountMinor: true },
  });
  return new Map(sums.map((row) => [row.payoutId, toMinorNumber(row._sum.amountMinor)]));
}

const PAYMENT_SELECT = {
  paidOn: true,
  paidAt: true,
  channel: true,
  offlineMethod: true,
  offlineReference: true,
  stripeTransferId: true,
  noteToCreator: true,
} as const;

/** How a paid payout was paid: the day, the method and its reference, and the merchant's note. */
function paymentFacts(payout: {
  paidOn: Date | null;
  paidAt: Date | null;
  channel: string | null;
  offlineMethod: string | null;
  offlineReference: string | null;
  stripeTransferId: string | null;
  noteToCreator: string | null;
}): PaymentFacts {
  const stripe = payout.channel === "stripe";
  return {
    paidOn: payout.paidOn ? fromDateColumn(payout.paidOn) : null,
    paidAt: payout.paidAt,
    method: stripe
      ? "Stripe"
      : payout.channel === "store_credit"
        ? "Store credit"
        : payout.channel === "paypal"
          ? "PayPal"
          : payout.channel === "gift_card"
            ? "Gift card"
            : payout.offlineMethod,
    reference: stripe ? payout.stripeTransferId : payout.offlineReference,
    note: payout.noteToCreator,
  };
}

/** What the settled store credit attempt credited (its stored request) and the bonus in it. */
async function storeCreditFacts(
  tx: DbTransaction,
  shopId: string,
  payoutId: string,
  amountMinor: number,
): Promise<PaymentFacts["storeCredit"]> {
  const attempt = await tx.payoutAttempt.findFirst({
    where: { shopId, payoutId, rail: "store_credit", status: "succeeded" },
    orderBy: { attempt: "desc" },
    select: { params: true },
  });
  const credit = (attempt?.params as { creditInput?: { creditAmount?: { amount?: string; currencyCode?: string } } } | undefined)
    ?.creditInput?.creditAmount;
  if (!credit?.amount || !credit.currencyCode) return null;
  const creditedMinor = parseDecimalString(credit.amount, credit.currencyCode).amountMinor;
  const bonusMinor = Math.max(0, creditedMinor - amountMinor);
  return {
    credited: { amountMinor: creditedMinor, currency: credit.currencyCode },
    bonus: { amountMinor: bonusMinor, currency: credit.currencyCode },
  };
}

/** Queues the email for one payout that just moved to `status`, inside the change's transaction. */
export async function notifyPayoutStatus(tx: DbTransaction, shopId: string, payoutId: string, status: NotifiedPayoutStatus): Promise<void> {
  const payout = await tx.payout.findFirstOrThrow({
    where: { id: payoutId, shopId },
    select: { creatorId: true, currency: true, invoiceLabel: true, attemptCount: true, ...PAYMENT_SELECT },
  });
  const amountMinor = (await activeTotals(tx, shopId, [payoutId])).get(payoutId) ?? 0;
  // A gift card's code travels sealed with the email and is filled in only at delivery.
  const giftCardCode =
    status === "paid" && payout.channel === "gift_card" ? await readGiftCardCodeForEmail(tx, shopId, payoutId, payout.attemptCount) : null;
  const storeCredit =
    status === "paid" && payout.channel === "store_credit" ? await storeCreditFacts(tx, shopId, payoutId, amountMinor) : null;
  await queueCreatorEmail(
    tx,
    shopId,
    payout.creatorId,
    (context) =>
      payoutStatusEmail(
        context,
        status,
        { amount: { amountMinor, currency: payout.currency }, invoiceLabel: payout.invoiceLabel },
        status === "paid"
          ? { ...paymentFacts(payout), storeCredit, giftCardCode: giftCardCode === null ? null : SECRET_PLACEHOLDER }
          : null,
      ),
    giftCardCode === null ? {} : { secret: giftCardCode },
  );
}

/** One email per payout, each about the status it is in now (drafts and other statuses are skipped). */
export async function notifyPayoutsInBulk(
  tx: DbTransaction,
  shopId: string,
  payoutIds: readonly string[],
  /**
   * The payouts' amounts when the caller has just written them in this transaction (a run's batch):
   * spares reading every item back to sum it (100 items a payout in the payout-run benchmark).
   */
  writtenTotals?: ReadonlyMap<string, number>,
): Promise<number> {
  if (payoutIds.length === 0) return 0;
  const ids = [...new Set(payoutIds)];
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true, domain: true, timezone: true } });
  const payouts = await tx.payout.findMany({
    where: { shopId, id: { in: ids } },
    select: {
      id: true,
      status: true,
      currency: true,
      invoiceLabel: true,
      ...PAYMENT_SELECT,
      creator: { select: { name: true, email: true, locale: true } },
    },
    orderBy: { id: "asc" },
  });
  const totals = writtenTotals ?? (await activeTotals(tx, shopId, ids));
  const messages = payouts.flatMap((payout) => {
    const status = payout.status;
    if (!isNotifiedPayoutStatus(status)) return [];
    const context = {
      shopName: shop.name,
      shopDomain: shop.domain,
      creatorName: payout.creator.name,
      timeZone: shop.timezone,
      locale: creatorLocale(payout.creator.locale),
    };
    const facts = { amount: { amountMinor: totals.get(payout.id) ?? 0, currency: payout.currency }, invoiceLabel: payout.invoiceLabel };
    return [
      { to: payout.creator.email, email: payoutStatusEmail(context, status, facts, status === "paid" ? paymentFacts(payout) : null) },
    ];
  });
  return (await queueEmailsInBulk(tx, shopId, messages)).length;
}
