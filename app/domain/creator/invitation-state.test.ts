import { describe, expect, it } from "vitest";
import { describeInvitation, invitationState, type InvitationFacts } from "./invitation-state";

const at = new Date("2026-12-05T12:00:00Z");
const later = new Date("2026-12-19T12:00:00Z");
const earlier = new Date("2026-12-01T12:00:00Z");
const facts = (changes: Partial<InvitationFacts>): InvitationFacts => ({
  status: "invited",
  customerLinked: false,
  latestInvitation: null,
  at,
  ...changes,
});
const line = (changes: Partial<InvitationFacts>) =>
  describeInvitation(invitationState(facts(changes)), (d) => d.toISOString().slice(0, 10));

describe("the deal page's invitation line", () => {
  it("reads not sent, sent and waiting, expired, accepted, or none needed for an applicant", () => {
    expect(line({})).toBe("not sent");
    expect(line({ status: "active" })).toBe("not sent"); // added and earning, never invited to the portal
    expect(line({ latestInvitation: { expiresAt: later, usedAt: null } })).toBe("sent, waiting for the creator (expires 2026-12-19)");
    expect(line({ latestInvitation: { expiresAt: earlier, usedAt: null } })).toBe("expired: send a new one");
    expect(line({ status: "active", customerLinked: true, latestInvitation: { expiresAt: later, usedAt: earlier } })).toBe("accepted");
    expect(line({ status: "applied", customerLinked: true })).toBe("none needed (applied in the portal)");
  });
});
