import { describe, expect, it } from "vitest";
import { parsePayerStateIds } from "./payer-state-ids";

describe("parsePayerStateIds", () => {
  it.each([
    ["", { ok: true, ids: [] }],
    [
      "ca: 123-4567-8\n\nNY 12345678",
      {
        ok: true,
        ids: [
          { state: "CA", idNumber: "123-4567-8" },
          { state: "NY", idNumber: "12345678" },
        ],
      },
    ],
    ["WI=036-1234567890-02", { ok: true, ids: [{ state: "WI", idNumber: "036-1234567890-02" }] }],
    ["XX: 1", { ok: false, fieldErrors: { payerStateIds: "XX is not a US state code (two letters, like CA)." } }],
    ["CA: 1\nca: 2", { ok: false, fieldErrors: { payerStateIds: "CA is listed twice: keep one id per state." } }],
    ["CA: 123456789012345678901", { ok: false, fieldErrors: { payerStateIds: "The id for CA is longer than 20 characters." } }],
    [
      "California 123",
      { ok: false, fieldErrors: { payerStateIds: 'Write one state per line with its id, like "CA: 123-4567-8" (not "California 123").' } },
    ],
    ["CA:", { ok: false, fieldErrors: { payerStateIds: 'Write one state per line with its id, like "CA: 123-4567-8" (not "CA:").' } }],
  ])("%j", (text, expected) => {
    expect(parsePayerStateIds(text)).toEqual(expected);
  });
});
