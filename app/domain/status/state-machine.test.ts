import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { IllegalTransitionError, defineStateMachine } from "./state-machine";

const doorMachine = defineStateMachine<"open" | "closed" | "locked" | "archived_forever">("door", {
  open: ["closed"],
  closed: ["open", "locked"],
  locked: ["closed"],
  archived_forever: [],
});

describe("defineStateMachine", () => {
  it("answers from its table", () => {
    expect(doorMachine.statuses).toEqual(["open", "closed", "locked", "archived_forever"]);
    expect(doorMachine.canTransition("closed", "locked")).toBe(true);
    expect(doorMachine.canTransition("open", "locked")).toBe(false);
    expect(doorMachine.allowedFrom("closed")).toEqual(["open", "locked"]);
    expect(doorMachine.isTerminal("archived_forever")).toBe(true);
    expect(doorMachine.isTerminal("open")).toBe(false);
  });

  it("does not treat staying put as a move", () => {
    expect(doorMachine.canTransition("open", "open")).toBe(false);
  });

  it("explains a refused move in a sentence", () => {
    let error: unknown;
    try {
      doorMachine.assertTransition("open", "locked");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: "illegal_transition",
      entity: "door",
      from: "open",
      to: "locked",
      message: "A door that is open cannot become locked.",
      details: { entity: "door", from: "open", to: "locked" },
    });
  });

  it("speaks status names as words and picks the right article", () => {
    const machine = defineStateMachine<"awaiting_review" | "done">("invoice", { awaiting_review: ["done"], done: [] });
    expect(() => machine.assertTransition("done", "awaiting_review")).toThrow("An invoice that is done cannot become awaiting review.");
  });

  it("refuses statuses it does not know, even at runtime", () => {
    expect(doorMachine.isStatus("ajar")).toBe(false);
    expect(doorMachine.isStatus("toString")).toBe(false);
    expect(doorMachine.canTransition("ajar" as "open", "closed")).toBe(false);
    expect(doorMachine.allowedFrom("ajar" as "open")).toEqual([]);
    expect(() => doorMachine.assertTransition("open", "ajar" as "closed")).toThrow(IllegalTransitionError);
  });

  it("refuses a table that moves to a status it does not define", () => {
    expect(() => defineStateMachine<"a" | "b">("thing", { a: ["c" as "b"], b: [] })).toThrow(/unknown status c/);
  });

  it("cannot be changed after definition", () => {
    expect(() => (doorMachine.transitions.open as string[]).push("locked")).toThrow();
    expect(doorMachine.canTransition("open", "locked")).toBe(false);
  });
});
