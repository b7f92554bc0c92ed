import { describe, expect, it } from "vitest";
import { normaliseEmail } from "./normalise-email";

describe("normaliseEmail", () => {
  it.each([
    ["Jane.Doe+shop@Gmail.com", "janedoe@gmail.com"],
    ["j.a.n.e.doe@googlemail.com", "janedoe@gmail.com"],
    ["jane.doe+x@outlook.com", "jane.doe@outlook.com"],
    ["jane+promo@hotmail.com", "jane@hotmail.com"],
    ["jane+a@icloud.com", "jane@icloud.com"],
    ["jane+a@fastmail.com", "jane@fastmail.com"],
    ["Jane.Doe+x@example.com", "jane.doe+x@example.com"],
    ["  JANE@EXAMPLE.COM ", "jane@example.com"],
    ["not-an-address", null],
    ["@gmail.com", null],
    ["+tag@gmail.com", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });
});
