import type { StaffActor } from "./actor";

/** The part of Shopify's online access info the audit trail keeps (`associated_user`). */
export interface AssociatedUser {
  id?: number | string | null;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
}

// PrismaSessionStorage reads a missing name back as the string "null" (String(null)).
const present = (value: string | null | undefined) => {
  const text = value?.trim();
  return text && text !== "null" && text !== "undefined" ? text : null;
};

/**
 * The staff member acting: the online session's user when there is one, else the session token's
 * `sub` (the same Shopify user id, without a name), else the shop as a last resort.
 */
export function staffActorFrom(input: { shop: string; user?: AssociatedUser | null; sessionTokenSubject?: string | null }): StaffActor {
  const { user } = input;
  const id = present(user?.id == null ? null : String(user.id)) ?? present(input.sessionTokenSubject) ?? `staff@${input.shop}`;
  const name = [present(user?.first_name), present(user?.last_name)].filter(Boolean).join(" ") || null;
  return { type: "staff", id, name, email: present(user?.email) };
}
