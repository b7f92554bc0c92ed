// How many HTTP requests this process is answering right now. The inbound drain runs in the same
// Node process as the webhook fast path and reads this to keep its synchronous stretches short
// while deliveries are arriving (app/jobs/tasks/drain-inbound-events.server.ts).
import type { ServerResponse } from "node:http";

let inFlight = 0;

/** Counts the request until its response is finished or its connection closes. */
export function trackHttpRequest(response: ServerResponse): void {
  inFlight += 1;
  // "close" fires once per response, after "finish" or on an aborted connection.
  response.once("close", () => {
    inFlight -= 1;
  });
}

export function httpRequestsInFlight(): number {
  return inFlight;
}
