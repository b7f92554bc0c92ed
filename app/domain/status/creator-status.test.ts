import { $Enums } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { CREATOR_STATUSES, CREATOR_STATUSES_EARNING, type CreatorStatus, creatorStatusMachine } from "./creator-status";
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

  it("lets only active creators earn", () => {
    expect(CREATOR_STATUSES_EARNING).toEqual(["active"]);
  });
});
