// The PayPal Payouts rail for one payout: a batch of one item, sender_batch_id
// `payout_<payout id>_a<attempt>` and sender_item_id = the payout id, paid to the PayPal email of
// the creator's payout details. PayPal refuses a reused sender_batch_id for 30 days (and the
// client also sends it as PayPal-Request-Id), so sending the stored batch again is how a batch is
// looked up: PayPal gives the original batch back and pays nothing twice. Hence `send` =
// findOrCreateBatchPayout + read the batch's items, safe to repeat while PayPal remembers the id
// (29 days), and each repeat is the poll of a PENDING/ONHOLD/UNCLAIMED item (job retries, then
// the sweeper). SUCCESS settles; FAILED/RETURNED/BLOCKED (and REFUNDED/REVERSED before we
// settled) fail the payout with PayPal's reason, the money staying reserved as with Stripe.
import type { Actor } from "../../audit/actor";
import { creatorPayoutDetailsField } from "../../lib/sealed-columns.server";
import { openPayoutDetailsAt } from "../../creators/payout-details.server";
import { DomainError } from "../../domain/errors";
import { JOB } from "../../jobs/job-names";
import { now } from "../../lib/clock.server";
import type { Rail, RailAnswer, RailAttempt, RailBatchAnswer, RailBatchToSend, RailItemAnswer, RecoveryStep } from "../rail";
import { RailTryLater } from "../rail-try-later";
import { mayResendBatch, PayPalOutcomeUnknown, PayPalRefusal, type PayPalClient } from "./paypal-client.server";
import { payPalClientForShop, payPalNotConnected, readPayPalCredentials } from "./paypal-credentials.server";
import { payPalItemSentence } from "./paypal-error-sentence";
import { itemStateOf, payPalItemOutcome } from "./paypal-item-outcome";
import { PAYPAL_MAX_ITEMS_PER_BATCH, type CreatePayoutRequest, type PayPalPayoutItem } from "./paypal-wire";
import { planPayPalBatches, senderBatchId } from "./plan-paypal-batches";

/** PayPal, as the actor of what its answers change (audit trail). */
export const PAYPAL_ACTOR: Actor = { type: "system", id: "paypal" };

/** The attempt's batch id at PayPal: unique per payout and attempt (a retry is a new batch). */
export function payPalSenderBatchId(payoutId: string, attempt: number): string {
  return `payout_${payoutId}_a${attempt}`;
}

function tryLater(reason: string): RailTryLater {
  return new RailTryLater(`PayPal payment not settled yet (${reason}); the attempt will be looked at again`);
}

const requestOf = (attempt: RailAttempt) => attempt.params as unknown as CreatePayoutRequest;

function payPalEmailMissing(creatorName: string): DomainError {
  return new DomainError(
    "paypal_email_missing",
    `${creatorName} has no PayPal email in their payout details. Ask them to add it in the portal, or pay this payout another way.`,
    {},
  );
}

/** The attempt's own item in its batch, once PayPal has the batch (looked up by resending it). */
async function findAttemptItem(client: PayPalClient, attempt: RailAttempt): Promise<PayPalPayoutItem | null> {
  const created = await client.findOrCreateBatchPayout(requestOf(attempt), attempt.createdAt);
  const batchId = created.payoutBatchId;
  if (!batchId) return null;
  const { items } = await client.getBatchItems(batchId);
  return items.find((item) => item.payout_item.sender_item_id === attempt.payoutId) ?? null;
}

/**
 * What the attempt's item at PayPal means now: paid, failed with PayPal's reason, or "waiting"
 * (PENDING, ONHOLD, UNCLAIMED under 30 days). Shared by the call step's polls and the webhook.
 */
export async function answerForItem(client: PayPalClient, item: PayPalPayoutItem, attempt: RailAttempt): Promise<RailAnswer | "waiting"> {
  const outcome = payPalItemOutcome(itemStateOf(item, attempt.createdAt), now());
  switch (outcome.kind) {
    case "paid":
      return { made: true, reference: item.payout_item_id };
    case "failed":
    case "reversed":
      return { made: false, code: `paypal_item_${(item.transaction_status ?? "failed").toLowerCase()}`, message: outcome.reason };
    case "cancel_unclaimed": {
      // Failing while the creator could still claim it would let a retry pay twice: cancel first.
      try {
        const canceled = await client.cancelUnclaimedItem(item.payout_item_id);
        if (canceled.transaction_status === "RETURNED") return { made: false, code: "paypal_item_unclaimed", message: outcome.reason };
      } catch (error) {
        if (!(error instanceof PayPalRefusal || error instanceof PayPalOutcomeUnknown)) throw error;
      }
      return "waiting";
    }
    case "waiting":
      return "waiting";
  }
}

export const payPalRail: Rail = {
  name: "paypal",
  actor: PAYPAL_ACTOR,
  job: JOB.payRailAttempt,
  keyless: false,

  async preflight(shopId) {
    if (!(await readPayPalCredentials(shopId))) throw payPalNotConnected();
    return undefined;
  },

  async destination(tx, shopId, payout) {
    const creator = await tx.creator.findFirstOrThrow({
      where: { id: payout.creatorId, shopId },
      select: { id: true, shopId: true, name: true, payoutDetailsCiphertext: true },
    });
    const details = creator.payoutDetailsCiphertext
      ? openPayoutDetailsAt(creator.payoutDetailsCiphertext, creatorPayoutDetailsField(creator))
      : null;
    if (details?.method !== "paypal") throw payPalEmailMissing(creator.name);
    return details.paypalEmail;
  },

  async prepare({ payout, attempt, amountMinor, destination, batchKey }) {
    // planPayPalBatches refuses a currency PayPal cannot pay, a fraction it cannot carry, a bad email.
    const [batch] = planPayPalBatches([{ payoutId: payout.id, amountMinor, currency: payout.currency, receiverEmail: destination }], {
      runId: payout.id,
      attempt,
    });
    // A run's payout is one item of the run's batch (the batch's key names it); one paid from its
    // page is a batch of its own.
    const senderBatchId = batchKey ?? payPalSenderBatchId(payout.id, attempt);
    const request: CreatePayoutRequest = {
      ...batch!.request,
      sender_batch_header: { ...batch!.request.sender_batch_header, sender_batch_id: senderBatchId },
    };
    return {
      // Unique per attempt: in a batch, the batch's id and the item's (the payout's).
      idempotencyKey: batchKey ? `${batchKey}:${payout.id}` : senderBatchId,
      request: { ...request },
      audit: { destination, senderBatchId, amount: request.items[0]!.amount },
    };
  },

  batch: {
    maxItems: PAYPAL_MAX_ITEMS_PER_BATCH,
    batchKey: (runId, batchNumber) => senderBatchId(runId, batchNumber),
    batchNumberOf(runId, batchKey) {
      const prefix = `run_${runId}_b`;
      if (!batchKey.startsWith(prefix)) return null;
      const number = Number(batchKey.slice(prefix.length));
      return Number.isInteger(number) && number > 0 ? number : null;
    },
    sendBatch: sendPayPalBatch,
  },

  // Resending the stored batch is the look-up, safe while PayPal surely remembers its id; after
  // that nothing may be sent, and the merchant checks PayPal's activity (notFound says so).
  recoveryStep: (attempt, nowMs): RecoveryStep => (mayResendBatch(attempt.createdAt, new Date(nowMs)) ? "send" : "look_up_then_fail"),

  async send(attempt) {
    // An item of a run's batch is sent (and looked up) with its whole batch, never on its own:
    // a one-item batch under the run's sender_batch_id would take the id from the others.
    if (attempt.batchKey) throw new Error(`attempt ${attempt.id} is an item of batch ${attempt.batchKey}: pay it with payRailBatch`);
    let client: PayPalClient;
    try {
      ({ client } = await payPalClientForShop(attempt.shopId));
    } catch (error) {
      if (error instanceof DomainError) return { made: false, code: error.code, message: error.message };
      throw error;
    }
    let item: PayPalPayoutItem | null;
    try {
      item = await findAttemptItem(client, attempt);
    } catch (error) {
      if (error instanceof PayPalRefusal) return { made: false, code: `paypal_${error.errorName.toLowerCase()}`, message: error.message };
      if (error instanceof PayPalOutcomeUnknown) throw tryLater(error.message);
      throw error;
    }
    if (item === null) throw tryLater("PayPal has the batch but not its item yet");
    const answer = await answerForItem(client, item, attempt);
    if (answer === "waiting") throw tryLater(payPalItemSentence(item.transaction_status));
    return answer;
  },

  // Past PayPal's memory of the batch id nothing can be looked up or sent safely.
  async lookUp() {
    return null;
  },

  tryLater,
  notFound: {
    code: "paypal_batch_not_remembered",
    message:
      "PayPal no longer remembers this payment's batch id, so the app cannot tell whether it was paid. Check the payment in your PayPal account's activity before you retry or pay it another way.",
  },
  paidAudit: (payoutItemId) => ({ paypalPayoutItemId: payoutItemId }),
};

/** The batch's request exactly as first sent: the header and every attempt's item, by payout id. */
function batchRequestOf(attempts: RailAttempt[]): CreatePayoutRequest {
  const first = requestOf(attempts[0]!);
  return { sender_batch_header: first.sender_batch_header, items: attempts.map((attempt) => requestOf(attempt).items[0]!) };
}

/**
 * A run's batch at PayPal. Known id: GET the batch (never a resend). Unknown id (the create's
 * answer was lost, or it was never sent): while PayPal remembers the sender_batch_id, POST the
 * stored batch again — PayPal refuses a reused id (pays nothing) and names the original batch,
 * which is then read; a batch it never got is created by that POST. Past its memory: refused,
 * for the merchant to check PayPal's activity.
 */
async function sendPayPalBatch(batch: RailBatchToSend, nowMs: number): Promise<RailBatchAnswer> {
  let client: PayPalClient;
  try {
    ({ client } = await payPalClientForShop(batch.shopId));
  } catch (error) {
    if (error instanceof DomainError) return { kind: "refused", code: error.code, message: error.message };
    throw error;
  }
  const firstSentAt = new Date(Math.min(...batch.attempts.map((a) => a.createdAt.getTime())));
  try {
    let payoutBatchId = batch.railBatchId;
    if (!payoutBatchId) {
      if (!mayResendBatch(firstSentAt, new Date(nowMs))) return { kind: "refused", ...payPalRail.notFound };
      let created;
      try {
        created = await client.createBatchPayout(batchRequestOf(batch.attempts));
      } catch (error) {
        // A definite refusal of the create (insufficient funds, invalid request): PayPal did nothing.
        if (error instanceof PayPalRefusal)
          return { kind: "refused", code: `paypal_${error.errorName.toLowerCase()}`, message: error.message };
        throw error;
      }
      payoutBatchId = created.payoutBatchId;
      if (!payoutBatchId) throw tryLater("PayPal has this batch but did not say which one");
    }
    const { items } = await client.getBatchItems(payoutBatchId);
    const answers = new Map<string, RailItemAnswer>();
    for (const attempt of batch.attempts) {
      if (attempt.status !== "pending") continue;
      const item = items.find((i) => i.payout_item.sender_item_id === attempt.payoutId);
      answers.set(attempt.payoutId, item ? await answerForItem(client, item, attempt) : "waiting");
    }
    return { kind: "answered", railBatchId: payoutBatchId, answers };
  } catch (error) {
    // Reading a batch PayPal made cannot say "nothing was paid": any trouble reading it is a later look.
    if (error instanceof PayPalOutcomeUnknown || error instanceof PayPalRefusal) throw tryLater(error.message);
    throw error;
  }
}
