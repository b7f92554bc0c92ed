import { fileURLToPath } from "node:url";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layering of issue 12 item 8, checked with the project's own eslint.config.js on small
// snippets placed (by file path) where each rule applies. Each rule is caught through the `~/`
// alias and through relative imports alike.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages;
}

/** The lines on which `rule` reported. */
async function reports(rule: string, file: string, code: string): Promise<number[]> {
  return (await lint(file, code)).filter((message) => message.ruleId === rule).map((message) => message.line);
}

describe("the layering lint rules", () => {
  it("keeps app/domain free of anything with I/O (Prisma, node:*, *.server, other app folders)", async () => {
    const code = [
      'import { PrismaClient } from "@prisma/client";',
      'import { readFile } from "node:fs/promises";',
      'import { db } from "~/db.server";',
      'import { readBalances } from "../ledger/read-balances.server";',
      'import { z } from "zod";',
      'import { parseMoney } from "./money";',
      "export const all = [PrismaClient, readFile, db, readBalances, z, parseMoney];",
    ].join("\n");
    expect(await reports("layering/domain-is-pure", "app/domain/example.ts", code)).toEqual([1, 2, 3, 4]);

    // Types of the generated enums are allowed (erased at build); a value import of them is not.
    const enums = ['import type { $Enums } from "@prisma/client";', 'import { $Enums as Values } from "@prisma/client";'].join("\n");
    expect(await reports("layering/domain-is-pure", "app/domain/example.ts", enums)).toEqual([2]);

    // One folder deeper, `../` is still the domain and `../../` is not.
    const nested = [
      'import { parseMoney } from "../money";',
      'import { createPayout } from "../../payouts/create-payout.server";',
      "export const all = [parseMoney, createPayout];",
    ].join("\n");
    expect(await reports("layering/domain-is-pure", "app/domain/commission/example.ts", nested)).toEqual([2]);
  });

  it("lets only routes import routes/", async () => {
    const code = [
      'import { loader } from "~/routes/app._index";',
      'import { action } from "../routes/app.payouts._index";',
      'export { meta } from "../routes/app._index";',
      "export const all = [loader, action];",
    ].join("\n");
    expect(await reports("layering/routes-only-from-routes", "app/payouts/example.server.ts", code)).toEqual([1, 2, 3]);
    expect(await reports("layering/routes-only-from-routes", "app/routes/app.example.tsx", code)).toEqual([]);
  });

  it("keeps portal/ out of payouts/ and everything below it", async () => {
    const code = [
      'import { portalPage } from "~/portal/portal-page.server";',
      'import { html } from "../portal/html";',
      'const later = () => import("../../app/portal/render-portal");',
      "export const all = [portalPage, html, later];",
    ].join("\n");
    expect(await reports("layering/no-portal-below-payouts", "app/payouts/example.server.ts", code)).toEqual([1, 2, 3]);
    expect(await reports("layering/no-portal-below-payouts", "app/ledger/example.server.ts", code)).toEqual([1, 2, 3]);
    expect(await reports("layering/no-portal-below-payouts", "app/routes/proxy.example.tsx", code)).toEqual([]);
  });

  it("lets only env.server.ts read process.env in app/ (scripts may)", async () => {
    const code = [
      "export const url = process.env.DATABASE_URL;",
      'export const key = process.env["ENCRYPTION_KEYS"];',
      "const { env } = process;",
      "export const all = env;",
    ].join("\n");
    expect(await reports("layering/no-process-env", "app/payouts/example.server.ts", code)).toEqual([1, 2, 3]);
    expect(await reports("layering/no-process-env", "app/env.server.ts", code)).toEqual([]);
    expect(await reports("layering/no-process-env", "scripts/example.ts", code)).toEqual([]);
  });

  it("takes business time from the clock: no new Date() or Date.now() elsewhere in app/, parsing allowed", async () => {
    const code = [
      "export const today = new Date();",
      "export const stamp = Date.now();",
      'export const parsed = new Date("2026-12-04T00:00:00Z");',
      "export const copied = new Date(parsed.getTime());",
      "// eslint-disable-next-line layering/no-ambient-clock -- a shutdown timeout on the real clock",
      "export const deadline = Date.now() + 5000;",
    ].join("\n");
    expect(await reports("layering/no-ambient-clock", "app/payouts/example.server.ts", code)).toEqual([1, 2]);
    expect(await reports("layering/no-ambient-clock", "app/lib/clock.server.ts", code)).toEqual([]);
    expect(await reports("layering/no-ambient-clock", "app/payouts/example.test.ts", code)).toEqual([]);
  });

  it("passes a payouts module that stays in its layer", async () => {
    const code = [
      'import { DomainError } from "~/domain/errors";',
      'import { now } from "../lib/clock.server";',
      "",
      "/** Whether a payout scheduled at `at` is due. */",
      "export function isDue(at: string): boolean {",
      '  if (!at) throw new DomainError("invalid_input", "A date is required.");',
      "  return new Date(at) <= now();",
      "}",
      "",
    ].join("\n");
    expect(await lint("app/payouts/is-due.server.ts", code)).toEqual([]);
  });
});
