// Shared checks for every status machine: the entity's test file writes the DOMAIN.md §3 table
// out by hand and this compares the machine against it, so the machine can't drift silently.
import fc from "fast-check";
import { expect, it } from "vitest";
import { IllegalTransitionError, type StateMachine } from "~/domain/status/state-machine";

export function reachableFrom<S extends string>(start: S, moves: readonly (readonly [S, S])[]): Set<S> {
  const seen = new Set<S>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const [a, b] of moves) {
      if (a === from && !seen.has(b)) {
        seen.add(b);
        queue.push(b);
      }
    }
  }
  return seen;
}

export function itFollowsTheStatusTable<S extends string>(
  machine: StateMachine<S>,
  expectedStatuses: readonly S[],
  expectedMoves: readonly (readonly [S, S])[],
  startStatuses: readonly S[],
): void {
  const allowed = new Set(expectedMoves.map(([from, to]) => `${from}→${to}`));
  const statuses = fc.constantFrom(...expectedStatuses);

  it("has exactly the statuses of the table", () => {
    expect([...machine.statuses].sort()).toEqual([...expectedStatuses].sort());
  });

  it.each(expectedMoves.map(([from, to]) => [from, to]))("allows %s → %s", (from, to) => {
    expect(machine.canTransition(from as S, to as S)).toBe(true);
    expect(() => machine.assertTransition(from as S, to as S)).not.toThrow();
    expect(machine.allowedFrom(from as S)).toContain(to);
  });

  it("refuses every move the table does not list, with an illegal_transition error", () => {
    // Exhaustively first (the tables are small), then as a property that also checks the error.
    for (const from of expectedStatuses) {
      for (const to of expectedStatuses) {
        expect(machine.canTransition(from, to)).toBe(allowed.has(`${from}→${to}`));
      }
    }
    fc.assert(
      fc.property(statuses, statuses, (from, to) => {
        fc.pre(!allowed.has(`${from}→${to}`));
        expect(machine.canTransition(from, to)).toBe(false);
        let error: unknown;
        try {
          machine.assertTransition(from, to);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(IllegalTransitionError);
        expect(error).toMatchObject({ code: "illegal_transition", entity: machine.entity, from, to });
      }),
      { numRuns: 300 },
    );
  });

  it("lists, from each status, exactly the moves of the table", () => {
    for (const from of expectedStatuses) {
      const targets = expectedMoves.filter(([a]) => a === from).map(([, b]) => b);
      expect([...machine.allowedFrom(from)].sort()).toEqual(targets.sort());
      expect(machine.isTerminal(from)).toBe(targets.length === 0);
    }
  });

  it("only ever visits statuses the table can reach, whatever is attempted", () => {
    fc.assert(
      fc.property(fc.constantFrom(...startStatuses), fc.array(statuses, { maxLength: 30 }), (start, attempts) => {
        const reachable = reachableFrom(start, expectedMoves);
        let current = start;
        for (const target of attempts) {
          if (machine.canTransition(current, target)) {
            expect(allowed.has(`${current}→${target}`)).toBe(true);
            current = target;
          } else {
            expect(() => machine.assertTransition(current, target)).toThrow(IllegalTransitionError);
          }
          expect(reachable.has(current)).toBe(true);
        }
      }),
    );
  });
}
