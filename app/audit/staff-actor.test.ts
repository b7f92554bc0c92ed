import { describe, expect, it } from "vitest";
import { staffActorFrom } from "./staff-actor";

describe("staffActorFrom", () => {
  it("names the online session's user", () => {
    expect(
      staffActorFrom({
        shop: "a.myshopify.com",
        user: { id: 9001, first_name: "Hana", last_name: "Sato", email: "hana@a.test" },
        sessionTokenSubject: "9001",
      }),
    ).toEqual({ type: "staff", id: "9001", name: "Hana Sato", email: "hana@a.test" });
  });

  it('keeps a one-part name and drops the storage\'s "null" strings', () => {
    expect(staffActorFrom({ shop: "a.myshopify.com", user: { id: 7, first_name: "Cher", last_name: "null", email: "null" } })).toEqual({
      type: "staff",
      id: "7",
      name: "Cher",
      email: null,
    });
  });

  it("falls back to the session token's subject, then to the shop", () => {
    expect(staffActorFrom({ shop: "a.myshopify.com", sessionTokenSubject: "42" })).toEqual({
      type: "staff",
      id: "42",
      name: null,
      email: null,
    });
    expect(staffActorFrom({ shop: "a.myshopify.com" }).id).toBe("staff@a.myshopify.com");
  });
});
