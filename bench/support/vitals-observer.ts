// Runs in the page before any of its scripts (Playwright's addInitScript) and keeps LCP, CLS and
// INP in `window.__vitals`, with PerformanceObserver and the definitions web-vitals uses:
// - LCP: the last largest-contentful-paint entry before the first input.
// - CLS: the largest session window of layout shifts without recent input (gaps < 1 s, ≤ 5 s).
// - INP: the longest interaction (event entries grouped by interactionId; with under 50
//   interactions INP is the worst one). Event entries under 16 ms are not reported by the browser,
//   so the first-input entry (always reported) covers a fast first interaction.
// Written by hand rather than injecting the web-vitals library: web-vitals drops interactions
// under 40 ms by default and reports on page hide; a benchmark wants every interaction, at once.
// With each figure it keeps its attribution (what web-vitals' attribution build reports), so the
// bench can say where the time goes: the LCP element and its phases, the worst interaction's
// input delay / processing / presentation, and the long animation frames (scripts by source).
export interface LcpAttribution {
  /** `h1.Polaris-Header-Title "Ava Chen"`: tag, first class, start of its text. */
  element: string;
  /** An image's URL; "" for text. */
  url: string;
  /** When the element's resource finished loading (0 for text). */
  loadMs: number;
}

export interface InteractionAttribution {
  /** The event types of the interaction (pointerdown, pointerup, click, keydown…). */
  events: string;
  target: string;
  startMs: number;
  /** Input to the first event handler. */
  inputDelayMs: number;
  /** The event handlers (every event of the interaction). */
  processingMs: number;
  /** The handlers' end to the next paint: rendering work and whatever ran in between. */
  presentationMs: number;
}

export interface FrameScript {
  /** e.g. "BUTTON#id.onclick", "TimerHandler:setTimeout", "Response.json.then". */
  invoker: string;
  source: string;
  durationMs: number;
  forcedStyleAndLayoutMs: number;
}

/** A long animation frame (≥ 50 ms of work before the frame painted). */
export interface LongFrame {
  startMs: number;
  durationMs: number;
  blockingMs: number;
  /** Script and task work before rendering (startMs → renderStart). */
  workMs: number;
  /** Style, layout and paint of the frame (renderStart → end). */
  renderMs: number;
  scripts: FrameScript[];
}

export interface PageVitals {
  lcpMs: number | null;
  cls: number;
  inpMs: number | null;
  interactions: number;
  lcp: LcpAttribution | null;
  inp: InteractionAttribution | null;
  longFrames: LongFrame[];
}

declare global {
  interface Window {
    __vitals: PageVitals;
  }
}

export function installVitalsObserver(): void {
  const vitals: PageVitals = { lcpMs: null, cls: 0, inpMs: null, interactions: 0, lcp: null, inp: null, longFrames: [] };
  window.__vitals = vitals;
  let inputSeen = false;
  for (const type of ["keydown", "pointerdown", "click"]) addEventListener(type, () => (inputSeen = true), { capture: true, once: true });

  const describe = (node: Node | null | undefined): string => {
    if (!node || !(node instanceof Element)) return node ? node.nodeName.toLowerCase() : "(removed)";
    const cls = typeof node.className === "string" && node.className ? `.${node.className.trim().split(/\s+/)[0]}` : "";
    const text = (node.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ""}${cls}${text ? ` "${text}"` : ""}`;
  };

  new PerformanceObserver((list) => {
    if (inputSeen) return;
    for (const entry of list.getEntries() as (PerformanceEntry & { element: Element | null; url: string; loadTime: number })[]) {
      vitals.lcpMs = entry.startTime;
      vitals.lcp = { element: describe(entry.element), url: entry.url, loadMs: entry.loadTime };
    }
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

  type EventEntry = PerformanceEventTiming & { interactionId?: number };
  const entriesByInteraction = new Map<number, EventEntry[]>();
  let firstInput: EventEntry | null = null;
  const attribution = (entries: EventEntry[]): InteractionAttribution => {
    const start = Math.min(...entries.map((e) => e.startTime));
    const end = Math.max(...entries.map((e) => e.startTime + e.duration));
    const processingStart = Math.min(...entries.map((e) => e.processingStart));
    const processingEnd = Math.max(...entries.map((e) => e.processingEnd));
    return {
      events: [...new Set(entries.map((e) => e.name))].join("+"),
      target: describe(entries.find((e) => e.target)?.target),
      startMs: start,
      inputDelayMs: processingStart - start,
      processingMs: processingEnd - processingStart,
      presentationMs: Math.max(0, end - processingEnd),
    };
  };
  const updateInp = () => {
    let worst: EventEntry[] | null = null;
    let longest = 0;
    for (const entries of entriesByInteraction.values()) {
      const duration = Math.max(...entries.map((e) => e.duration));
      if (worst === null || duration > longest) [worst, longest] = [entries, duration];
    }
    if (firstInput && (worst === null || firstInput.duration > longest)) [worst, longest] = [[firstInput], firstInput.duration];
    vitals.interactions = Math.max(entriesByInteraction.size, firstInput === null ? 0 : 1);
    vitals.inpMs = worst === null ? null : longest;
    vitals.inp = worst === null ? null : attribution(worst);
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as EventEntry[]) {
      if (!entry.interactionId) continue;
      entriesByInteraction.set(entry.interactionId, [...(entriesByInteraction.get(entry.interactionId) ?? []), entry]);
    }
    updateInp();
  }).observe({ type: "event", buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) firstInput = entry as EventEntry;
    updateInp();
  }).observe({ type: "first-input", buffered: true });

  // Long animation frames (Chromium ≥ 123): what ran in the frames that made an interaction or the
  // load slow, script by script (a production bundle's function names are minified: the source URL
  // and character position say which chunk).
  interface LoafScript {
    invoker: string;
    sourceURL: string;
    sourceFunctionName: string;
    sourceCharPosition: number;
    duration: number;
    forcedStyleAndLayoutDuration: number;
  }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        renderStart: number;
        blockingDuration: number;
        scripts: LoafScript[];
      })[]) {
        if (vitals.longFrames.length >= 100) return;
        const renderStart = entry.renderStart > 0 ? entry.renderStart : entry.startTime + entry.duration;
        vitals.longFrames.push({
          startMs: entry.startTime,
          durationMs: entry.duration,
          blockingMs: entry.blockingDuration,
          workMs: renderStart - entry.startTime,
          renderMs: entry.startTime + entry.duration - renderStart,
          scripts: entry.scripts.map((s) => ({
            invoker: s.invoker,
            source: `${s.sourceURL.replace(/^.*\/assets\//, "")}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ""}${s.sourceCharPosition >= 0 ? `@${s.sourceCharPosition}` : ""}`,
            durationMs: s.duration,
            forcedStyleAndLayoutMs: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {
    // Not supported by this browser: no frame attribution.
  }
}
