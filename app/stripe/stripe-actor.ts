import type { Actor } from "../audit/actor";

/** Stripe, as the actor of what its answers and events change (audit trail). */
export const STRIPE_ACTOR: Actor = { type: "stripe" };
