// Waits until a page has no request awaiting its response for a moment. Playwright's
// "networkidle" never comes here: Chromium keeps a fetch whose body nobody reads (the referral
// script ignores the bodies of its POSTs) in flight.
import type { Page, Request } from "playwright-core";

export function watchNetwork(page: Page): () => Promise<void> {
  const waiting = new Set<Request>();
  let lastChange = Date.now();
  const settle = (request: Request) => {
    waiting.delete(request);
    lastChange = Date.now();
  };
  page.on("request", (request) => {
    waiting.add(request);
    lastChange = Date.now();
  });
  page.on("response", (response) => settle(response.request()));
  page.on("requestfailed", settle);

  return async function quiet(quietMs = 250, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (waiting.size > 0 || Date.now() - lastChange < quietMs) {
      if (Date.now() > deadline) throw new Error(`Requests still waiting: ${[...waiting].map((r) => r.url()).join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}
