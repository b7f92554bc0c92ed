import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address.server";

const requestWith = (forwardedFor?: string) =>
  new Request("https://app.test/proxy/clicks", { headers: forwardedFor === undefined ? {} : { "X-Forwarded-For": forwardedFor } });

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join("."));
// Whatever a client may put in front: addresses, garbage, empty entries.
const spoofed = fc.array(fc.oneof(ipv4, fc.stringMatching(/^[^,]{0,20}$/)), { maxLength: 5 });

describe("clientAddress: the X-Forwarded-For entry Shopify's app proxy appended", () => {
  it("is the last entry whatever the client sent before it", () => {
    fc.assert(
      fc.property(spoofed, ipv4, (prefix, real) => {
        expect(clientAddress(requestWith([...prefix, real].join(", ")), 0)).toBe(real);
      }),
    );
  });

  it("skips the entries our own proxies appended after Shopify's when hops are configured", () => {
    fc.assert(
      fc.property(spoofed, ipv4, fc.array(ipv4, { minLength: 1, maxLength: 3 }), (prefix, real, ours) => {
        expect(clientAddress(requestWith([...prefix, real, ...ours].join(",")), ours.length)).toBe(real);
      }),
    );
  });

  it("keys IPv6 clients by their /64, so rotating within it gives no fresh bucket", () => {
    expect(clientAddress(requestWith("1.2.3.4, 2001:db8:1:2:aaaa::1"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress(requestWith("2001:DB8:1:2:bbbb:cccc:dddd:eeee"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress(requestWith("2001:db8::1"), 0)).toBe("2001:db8:0:0::/64");
    expect(clientAddress(requestWith("[2001:db8:1:2::7]:443"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress(requestWith("::ffff:198.51.100.4"), 0)).toBe("198.51.100.4");
    expect(clientAddress(requestWith("198.51.100.4:51234"), 0)).toBe("198.51.100.4");
  });

  it("is 'unknown' without the header, and never reads X-Real-IP", () => {
    expect(clientAddress(requestWith(), 0)).toBe("unknown");
    expect(clientAddress(new Request("https://app.test/", { headers: { "X-Real-IP": "192.0.2.1" } }), 0)).toBe("unknown");
    expect(clientAddress(requestWith(" , "), 0)).toBe("unknown");
  });
});
