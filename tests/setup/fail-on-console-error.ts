// An unexpected console.error during a test fails it (as in the Epic Stack): errors must be
// asserted, not scrolled past. Tests that expect one spy on console.error themselves.
// So does node-postgres's warning that a query was sent on a client still busy with another:
// inside a transaction (one connection) that is a Promise.all over `tx`, which pg 9 removes.
import { afterEach, beforeEach, vi } from "vitest";

let errors: unknown[][] = [];
let original: typeof console.error;

const BUSY_CLIENT = /client\.query\(\) when the client is already executing a query/;
process.on("warning", (warning) => {
  if (warning.name === "DeprecationWarning" && BUSY_CLIENT.test(warning.message)) errors.push([warning.stack ?? warning.message]);
});

beforeEach(() => {
  errors = [];
  original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args);
    original(...args);
  };
});

afterEach(() => {
  console.error = original;
  if (errors.length > 0) {
    const first = errors[0].map(String).join(" ");
    errors = [];
    throw new Error(`console.error was called during the test: ${first}`);
  }
  vi.restoreAllMocks();
});
