// Browser tests run in a real Chromium (Debian's package, driven by playwright-core). Where no
// Chromium is found they are skipped with a visible notice, unless REQUIRE_BROWSER_TESTS=1
// (set by CI), which turns a missing browser into a failure.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { describe, it } from "vitest";

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
].filter((candidate): candidate is string => !!candidate);

export function findChromium(): string | null {
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

export const browserRequired = process.env.REQUIRE_BROWSER_TESTS === "1";

/** `describe` for browser tests: skipped (with a notice) or failing when no Chromium exists. */
export function describeInBrowser(name: string, body: () => void) {
  if (findChromium()) return describe(name, body);
  if (browserRequired) {
    return describe(name, () => {
      it("needs Chromium (REQUIRE_BROWSER_TESTS=1)", () => {
        throw new Error(`No Chromium found (looked at ${CANDIDATES.join(", ")}); install Debian's chromium package.`);
      });
    });
  }
  console.warn(`\n*** SKIPPED browser tests "${name}": no Chromium found (apt-get install chromium). ***\n`);
  return describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("No Chromium found");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
