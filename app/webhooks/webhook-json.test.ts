import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonBodyProblem, jsonValueProblem, MAX_JSON_DEPTH, withoutByteOrderMark } from "./webhook-json";

const nestedArrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** The depth of a parsed value, the slow obvious way (fine for generated values). */
const depthOf = (value: unknown): number =>
  value !== null && typeof value === "object" ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;

describe("webhook JSON bodies", () => {
  it("takes an object, and says why anything else cannot be used", () => {
    expect(jsonBodyProblem('{"id":1}')).toBeNull();
    expect(jsonBodyProblem(" \n{}")).toBeNull();
    expect(jsonBodyProblem("null")).toBe("body is JSON null, not an object");
    expect(jsonBodyProblem("[1]")).toBe("body is JSON an array, not an object");
    expect(jsonBodyProblem('"text"')).toBe("body is JSON a string, not an object");
    expect(jsonBodyProblem("<order id=1>")).toBe("body is not JSON");
    expect(jsonBodyProblem("")).toBe("body is not JSON");
  });

  it("refuses nesting deeper than the limit without recursing, at 100,000 levels too", () => {
    expect(jsonBodyProblem(nestedObject(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonBodyProblem(nestedObject(MAX_JSON_DEPTH + 1))).toBe(`body nests deeper than ${MAX_JSON_DEPTH} levels`);
    expect(jsonBodyProblem(nestedArrays(100_000))).toBe(`body nests deeper than ${MAX_JSON_DEPTH} levels`);
    expect(jsonBodyProblem(nestedObject(100_000))).toBe(`body nests deeper than ${MAX_JSON_DEPTH} levels`);
    expect(jsonValueProblem(JSON.parse(nestedObject(100_000)))).toBe(`body nests deeper than ${MAX_JSON_DEPTH} levels`);
    expect(jsonValueProblem(JSON.parse(nestedObject(MAX_JSON_DEPTH)))).toBeNull();
  });

  it("does not count brackets inside strings (escaped quotes included)", () => {
    expect(jsonBodyProblem(JSON.stringify({ note: "[".repeat(1000), quoted: '\\"[[[' }))).toBeNull();
  });

  it("agrees with a parse of the text, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 80 }), (value) => {
        const text = JSON.stringify(value);
        const usable = value !== null && typeof value === "object" && !Array.isArray(value) && depthOf(value) <= MAX_JSON_DEPTH;
        expect(jsonBodyProblem(text) === null).toBe(usable);
        expect(jsonValueProblem(value) === null).toBe(usable);
      }),
      { numRuns: 300 },
    );
  });

  it("drops one leading byte-order mark and nothing else", () => {
    expect(withoutByteOrderMark("\uFEFF{}")).toBe("{}");
    expect(withoutByteOrderMark("{}\uFEFF")).toBe("{}\uFEFF");
  });
});
