import type { CreatorStatus } from "../status/creator-status";

// Where the creator's portal invitation stands (the deal page's "Invitation" line). Separate from
// earning on purpose: an invitation grants portal access, not the right to earn (DOMAIN.md §3).

export type InvitationState =
  | { kind: "not_sent" }
  | { kind: "sent"; expiresAt: Date }
  | { kind: "expired" }
  | { kind: "accepted" }
  /** The creator applied in the portal (self-signup): there is nothing to invite them to. */
  | { kind: "self_signup" };

export interface InvitationFacts {
  status: CreatorStatus;
  /** A Shopify customer is linked: the creator accepted an invitation or applied while logged in. */
  customerLinked: boolean;
  /** The newest invitation sent, if any. */
  latestInvitation: { expiresAt: Date; usedAt: Date | null } | null;
  at: Date;
}

export function invitationState({ status, customerLinked, latestInvitation, at }: InvitationFacts): InvitationState {
  if (latestInvitation?.usedAt) return { kind: "accepted" };
  if (customerLinked) return latestInvitation ? { kind: "accepted" } : { kind: "self_signup" };
  if (status === "applied" || status === "declined") return { kind: "self_signup" };
  if (!latestInvitation) return { kind: "not_sent" };
  return latestInvitation.expiresAt > at ? { kind: "sent", expiresAt: latestInvitation.expiresAt } : { kind: "expired" };
}

/** The deal page's sentence for the invitation; `formatDate` renders the expiry in the shop's zone. */
export function describeInvitation(state: InvitationState, formatDate: (date: Date) => string): string {
  switch (state.kind) {
    case "not_sent":
      return "not sent";
    case "sent":
      return `sent, waiting for the creator (expires ${formatDate(state.expiresAt)})`;
    case "expired":
      return "expired: send a new one";
    case "accepted":
      return "accepted";
    case "self_signup":
      return "none needed (applied in the portal)";
  }
}
