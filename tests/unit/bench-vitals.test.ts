// The vitals benchmark's pure parts (bench/web-vitals.ts): which scripts a served page loads before
// it hydrates, and a CPU profile summed by file and function.
import { describe, expect, it } from "vitest";
import { hydrationScriptUrls, profileSelfTime } from "../../bench/web-vitals";

describe("the JavaScript a page loads to hydrate", () => {
  it("is every modulepreload link and script src of the served HTML, as absolute URLs", () => {
    const html = `<html><head><link rel="stylesheet" href="/assets/styles.css"/></head><body><p>hi</p>
      <link rel="modulepreload" href="/assets/entry.client-A.js"/><link rel="modulepreload" href="/assets/components-B.js" crossorigin="anonymous"/>
      <script>window.__remixContext = {};</script><script type="module" async="">import "/assets/manifest-C.js";</script>
      <script src="https://cdn.shopify.com/shopifycloud/app-bridge.js?a=1&amp;b=2"></script></body></html>`;
    expect(hydrationScriptUrls(html, "http://localhost:3000/app/creators")).toEqual([
      "http://localhost:3000/assets/entry.client-A.js",
      "http://localhost:3000/assets/components-B.js",
      "https://cdn.shopify.com/shopifycloud/app-bridge.js?a=1&b=2",
    ]);
  });
});

describe("a CPU profile's self time", () => {
  it("sums each sample's time by file and by function, without idle time", () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0, columnNumber: 9 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(idle)", "") },
        { id: 2, callFrame: frame("Se", "http://localhost/assets/components-B.js") },
        { id: 3, callFrame: frame("(program)", "") },
        { id: 4, callFrame: frame("ih", "http://localhost/assets/components-B.js") },
      ],
      samples: [2, 2, 1, 3, 4],
      timeDeltas: [0, 1000, 2000, 50_000, 4000, 0],
    };
    expect(profileSelfTime(profile)).toEqual([
      "busy 7 ms by file: (program) 4.0 ms, components-B.js 3.0 ms",
      "by function: Se components-B.js:1:10 3.0 ms, ih components-B.js:1:10 0.0 ms",
    ]);
  });
});
