import { createHistogram, type IntervalHistogram } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { describeEventLoopDelay } from "./event-loop-delay.server";

describe("describeEventLoopDelay", () => {
  it("prints the delays in milliseconds in the line the webhook benchmark reads (p99 … ms, max … ms)", () => {
    const histogram = createHistogram();
    for (let ms = 1; ms <= 100; ms++) histogram.record(ms * 1_000_000);
    const line = describeEventLoopDelay(histogram as unknown as IntervalHistogram);
    expect(line).toMatch(/^\[event-loop\] delay over 100 samples: /);
    expect(Number(line.match(/p99 ([0-9.]+) ms/)?.[1])).toBeCloseTo(99, 0);
    expect(Number(line.match(/max ([0-9.]+) ms/)?.[1])).toBeCloseTo(100, 0);
  });

  it("says so when nothing was sampled", () => {
    expect(describeEventLoopDelay(createHistogram() as unknown as IntervalHistogram)).toBe("[event-loop] delay: no samples");
  });
});
