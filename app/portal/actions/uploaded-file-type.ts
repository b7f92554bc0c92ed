// What an uploaded invoice really is, read from its first bytes (magic numbers), never from its
// name or the type the browser declared: a text file renamed "invoice.pdf" is still text.

import { MAX_UPLOAD_BYTES } from "../../domain/upload-limit";

export interface DetectedFileType {
  contentType: "application/pdf" | "image/png" | "image/jpeg" | "image/webp";
  extension: "pdf" | "png" | "jpg" | "webp";
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The file's type when it is a PDF, PNG, JPEG or WEBP; null for anything else. */
export function detectFileType(bytes: Uint8Array): DetectedFileType | null {
  if (startsWith(bytes, ascii("%PDF-"))) return { contentType: "application/pdf", extension: "pdf" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: "image/png", extension: "png" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { contentType: "image/jpeg", extension: "jpg" };
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return { contentType: "image/webp", extension: "webp" };
  return null;
}

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control or
 * quote characters, at most 120 characters, ending in the extension of what the file really is.
 */
export function safeFileName(given: string, type: DetectedFileType): string {
  const base = (given.split(/[\\/]/).pop() ?? "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"';<>]/g, "")
    .trim();
  const withoutExtension =
    base
      .replace(/\.[A-Za-z0-9]{1,5}$/, "")
      .slice(0, 100)
      .trim() || "invoice";
  const extension =
    type.extension === "jpg" && /\.jpe?g$/i.test(base) ? base.slice(base.lastIndexOf(".") + 1).toLowerCase() : type.extension;
  return `${withoutExtension}.${extension}`;
}

export type UploadProblem = "missing" | "too_large" | "unsupported_type";

/** Why an upload is refused, or its detected type. An empty file counts as no file. */
export function checkUpload(
  bytes: Uint8Array | null | undefined,
): { ok: true; type: DetectedFileType } | { ok: false; problem: UploadProblem } {
  if (!bytes || bytes.length === 0) return { ok: false, problem: "missing" };
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, problem: "too_large" };
  const type = detectFileType(bytes);
  return type ? { ok: true, type } : { ok: false, problem: "unsupported_type" };
}
