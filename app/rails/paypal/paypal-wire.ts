// The PayPal Payouts and webhook-verification wire formats, as the project's own zod schemas,
// written from PayPal's published OpenAPI documents (paypal/paypal-rest-api-specifications:
// openapi/payments_payouts_batch_v1.json v1.9 and openapi/notifications_webhooks_v1.json), which
// no npm package ships. Requests are strict (an unknown or misspelt field fails the fake
// PayPal's check); responses are read leniently (PayPal adds fields) but the fields the app uses
// are checked. Pure.
import { z } from "zod";

/** "You can send up to 15,000 payments per call" (create_payout_request.items maxItems). */
export const PAYPAL_MAX_ITEMS_PER_BATCH = 15_000;
export const PAYPAL_SENDER_BATCH_ID_MAX = 256;
export const PAYPAL_SENDER_ITEM_ID_MAX = 63;

const text = (max: number) => z.string().max(max);
// `currency.value`: an integer or a decimal fraction, as a string.
const moneySchema = z.object({ currency: z.string().regex(/^[A-Z]{3}$/), value: z.string().regex(/^\d+(\.\d+)?$/) });

export const transactionStatuses = [
  "SUCCESS",
  "FAILED",
  "PENDING",
  "UNCLAIMED",
  "RETURNED",
  "ONHOLD",
  "BLOCKED",
  "REFUNDED",
  "REVERSED",
] as const;
export const batchStatuses = ["DENIED", "PENDING", "PROCESSING", "SUCCESS", "CANCELED"] as const;
export type PayPalTransactionStatus = (typeof transactionStatuses)[number];
export type PayPalBatchStatus = (typeof batchStatuses)[number];

// --- requests -------------------------------------------------------------------------------

export const payoutItemRequestSchema = z
  .object({
    recipient_type: z.enum(["EMAIL", "PHONE", "PAYPAL_ID", "USER_HANDLE"]).optional(),
    amount: moneySchema,
    note: text(4000).optional(),
    receiver: text(127),
    sender_item_id: text(PAYPAL_SENDER_ITEM_ID_MAX).optional(),
    recipient_wallet: z.enum(["PAYPAL", "VENMO", "RECIPIENT_SELECTED"]).optional(),
    purpose: z
      .enum(["AWARDS", "PRIZES", "DONATIONS", "GOODS", "SERVICES", "REBATES", "CASHBACK", "DISCOUNTS", "NON_GOODS_OR_SERVICES"])
      .optional(),
  })
  .strict();

export const createPayoutRequestSchema = z
  .object({
    sender_batch_header: z
      .object({
        sender_batch_id: text(PAYPAL_SENDER_BATCH_ID_MAX).optional(),
        recipient_type: z.enum(["EMAIL", "PHONE", "PAYPAL_ID", "USER_HANDLE"]).optional(),
        email_subject: text(255).optional(),
        email_message: text(1000).optional(),
        note: text(1000).optional(),
      })
      .strict(),
    items: z.array(payoutItemRequestSchema).min(1).max(PAYPAL_MAX_ITEMS_PER_BATCH),
  })
  .strict()
  // "If the sender_batch_header omits the recipient_type attribute, each payout item must include its own."
  .refine((r) => r.sender_batch_header.recipient_type !== undefined || r.items.every((i) => i.recipient_type !== undefined), {
    message: "recipient_type is required on the header or on every item",
    path: ["items"],
  });

export type CreatePayoutRequest = z.infer<typeof createPayoutRequestSchema>;
export type PayoutItemRequest = z.infer<typeof payoutItemRequestSchema>;

export const verifyWebhookSignatureRequestSchema = z
  .object({
    auth_algo: z
      .string()
      .max(100)
      .regex(/^[a-zA-Z0-9]+$/),
    cert_url: z.string().max(500).url(),
    transmission_id: z.string().max(50),
    transmission_sig: z.string().max(500),
    transmission_time: z.string().max(100),
    webhook_id: z
      .string()
      .max(50)
      .regex(/^[a-zA-Z0-9]+$/),
    webhook_event: z.object({ id: z.string(), event_type: z.string() }).passthrough(),
  })
  .strict();

export type VerifyWebhookSignatureRequest = z.infer<typeof verifyWebhookSignatureRequestSchema>;

// --- responses ------------------------------------------------------------------------------

export const linkSchema = z.object({ href: z.string(), rel: z.string(), method: z.string().optional() }).passthrough();

export const errorBodySchema = z
  .object({
    name: z.string(),
    message: z.string().optional(),
    debug_id: z.string().optional(),
    details: z
      .array(z.object({ field: z.string().optional(), issue: z.string(), description: z.string().optional() }).passthrough())
      .optional(),
    links: z.array(linkSchema).optional(),
  })
  .passthrough();
export type PayPalErrorBody = z.infer<typeof errorBodySchema>;

export const accessTokenResponseSchema = z
  .object({
    access_token: z.string().min(1),
    token_type: z.string(),
    expires_in: z.number().int().positive(),
    app_id: z.string().optional(),
    scope: z.string().optional(),
  })
  .passthrough();

const senderBatchHeaderResponse = z.object({ sender_batch_id: z.string().optional() }).passthrough();

export const createPayoutResponseSchema = z
  .object({
    batch_header: z
      .object({ payout_batch_id: z.string().min(1), batch_status: z.enum(batchStatuses), sender_batch_header: senderBatchHeaderResponse })
      .passthrough(),
    links: z.array(linkSchema).optional(),
  })
  .passthrough();
export type CreatePayoutResponse = z.infer<typeof createPayoutResponseSchema>;

const itemErrorSchema = z.object({ name: z.string(), message: z.string().optional() }).passthrough();

export const payoutItemResponseSchema = z
  .object({
    payout_item_id: z.string().min(1),
    transaction_id: z.string().optional(),
    transaction_status: z.enum(transactionStatuses).optional(),
    payout_batch_id: z.string(),
    sender_batch_id: z.string().optional(),
    payout_item: z.object({ amount: moneySchema, receiver: z.string(), sender_item_id: z.string().optional() }).passthrough(),
    time_processed: z.string().optional(),
    errors: itemErrorSchema.optional(),
  })
  .passthrough();
export type PayPalPayoutItem = z.infer<typeof payoutItemResponseSchema>;

export const payoutBatchResponseSchema = z
  .object({
    total_items: z.number().int().optional(),
    total_pages: z.number().int().optional(),
    batch_header: z
      .object({
        payout_batch_id: z.string().min(1),
        batch_status: z.enum(batchStatuses),
        time_created: z.string().optional(),
        sender_batch_header: senderBatchHeaderResponse,
        amount: moneySchema.optional(),
      })
      .passthrough(),
    items: z.array(payoutItemResponseSchema).default([]),
    links: z.array(linkSchema).optional(),
  })
  .passthrough();
export type PayPalPayoutBatch = z.infer<typeof payoutBatchResponseSchema>;

export const verifyWebhookSignatureResponseSchema = z.object({ verification_status: z.enum(["SUCCESS", "FAILURE"]) }).passthrough();
