/** Who caused a state change, for the audit trail (DOMAIN.md §2 "Audit event"). */
export type Actor =
  | StaffActor
  | { type: "creator"; id: string }
  | { type: "system"; id?: string }
  | { type: "shopify"; id?: string }
  | { type: "stripe"; id?: string };

/**
 * A staff member of the shop: the Shopify user id (the session token's `sub`) and, for the
 * auditor, the name and email Shopify's online access token gave for that user.
 */
export interface StaffActor {
  type: "staff";
  id: string;
  name?: string | null;
  email?: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: "system" };

/** What `createdBy` / `decidedBy` / `author` columns hold: the actor's id, or its kind when it has none. */
export function actorLabel(actor: Actor): string {
  return actor.id ?? actor.type;
}

/** The staff member's name and email as stored on an audit event (null for other actors). */
export function actorIdentity(actor: Actor): { name: string | null; email: string | null } {
  if (actor.type !== "staff") return { name: null, email: null };
  return { name: actor.name?.trim() || null, email: actor.email?.trim() || null };
}
