// POST /webhooks/paypal: a PayPal Payouts item event is a prompt, not the truth (events come late,
// twice, out of order). The body is read with a cap; the payout it names (sender_item_id) gives
// the shop, whose PayPal webhook id and credentials verify the delivery through PayPal's
// verify-webhook-signature endpoint; only then the item is read again from PayPal and its state
// settles the payout's pending attempt through the shared settle (a no-op when already settled).
// Batch and other events are acknowledged and ignored: the item events and the polls carry them.
import { db } from "../../db.server";
import { BODY_LIMITS, readBodyText } from "../../http/bounded-body.server";
import { failRailAttempt, settleRailAttempt } from "../settle-rail-attempt.server";
import { PayPalOutcomeUnknown, PayPalRefusal } from "./paypal-client.server";
import { payPalClientFor, readPayPalCredentials } from "./paypal-credentials.server";
import { answerForItem, payPalRail } from "./paypal-rail.server";
import { parsePayPalPayoutsEvent } from "./parse-paypal-webhook-event";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function receivePayPalWebhook(request: Request): Promise<Response> {
  let rawBody: string;
  try {
    rawBody = await readBodyText(request, BODY_LIMITS.paypalWebhook);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  const event = parsePayPalPayoutsEvent(rawBody);
  if (!event) return text("Not a PayPal webhook event.", 400);
  if (event.kind !== "item" || !event.senderItemId) return text("Acknowledged: nothing to do for this event.", 200);

  // The newest PayPal attempt of the payout the item pays; nothing to verify against otherwise.
  const attempt = await db().payoutAttempt.findFirst({
    where: { rail: "paypal", payoutId: event.senderItemId },
    orderBy: { attempt: "desc" },
    include: { payout: { select: { status: true, currency: true } } },
  });
  const credentials = attempt ? await readPayPalCredentials(attempt.shopId) : null;
  if (!attempt || !credentials?.webhookId) return text("Acknowledged: no PayPal payout of this app matches this event.", 200);

  const client = payPalClientFor(credentials);
  try {
    const verified = await client.verifyWebhookSignature({ headers: request.headers, rawBody, webhookId: credentials.webhookId });
    if (!verified) return text("The delivery's PayPal signature could not be verified.", 401);
    if (attempt.status !== "pending" || attempt.payout.status !== "processing") return text("Acknowledged: already settled.", 200);
    const item = await client.getPayoutItem(event.payoutItemId);
    // The item must be this attempt's own (its batch, its payout): a late event of an earlier attempt settles nothing.
    if (item.payout_item.sender_item_id !== attempt.payoutId || (item.sender_batch_id && item.sender_batch_id !== attempt.idempotencyKey)) {
      return text("Acknowledged: the event is about an earlier attempt.", 200);
    }
    const answer = await answerForItem(client, item, attempt);
    if (answer === "waiting") return text("Acknowledged: PayPal has not finished this payment yet.", 200);
    if (answer.made) await settleRailAttempt(payPalRail, attempt.id, answer.reference);
    else await failRailAttempt(payPalRail, attempt.id, answer);
    return text("Acknowledged.", 200);
  } catch (error) {
    // PayPal redelivers on a non-2xx answer: a later delivery (or the sweeper's poll) settles it.
    if (error instanceof PayPalOutcomeUnknown || error instanceof PayPalRefusal)
      return text("PayPal could not be asked now; deliver again later.", 503);
    throw error;
  }
}
