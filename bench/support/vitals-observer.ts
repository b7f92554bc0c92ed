// Runs in the page before any of its scripts (Playwright's addInitScript) and keeps LCP, CLS and
// INP in `window.__vitals`, with PerformanceObserver and the definitions web-vitals uses:
// - LCP: the last largest-contentful-paint entry before the first input.
// - CLS: the largest session window of layout shifts without recent input (gaps < 1 s, ≤ 5 s).
// - INP: the longest interaction (event entries grouped by interactionId; with under 50
//   interactions INP is the worst one). Event entries under 16 ms are not reported by the browser,
//   so the first-input entry (always reported) covers a fast first interaction.
// Written by hand rather than injecting the web-vitals library: web-vitals drops interactions
// under 40 ms by default and reports on page hide; a benchmark wants every interaction, at once.
export interface PageVitals {
  lcpMs: number | null;
  cls: number;
  inpMs: number | null;
  interactions: number;
}

declare global {
  interface Window {
    __vitals: PageVitals;
  }
}

export function installVitalsObserver(): void {
  const vitals: PageVitals = { lcpMs: null, cls: 0, inpMs: null, interactions: 0 };
  window.__vitals = vitals;
  let inputSeen = false;
  for (const type of ["keydown", "pointerdown", "click"]) addEventListener(type, () => (inputSeen = true), { capture: true, once: true });

  new PerformanceObserver((list) => {
    if (inputSeen) return;
    for (const entry of list.getEntries()) vitals.lcpMs = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });

  let session = { value: 0, first: 0, last: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      if (entry.hadRecentInput) continue;
      const continues = session.value > 0 && entry.startTime - session.last < 1000 && entry.startTime - session.first < 5000;
      session = continues
        ? { value: session.value + entry.value, first: session.first, last: entry.startTime }
        : { value: entry.value, first: entry.startTime, last: entry.startTime };
      vitals.cls = Math.max(vitals.cls, session.value);
    }
  }).observe({ type: "layout-shift", buffered: true });

  const longestByInteraction = new Map<number, number>();
  let firstInputMs: number | null = null;
  const updateInp = () => {
    const longest = Math.max(firstInputMs ?? 0, ...longestByInteraction.values());
    vitals.interactions = Math.max(longestByInteraction.size, firstInputMs === null ? 0 : 1);
    vitals.inpMs = vitals.interactions > 0 ? longest : null;
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[]) {
      if (!entry.interactionId) continue;
      longestByInteraction.set(entry.interactionId, Math.max(longestByInteraction.get(entry.interactionId) ?? 0, entry.duration));
    }
    updateInp();
  }).observe({ type: "event", buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) firstInputMs = entry.duration;
    updateInp();
  }).observe({ type: "first-input", buffered: true });
}
