/** Who caused a state change, for the audit trail (DOMAIN.md §2 "Audit event"). */
export type Actor =
  | { type: "staff"; id: string }
  | { type: "creator"; id: string }
  | { type: "system"; id?: string }
  | { type: "shopify"; id?: string }
  | { type: "stripe"; id?: string };

export const SYSTEM_ACTOR: Actor = { type: "system" };

/** What `createdBy` / `decidedBy` / `author` columns hold: the actor's id, or its kind when it has none. */
export function actorLabel(actor: Actor): string {
  return actor.id ?? actor.type;
}
