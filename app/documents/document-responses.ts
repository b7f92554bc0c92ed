// Responses of the document routes: files as attachments that no cache keeps (they hold payment
// details), and refusals as one plain sentence the merchant can act on.
import { isDomainError } from "../domain/errors";
import { statusOfDomainError } from "../http/domain-error-status";

/** `attachment; filename="…"` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function fileResponse(
  body: BodyInit,
  options: { contentType: string; filename: string; headers?: Record<string, string> },
): Response {
  return new Response(body, {
    headers: {
      "Content-Type": options.contentType,
      "Content-Disposition": attachmentDisposition(options.filename),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      ...options.headers,
    },
  });
}

/** A refusal as text: 400 for bad input, 404 for what is not there, 422 when nothing can be exported. */
export function refusal(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A domain error from a document function as a refusal; anything else is a bug and is rethrown. */
export function refusalFrom(error: unknown): Response {
  if (!isDomainError(error)) throw error;
  return refusal(statusOfDomainError(error.code), error.message);
}
