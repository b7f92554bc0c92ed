// The job worker shares the Node event loop with the web server (scripts/start.ts): a long
// synchronous loop in a job delays every request that arrives meanwhile. These helpers let such a
// loop give the loop a turn between chunks (setImmediate runs after pending I/O callbacks).
import { setImmediate as nextTurn } from "node:timers/promises";

/** Lets pending I/O (e.g. an arriving request) run before the caller continues. */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}

/** Calls `each` for every item in order, yielding to the event loop after every `chunkSize` items. */
export async function forEachYielding<T>(items: readonly T[], chunkSize: number, each: (item: T, index: number) => void): Promise<void> {
  for (let index = 0; index < items.length; index++) {
    if (index > 0 && index % chunkSize === 0) await yieldToEventLoop();
    each(items[index]!, index);
  }
}
