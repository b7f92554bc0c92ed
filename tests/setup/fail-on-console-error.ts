// An unexpected console.error during a test fails it (as in the Epic Stack): errors must be
// asserted, not scrolled past. Tests that expect one spy on console.error themselves.
import { afterEach, beforeEach, vi } from "vitest";

let errors: unknown[][] = [];
let original: typeof console.error;

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
