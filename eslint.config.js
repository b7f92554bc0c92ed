// ESLint 9 flat config. typescript-eslint's recommended rules without type information (fast),
// plus the layering rules of issue 12 item 8 (eslint/layering-plugin.js). Formatting is Prettier's
// job (.prettierrc), so no stylistic rules here.
import js from "@eslint/js";
import prettier from "eslint-config-prettier/flat";
import tseslint from "typescript-eslint";
import layering from "./eslint/layering-plugin.js";

const TESTS = ["**/*.test.ts", "**/*.test.tsx"];

export default tseslint.config(
  { ignores: ["build/", "node_modules/", ".cache/", ".data/", ".outbox/", "coverage/", "public/build/", "extensions/"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { layering },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names are deliberate: destructuring a key away, a parameter kept for the signature.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // A `let` read by a closure before its one later assignment (a clock the test moves) stays a `let`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },

  // app/domain imports only itself and pure libraries: no Prisma, Remix, Stripe, node:*, *.server.
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    ignores: TESTS,
    rules: {
      // Types only from @prisma/client: the domain's enums are the generated ones ($Enums), checked by tests.
      "layering/domain-is-pure": [
        "error",
        { onlyFolders: ["app/domain"], onlyPackages: ["zod", "date-fns", "@date-fns/tz"], typeOnlyPackages: ["@prisma/client"] },
      ],
    },
  },
  {
    // Its tests may also use the test tools, the testkits and the generated enums they compare with.
    files: TESTS.map((pattern) => `app/domain/${pattern}`),
    rules: {
      "layering/domain-is-pure": [
        "error",
        {
          onlyFolders: ["app/domain", "tests/support"],
          onlyPackages: ["zod", "date-fns", "@date-fns/tz", "vitest", "fast-check", "@prisma/client"],
        },
      ],
    },
  },

  // Only routes import routes/.
  {
    files: ["**/*.{ts,tsx}"],
    ignores: ["app/routes/**"],
    rules: { "layering/routes-only-from-routes": ["error", { forbid: ["app/routes"] }] },
  },

  // Nothing below payouts/ imports portal/: in app/, only the routes and the portal itself do.
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/routes/**", "app/portal/**"],
    rules: { "layering/no-portal-below-payouts": ["error", { forbid: ["app/portal"] }] },
  },

  // One reader of configuration and one clock in the app (scripts/, tests/ and test files may
  // read process.env and the real clock).
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: [...TESTS, "app/env.server.ts"],
    rules: { "layering/no-process-env": "error" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: [...TESTS, "app/lib/clock.server.ts"],
    rules: { "layering/no-ambient-clock": "error" },
  },

  // Last: turns off any rule that would argue with Prettier's formatting.
  prettier,
);
