// Event-loop delay of this process (perf_hooks.monitorEventLoopDelay): how long a callback that
// is due waits for the loop, e.g. a webhook delivery while the inbound drain computes a batch.
// Printed on SIGUSR2 (the webhook benchmark asks for it around its load window), then reset.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

const ms = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(2);

export function describeEventLoopDelay(histogram: IntervalHistogram): string {
  if (histogram.count === 0) return "[event-loop] delay: no samples";
  return (
    `[event-loop] delay over ${histogram.count} samples: mean ${ms(histogram.mean)} ms, ` +
    `p50 ${ms(histogram.percentile(50))} ms, p99 ${ms(histogram.percentile(99))} ms, max ${ms(histogram.max)} ms`
  );
}

/** Starts sampling (10 ms resolution); each SIGUSR2 prints the delay since the last one and resets. */
export function reportEventLoopDelayOnSignal(print: (line: string) => void = console.log): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  process.on("SIGUSR2", () => {
    print(describeEventLoopDelay(histogram));
    histogram.reset();
  });
}
