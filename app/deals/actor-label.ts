import type { Actor } from "../audit/actor";

/** What `createdBy` / `decidedBy` / `author` columns hold: the actor's id, or its kind when it has none. */
export function actorLabel(actor: Actor): string {
  return actor.id ?? actor.type;
}
