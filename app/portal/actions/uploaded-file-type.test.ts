import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "../../domain/upload-limit";
import { checkUpload, detectFileType, safeFileName } from "./uploaded-file-type";

const ascii = (text: string) => [...Buffer.from(text, "latin1")];
const SIGNATURES = {
  "application/pdf": ascii("%PDF-"),
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  "image/jpeg": [0xff, 0xd8, 0xff],
} as const;

describe("detectFileType", () => {
  it("recognises PDF, PNG and JPEG by their first bytes, whatever follows", () => {
    for (const [contentType, signature] of Object.entries(SIGNATURES)) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), (rest) => {
          expect(detectFileType(new Uint8Array([...signature, ...rest]))?.contentType).toBe(contentType);
        }),
      );
    }
  });

  it("recognises WEBP only with RIFF at 0 and WEBP at 8", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ maxLength: 32 }), (size, rest) => {
        const file = new Uint8Array([...ascii("RIFF"), ...size, ...ascii("WEBP"), ...rest]);
        expect(detectFileType(file)?.contentType).toBe("image/webp");
        expect(detectFileType(new Uint8Array([...ascii("RIFF"), ...size, ...ascii("WAVE"), ...rest]))).toBeNull();
      }),
    );
  });

  it("refuses text, whatever it claims to be, and truncated signatures", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz 0123456789.,:\n") }), (text) => {
        expect(detectFileType(new Uint8Array(ascii(text)))).toBeNull();
      }),
    );
    expect(detectFileType(new Uint8Array(ascii("%PDF")))).toBeNull();
    expect(detectFileType(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(detectFileType(new Uint8Array())).toBeNull();
  });
});

describe("checkUpload", () => {
  it("counts an empty or absent file as missing and refuses one byte over 5 MB", () => {
    expect(checkUpload(null)).toEqual({ ok: false, problem: "missing" });
    expect(checkUpload(new Uint8Array())).toEqual({ ok: false, problem: "missing" });
    const limit = new Uint8Array(MAX_UPLOAD_BYTES);
    limit.set(SIGNATURES["application/pdf"]);
    expect(checkUpload(limit)).toMatchObject({ ok: true, type: { contentType: "application/pdf" } });
    const over = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    over.set(SIGNATURES["application/pdf"]);
    expect(checkUpload(over)).toEqual({ ok: false, problem: "too_large" });
    expect(checkUpload(new Uint8Array(ascii("hello")))).toEqual({ ok: false, problem: "unsupported_type" });
  });
});

describe("safeFileName", () => {
  const pdf = { contentType: "application/pdf", extension: "pdf" } as const;
  const jpeg = { contentType: "image/jpeg", extension: "jpg" } as const;

  it("never keeps folders, quotes or control characters, and always ends in the detected type", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (given) => {
        const name = safeFileName(given, pdf);
        expect(name).toMatch(/\.pdf$/);
        // eslint-disable-next-line no-control-regex -- no control character may reach a header
        expect(name).not.toMatch(/[\\/"';<>\u0000-\u001f\u007f]/);
        expect(name.length).toBeLessThanOrEqual(104);
      }),
    );
  });

  it("keeps a readable name", () => {
    expect(safeFileName("C:\\Users\\ava\\March invoice.PDF", pdf)).toBe("March invoice.pdf");
    expect(safeFileName("photo.jpeg", jpeg)).toBe("photo.jpeg");
    expect(safeFileName("invoice.pdf", jpeg)).toBe("invoice.jpg");
    expect(safeFileName("", pdf)).toBe("invoice.pdf");
  });
});
