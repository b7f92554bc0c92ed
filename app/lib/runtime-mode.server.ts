// Which kind of process this is, for the few rules that differ in the test suite.
//
// The test suite is recognised by two variables together: VITEST, which Vitest sets in every test
// worker (and which the processes a test spawns inherit), and NODE_ENV=test, which Vitest sets
// when NODE_ENV is unset. Neither is set by `npm start`, a deployment or `npm run demo`, and
// NODE_ENV=production never counts as the test suite, so a production process cannot claim it
// by accident.
export function isTestSuite(source: { VITEST?: string; NODE_ENV?: string }): boolean {
  return Boolean(source.VITEST) && source.NODE_ENV === "test";
}
