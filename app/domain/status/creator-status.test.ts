import { $Enums } from "@prisma/client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CREATOR_STATUSES, type CreatorStatus, creatorEarns, creatorStatusMachine } from "./creator-status";
import { itFollowsTheStatusTable } from "../../../tests/support/state-machine.testkit";

// DOMAIN.md §3: invited → active; applied → active | declined; active ⇄ paused; any → archived.
const moves: [CreatorStatus, CreatorStatus][] = [
  ["invited", "active"],
  ["applied", "active"],
  ["applied", "declined"],
  ["active", "paused"],
  ["paused", "active"],
  ["invited", "archived"],
  ["applied", "archived"],
  ["active", "archived"],
  ["paused", "archived"],
  ["declined", "archived"],
];

describe("creator status", () => {
  itFollowsTheStatusTable(creatorStatusMachine, ["invited", "applied", "active", "paused", "declined", "archived"], moves, [
    "invited",
    "applied",
  ]);

  it("matches the Prisma enum", () => {
    expect(CREATOR_STATUSES).toEqual(["invited", "applied", "active", "paused", "declined", "archived"]);
    // The generated client's enum, read from prisma/schema.prisma: same values, same order.
    expect(CREATOR_STATUSES).toEqual(Object.values($Enums.CreatorStatus));
  });

  it("keeps an archived creator archived", () => {
    expect(creatorStatusMachine.isTerminal("archived")).toBe(true);
    expect(() => creatorStatusMachine.assertTransition("archived", "active")).toThrow("A creator that is archived cannot become active.");
  });

  // DOMAIN.md §3: the invitation grants portal access, not the right to earn.
  it.each<[CreatorStatus, boolean]>([
    ["invited", true],
    ["active", true],
    ["applied", false],
    ["paused", false],
    ["declined", false],
    ["archived", false],
  ])("a creator who is %s earns: %s", (status, earns) => {
    expect(creatorEarns(status)).toBe(earns);
  });

  it("a merchant-added creator earns from the start; an applicant earns only after approval", () => {
    // Any walk through the machine from either start: an added creator (invited) earns at once;
    // a self-signup applicant earns at no step before the merchant's approval (applied → active).
    const walk = fc.record({ start: fc.constantFrom<CreatorStatus>("invited", "applied"), picks: fc.array(fc.nat(), { maxLength: 8 }) });
    fc.assert(
      fc.property(walk, ({ start, picks }) => {
        let status = start;
        let approved = false;
        expect(creatorEarns(status)).toBe(start === "invited");
        for (const pick of picks) {
          const next = CREATOR_STATUSES.filter((to) => creatorStatusMachine.canTransition(status, to));
          if (next.length === 0) break;
          const to = next[pick % next.length]!;
          if (status === "applied" && to === "active") approved = true;
          status = to;
          if (start === "applied" && !approved) expect(creatorEarns(status)).toBe(false);
          expect(creatorEarns(status)).toBe(status === "invited" || status === "active");
        }
      }),
    );
  });
});
