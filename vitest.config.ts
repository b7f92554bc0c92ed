import tsconfigPaths from "vite-tsconfig-paths";
import { configDefaults, defineConfig } from "vitest/config";

// Two projects (`npx vitest run --project unit`, `--project integration`; `npm test` runs both):
// - unit: pure code, no database, no app server, no browser; runs in seconds.
// - integration: the embedded PostgreSQL (started once by the global setup, only for this
//   project), the built app over real HTTP, fake Stripe/Shopify servers, and the Chromium tests
//   (skipped with a notice when no Chromium exists, failing under REQUIRE_BROWSER_TESTS=1).
const BROWSER_TESTS = ["tests/browser/**/*.test.ts", "tests/extensions/**/*.browser.test.ts"];

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    setupFiles: ["tests/setup/fail-on-console-error.ts", "tests/setup/fast-check-seed.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/extensions/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...BROWSER_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", ...BROWSER_TESTS],
          globalSetup: ["tests/setup/global-setup.ts"],
        },
      },
    ],
  },
});
