// The one way a route reads a client's request body: capped while it streams in. A declared
// Content-Length above the route's limit is refused before a byte is read; a chunked body is
// counted as it arrives and refused the moment it passes the limit, so an oversize body never
// sits in memory (buffering first and checking after let a 200 MB body take the process to 1 GB).
import { MAX_UPLOAD_BYTES } from "../domain/upload-limit";

const KiB = 1024;
const MiB = 1024 * KiB;

export interface BodyLimit {
  bytes: number;
  /** For the 413 sentence, e.g. "2 MiB". */
  size: string;
  /** What the endpoint takes, e.g. "a Shopify webhook". */
  what: string;
}

const limit = (bytes: number, size: string, what: string): BodyLimit => ({ bytes, size, what });

/** Each sized to its real payloads with headroom; a larger body is not one of them. */
export const BODY_LIMITS = {
  // Shopify's largest deliveries (orders with hundreds of lines) stay well under 1 MiB.
  shopifyWebhook: limit(2 * MiB, "2 MiB", "a Shopify webhook"),
  // Stripe events are a few KiB (one object snapshot).
  stripeWebhook: limit(1 * MiB, "1 MiB", "a Stripe webhook"),
  // A PayPal Payouts event carries one item or one batch header: a few KiB.
  paypalWebhook: limit(256 * KiB, "256 KiB", "a PayPal webhook"),
  // {code, visitorId} from the referral-tracking embed.
  referralClick: limit(1 * KiB, "1 KiB", "a referral click"),
  // One Web Pixel event (extensions/referral-pixel): a few short fields, about 250 bytes.
  pixelEvent: limit(4 * KiB, "4 KiB", "a pixel event"),
  // Portal forms without a file: a few short fields and the portal token.
  portalForm: limit(64 * KiB, "64 KiB", "a portal form"),
  // The portal form that may carry an invoice: the file (5 MiB at most) plus multipart overhead.
  portalUpload: limit(MAX_UPLOAD_BYTES + 64 * KiB, "5 MiB", "a portal form with an invoice"),
  // A creators CSV: 20,000 rows of a few short columns are about 3 MiB (the server takes 8 MiB at most).
  creatorImport: limit(6 * MiB, "6 MiB", "a creators file"),
  // Admin forms: the largest is a bulk selection (5,000 payout ids for a bank file).
  adminForm: limit(1 * MiB, "1 MiB", "an admin form"),
} as const;

/**
 * 413 with a sentence. `Connection: close` makes the server drop the connection once this answer
 * is sent, so the rest of an oversize body is never read.
 */
export function bodyTooLarge(limit: BodyLimit): Response {
  return new Response(`Request body too large: ${limit.what} is at most ${limit.size}.`, {
    status: 413,
    headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close", "Cache-Control": "no-store" },
  });
}

/** Throws the 413 when the declared Content-Length is above the limit; reads nothing. */
export function refuseDeclaredOversize(request: Request, limit: BodyLimit): void {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit.bytes) throw bodyTooLarge(limit);
}

/** The body's bytes, at most `limit.bytes` of them; throws the 413 Response beyond that. */
export async function readBodyBytes(request: Request, limit: BodyLimit): Promise<Uint8Array<ArrayBuffer>> {
  refuseDeclaredOversize(request, limit);
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // Stop reading, but do not cancel the stream: cancelling destroys the connection, and
      // the client would never see the 413.
      if (total > limit.bytes) throw bodyTooLarge(limit);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The body as text, byte for byte: a leading byte-order mark is kept (signatures cover it).
 * Throws 400 when the bytes are not UTF-8, since no text would reproduce them.
 */
export async function readBodyText(request: Request, limit: BodyLimit): Promise<string> {
  const bytes = await readBodyBytes(request, limit);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Response("The request body is not UTF-8 text.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/**
 * A form (urlencoded or multipart) read within the limit; throws 413 beyond it and 400 when the
 * body is not a form of the declared type. Use instead of `request.formData()`, which buffers
 * whatever arrives.
 */
export async function readFormData(request: Request, limit: BodyLimit): Promise<FormData> {
  const bytes = await readBodyBytes(request, limit);
  const contentType = request.headers.get("content-type") ?? "";
  try {
    return await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw new Response("The request body is not a form (application/x-www-form-urlencoded or multipart/form-data).", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
