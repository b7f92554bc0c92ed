// What the app's Web Pixel posts to /pixel/events (extensions/referral-pixel/src/referral-pixel.ts
// builds it). Anything else is refused with 400 and nothing is stored.
import { z } from "zod";

const REFERRAL_CODE = /^[A-Z0-9_-]{2,40}$/;

const common = {
  // Shopify's event id: the key the app stores each event under exactly once.
  eventId: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, "eventId must be 1–128 letters, digits or _.:-"),
  referralCode: z
    .string()
    .transform((code) => code.trim().toUpperCase())
    .pipe(z.string().regex(REFERRAL_CODE, "referralCode must be 2–40 letters, digits, _ or -")),
  visitorId: z.string().regex(/^[0-9a-f-]{16,64}$/, "visitorId must be 16–64 lowercase hex digits or -"),
  occurredAt: z.string().datetime({ offset: true, message: "occurredAt must be an ISO 8601 time" }),
};

export const pixelEventPayloadSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("landing"), ...common }).strict(),
  z
    .object({
      kind: z.literal("checkout"),
      ...common,
      orderId: z.string().regex(/^\d{1,20}$/, "orderId must be the numeric Shopify order id"),
    })
    .strict(),
]);

export type PixelEventPayload = z.infer<typeof pixelEventPayloadSchema>;

export type ParsedPixelEvent = { ok: true; value: PixelEventPayload } | { ok: false; reason: string };

/** The body text as a pixel event, or the first reason it is not one. */
export function parsePixelEvent(text: string): ParsedPixelEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "The body is not JSON." };
  }
  const parsed = pixelEventPayloadSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue.path.join(".") || "body"}: ${issue.message}` };
}
