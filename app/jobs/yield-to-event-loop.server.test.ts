import { describe, expect, it } from "vitest";
import { forEachYielding } from "./yield-to-event-loop.server";

describe("forEachYielding", () => {
  it("lets a waiting callback run between chunks, not only after the whole loop", async () => {
    const seen: string[] = [];
    // Stands for a delivery that arrived while the drain parses a batch.
    setImmediate(() => seen.push("waiting callback"));
    await forEachYielding(
      Array.from({ length: 50 }, (_, i) => i),
      20,
      (item) => seen.push(`item ${item}`),
    );
    expect(seen.indexOf("waiting callback")).toBe(20);
    expect(seen.filter((s) => s.startsWith("item"))).toEqual(Array.from({ length: 50 }, (_, i) => `item ${i}`));
  });

  it("visits every item once, in order, with its index", async () => {
    const visited: [string, number][] = [];
    await forEachYielding(["a", "b", "c"], 2, (item, index) => visited.push([item, index]));
    expect(visited).toEqual([
      ["a", 0],
      ["b", 1],
      ["c", 2],
    ]);
  });
});
