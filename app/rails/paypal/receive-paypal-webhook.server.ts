// POST /webhooks/paypal: a PayPal Payouts event is a prompt, not the truth (events come late,
// twice, out of order). The body is read with a cap; the payout (item event: sender_item_id) or
// the batch (batch event) it names gives the shop, whose PayPal webhook id and credentials verify
// the delivery through PayPal's verify-webhook-signature endpoint. A forged delivery is answered
// 401 and writes nothing. A verified one is recorded as an inbound event, like Shopify's and
// Stripe's deliveries, once per PayPal event id (a repeat is recorded as a duplicate and changes
// nothing), and worked at once in this request (apply-paypal-event.server.ts); the inbound drain
// works it later if this request dies. A verified event the app cannot use is answered 200 and
// recorded `rejected` with the reason (PayPal would redeliver a 4xx).
import { db } from "../../db.server";
import { BODY_LIMITS, readBodyText } from "../../http/bounded-body.server";
import { processInboundEventById } from "../../jobs/tasks/process-inbound-event.server";
import { recordInboundEvent } from "../../webhooks/record-inbound-event.server";
import { PayPalOutcomeUnknown, PayPalRefusal } from "./paypal-client.server";
import { payPalClientFor, readPayPalCredentials } from "./paypal-credentials.server";
import { parsePayPalPayoutsEvent, type PayPalPayoutsEvent } from "./parse-paypal-webhook-event";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The shop an event is about: through the payout its item pays, or the batch it reports. */
async function shopIdOf(event: PayPalPayoutsEvent): Promise<string | null> {
  if (event.kind === "item" && event.senderItemId) {
    const attempt = await db().payoutAttempt.findFirst({
      where: { rail: "paypal", payoutId: event.senderItemId },
      select: { shopId: true },
    });
    return attempt?.shopId ?? null;
  }
  if (event.kind === "batch") {
    const attempt = await db().payoutAttempt.findFirst({
      where: {
        rail: "paypal",
        OR: [{ railBatchId: event.payoutBatchId }, ...(event.senderBatchId ? [{ batchKey: event.senderBatchId }] : [])],
      },
      select: { shopId: true },
    });
    return attempt?.shopId ?? null;
  }
  return null;
}

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

  // Without a shop of this app the delivery cannot be verified, so nothing is recorded.
  const shopId = await shopIdOf(event);
  const credentials = shopId ? await readPayPalCredentials(shopId) : null;
  if (!shopId || !credentials?.webhookId) return text("Acknowledged: no PayPal payout of this app matches this event.", 200);

  try {
    const client = payPalClientFor(credentials);
    const verified = await client.verifyWebhookSignature({ headers: request.headers, rawBody, webhookId: credentials.webhookId });
    if (!verified) return text("The delivery's PayPal signature could not be verified.", 401);
  } catch (error) {
    // PayPal redelivers on a non-2xx answer: a later delivery (or the poll) settles it.
    if (error instanceof PayPalOutcomeUnknown || error instanceof PayPalRefusal)
      return text("PayPal could not verify the delivery now; deliver again later.", 503);
    throw error;
  }

  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { domain: true } });
  const recorded = await recordInboundEvent(
    { source: "paypal", deliveryId: event.eventId, topic: event.eventType, shopDomain: shop.domain, rawBody },
    { processInline: true },
  );
  if (recorded.kind === "duplicate") return text("Acknowledged: this event was received before.", 200);
  if (recorded.kind === "rejected") return text("Acknowledged.", 200);
  await processInboundEventById(recorded.inboundEventId);
  return text("Acknowledged.", 200);
}
