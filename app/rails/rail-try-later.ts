/**
 * A rail's answer about an attempt is not known yet (lost, 5xx, a look-up that failed, or a
 * request that may still land): the payout stays processing and the attempt is looked at again,
 * by its job's retry or by the sweeper. Each rail may subclass it with its own sentence.
 */
export class RailTryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RailTryLater";
  }
}
