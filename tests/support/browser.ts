// Browser tests run in a real Chromium (Debian's package, driven by playwright-core). Where no
// Chromium is found they are skipped with a visible notice, unless REQUIRE_BROWSER_TESTS=1
// (set by CI), which turns a missing browser into a failure.
import { describe, it } from "vitest";
import { CHROMIUM_CANDIDATES, findChromium } from "./chromium";

export { findChromium, launchBrowser } from "./chromium";

export const browserRequired = process.env.REQUIRE_BROWSER_TESTS === "1";

/** `describe` for browser tests: skipped (with a notice) or failing when no Chromium exists. */
export function describeInBrowser(name: string, body: () => void) {
  if (findChromium()) return describe(name, body);
  if (browserRequired) {
    return describe(name, () => {
      it("needs Chromium (REQUIRE_BROWSER_TESTS=1)", () => {
        throw new Error(`No Chromium found (looked at ${CHROMIUM_CANDIDATES.join(", ")}); install Debian's chromium package.`);
      });
    });
  }
  console.warn(`\n*** SKIPPED browser tests "${name}": no Chromium found (apt-get install chromium). ***\n`);
  return describe.skip(name, body);
}
