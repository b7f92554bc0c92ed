import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attemptRecoveryStep, BLIND_REPLAY_WINDOW_MS } from "./attempt-recovery-step";
import { STRIPE_IDEMPOTENCY_WINDOW_MS } from "../../stripe/transfer-params";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("what may be done with an attempt of a given age", () => {
  it.each([
    [0, "send"],
    [59 * MINUTE, "send"],
    [HOUR, "look_up_then_send"],
    [22 * HOUR + 59 * MINUTE, "look_up_then_send"],
    [23 * HOUR, "look_up_then_wait"],
    [24 * HOUR - 1, "look_up_then_wait"],
    [24 * HOUR, "look_up_then_fail"],
    [48 * HOUR, "look_up_then_fail"],
  ] as const)("at %i ms: %s", (ageMs, step) => {
    expect(attemptRecoveryStep(ageMs)).toBe(step);
  });

  it("never sends once Stripe may have forgotten the key, and never fails an attempt within a safe window of the last send", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 72 * HOUR }), fc.integer({ min: 0, max: 72 * HOUR }), (sentAt, failedAt) => {
        const sends = attemptRecoveryStep(sentAt).endsWith("send");
        if (sends) expect(sentAt).toBeLessThan(STRIPE_IDEMPOTENCY_WINDOW_MS - BLIND_REPLAY_WINDOW_MS);
        if (sends && attemptRecoveryStep(failedAt) === "look_up_then_fail")
          expect(failedAt - sentAt).toBeGreaterThan(BLIND_REPLAY_WINDOW_MS);
        if (sentAt >= BLIND_REPLAY_WINDOW_MS) expect(attemptRecoveryStep(sentAt)).toMatch(/^look_up_then_/);
      }),
    );
  });
});
