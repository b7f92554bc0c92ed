import { RailTryLater } from "../rails/rail-try-later";

/**
 * Stripe's answer about an attempt is not known yet (lost, 5xx, a lookup that failed, or a
 * request that may still land): the payout stays processing and the attempt is looked at again,
 * by its job's retry or by the sweeper.
 */
export class StripeTryLater extends RailTryLater {
  constructor(reason: string) {
    super(`Stripe transfer not confirmed yet (${reason}); the attempt will be looked at again`);
    this.name = "StripeTryLater";
  }
}
