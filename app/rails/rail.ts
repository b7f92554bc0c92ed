// One interface for every payout rail (issue 15, decision 0012). A rail pays one payout in three
// steps with a clean crash point between each, run by the shared code in app/rails/:
//   1. claim  (claim-rail-payout.server.ts): ONE transaction moves the payout to `processing`,
//      counts the attempt and stores the attempt row with the rail's exact request (`prepare`),
//      and queues the job that calls the rail;
//   2. call   (pay-rail-attempt.server.ts): outside any transaction, `send` the stored request;
//   3. settle (settle-rail-attempt.server.ts): under the payout's lock, the ledger movement
//      in_payout → paid_<rail> with its audit event, or the attempt and payout `failed`.
// The lost-answer rule is the same on every rail: an attempt whose outcome is unknown is looked up
// at the rail (`lookUp`) before anything is sent again, and what `recoveryStep` allows decides
// whether the stored request may then be sent. A retry is a new attempt (a new row, a new key).
// A rail is a module app/rails/<rail>/ exporting one `Rail`; rails.server.ts lists them.
import type { Payout, PayoutAttempt } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";

/** Every payout channel the app calls itself (PayoutChannel minus `offline`). */
export type RailName = "stripe" | "store_credit" | "paypal" | "gift_card";

/** What a rail's `prepare` gets inside the claim transaction: the payout is locked and processing. */
export interface RailClaim {
  tx: DbTransaction;
  shopId: string;
  /** The payout as read before the claim (its status is the one it left). */
  payout: Payout;
  attempt: number;
  /** The payout's amount (its active items), positive. */
  amountMinor: number;
  claimedAt: Date;
  /** Set when the payout is claimed as an item of a batch (a run on a rail with `batch`): the batch's key. */
  batchKey?: string;
}

/** The exact request of one attempt, stored on its row before any call. */
export interface PreparedRequest {
  /** Unique over all attempts: Stripe's idempotency key; on a keyless rail, the attempt's own name. */
  idempotencyKey: string;
  /** Sent as stored, byte for byte, by every (re)send of this attempt. */
  request: Record<string, unknown>;
  /** Facts for the claim's audit event (the destination …). */
  audit: Record<string, unknown>;
}

/** An attempt as the call and settle steps see it. */
export type RailAttempt = PayoutAttempt & { payout: Pick<Payout, "status" | "currency"> };

/** The rail's definite answer to a send. An unknown outcome is thrown as RailTryLater instead. */
export type RailAnswer = { made: true; reference: string } | { made: false; code: string; message: string };

/**
 * What may be done with an attempt whose outcome is not recorded yet:
 * send the stored request; or look it up first and, when the rail has nothing, send it, look
 * again later, or fail the attempt (a person then retries, with a new attempt).
 */
export type RecoveryStep = "send" | "look_up_then_send" | "look_up_then_wait" | "look_up_then_fail";

/** One item's answer in a batch: settled, refused, or not final yet (pending, unclaimed). */
export type RailItemAnswer = RailAnswer | "waiting";

/** What the rail says of a whole batch: its own id and each item's answer, or a refusal of the batch. */
export type RailBatchAnswer =
  { kind: "answered"; railBatchId: string; answers: Map<string, RailItemAnswer> } | { kind: "refused"; code: string; message: string };

/** A batch's attempts as stored (ordered by payout id: the order of the batch's items). */
export interface RailBatchToSend {
  shopId: string;
  batchKey: string;
  /** The rail's id of the batch once it answered (then it is looked up by it, never sent again). */
  railBatchId: string | null;
  /** Every attempt of the batch, settled ones too: a resend must be the first request byte for byte. */
  attempts: RailAttempt[];
}

/**
 * Optional: a rail that pays many payouts in one call (PayPal Payouts: one batch per run). Each
 * payout still gets its own attempt row (its item of the request, `prepare` with `batchKey`) in the
 * one claim transaction; the batch is sent by the shared code (pay-rail-batch.server.ts), outside it.
 */
export interface RailBatching {
  /** The most items the rail takes in one call. */
  maxItems: number;
  /** The key of a run's batch number `batchNumber` (PayPal: sender_batch_id = run id + batch number). */
  batchKey(runId: string, batchNumber: number): string;
  /** The batch number a key of this run carries (to number the run's next batch), or null. */
  batchNumberOf(runId: string, batchKey: string): number | null;
  /**
   * Sends the batch, or looks it up first: by `railBatchId` when known, else by what the rail's
   * own idempotency allows. Throws the rail's tryLater when the outcome is unknown.
   */
  sendBatch(batch: RailBatchToSend, nowMs: number): Promise<RailBatchAnswer>;
}

export interface Rail {
  /** Present when the rail pays a run's payouts in batches rather than one call each. */
  batch?: RailBatching;
  name: RailName;
  /** Who settles in the audit trail (Stripe, Shopify). */
  actor: Actor;
  /**
   * Checks that need the rail but no lock, before the claim transaction (the shop's Stripe balance
   * holds the currency). Throws a DomainError naming the fix; nothing is written.
   */
  preflight?(shopId: string, payout: Payout): Promise<unknown>;
  /**
   * Inside the claim transaction, before the payout changes: where the money goes (the creator's
   * connected account, customer), or a DomainError naming the fix (no destination).
   */
  destination(tx: DbTransaction, shopId: string, payout: Payout, preflight: unknown): Promise<string>;
  /**
   * Inside the claim transaction, once the payout is processing and its amount known: refuses
   * (DomainError) an amount the rail cannot pay — a currency it cannot pay, above a cap — or
   * returns the exact request.
   */
  prepare(claim: RailClaim & { destination: string; preflight: unknown }): Promise<PreparedRequest>;
  /** The job that calls the rail (Stripe keeps its historical name). */
  job: "pay_stripe_payout" | "pay_rail_attempt";
  /**
   * True when the rail has no idempotency key: the call step first marks the attempt sent
   * (compare-and-set, committed), and a sent attempt is never sent again, only looked up.
   */
  keyless: boolean;
  /** What may be done now with this pending attempt (its age, whether it was sent). */
  recoveryStep(attempt: RailAttempt, nowMs: number): RecoveryStep;
  /** Sends the stored request. Throws RailTryLater when the outcome is unknown (lost answer, 5xx). */
  send(attempt: RailAttempt): Promise<RailAnswer>;
  /** What the rail made for this attempt, or null when it definitely has nothing. Throws RailTryLater when it cannot tell. */
  lookUp(attempt: RailAttempt): Promise<{ reference: string } | null>;
  /** The rail's "not known yet" error (Stripe words it its own way). */
  tryLater(reason: string): Error;
  /** Why an attempt failed when the rail has nothing for it past the last safe send. */
  notFound: { code: string; message: string };
  /** The payout columns the settle step sets besides status and dates (Stripe: the transfer id). */
  paidColumns?(reference: string): Partial<Pick<Payout, "stripeTransferId">>;
  /** What the paid audit event says of the payment (Stripe: `{ transferId }`). */
  paidAudit(reference: string): Record<string, unknown>;
  /**
   * Inside the settle's transaction, once the payout is paid and its movement posted: further
   * ledger movements of this payment (store credit: the shop's bonus), each with its audit event.
   */
  settleExtras?(tx: DbTransaction, paid: { attempt: RailAttempt; payout: Payout; amountMinor: number; actor: Actor }): Promise<void>;
  /** The attempt columns the settle step sets besides status (Stripe: the transfer id). */
  attemptColumns?(reference: string): Partial<Pick<PayoutAttempt, "stripeTransferId">>;
}
