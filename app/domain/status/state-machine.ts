import { DomainError } from "../errors";

/** "pending_review" → "pending review", for sentences people read. */
function spoken(status: string): string {
  return status.replace(/_/g, " ");
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "An" : "A"} ${noun}`;
}

export class IllegalTransitionError extends DomainError {
  constructor(
    public readonly entity: string,
    public readonly from: string,
    public readonly to: string,
  ) {
    super("illegal_transition", `${withArticle(entity)} that is ${spoken(from)} cannot become ${spoken(to)}.`, {
      entity,
      from,
      to,
    });
    this.name = "IllegalTransitionError";
  }
}

export interface StateMachine<S extends string> {
  /** Human name of the entity, used in error sentences ("payout request"). */
  readonly entity: string;
  /** Every status, in the order the transition table lists them. */
  readonly statuses: readonly S[];
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  isStatus(value: unknown): value is S;
  canTransition(from: S, to: S): boolean;
  /** Throws IllegalTransitionError unless the table allows from → to. */
  assertTransition(from: S, to: S): void;
  allowedFrom(from: S): readonly S[];
  /** True when nothing can follow this status. */
  isTerminal(status: S): boolean;
}

/**
 * One transition table per entity, and the only place its moves are decided.
 * Staying in the same status is not a transition unless the table says so; callers that want
 * idempotent "already there" handling check for it before asking.
 */
export function defineStateMachine<S extends string>(entity: string, transitions: Record<S, readonly S[]>): StateMachine<S> {
  const statuses = Object.keys(transitions) as S[];
  for (const from of statuses) {
    for (const to of transitions[from]) {
      if (!(to in transitions)) {
        throw new Error(`The ${entity} transition table moves ${from} to unknown status ${to}.`);
      }
    }
  }
  const frozen = Object.freeze(Object.fromEntries(statuses.map((s) => [s, Object.freeze([...transitions[s]])])) as Record<S, readonly S[]>);

  const isStatus = (value: unknown): value is S => typeof value === "string" && Object.prototype.hasOwnProperty.call(frozen, value);
  const canTransition = (from: S, to: S): boolean => isStatus(from) && isStatus(to) && frozen[from].includes(to);

  return Object.freeze({
    entity,
    statuses: Object.freeze(statuses),
    transitions: frozen,
    isStatus,
    canTransition,
    assertTransition(from: S, to: S): void {
      if (!canTransition(from, to)) throw new IllegalTransitionError(entity, from, to);
    },
    allowedFrom(from: S): readonly S[] {
      return isStatus(from) ? frozen[from] : [];
    },
    isTerminal(status: S): boolean {
      return isStatus(status) && frozen[status].length === 0;
    },
  });
}
