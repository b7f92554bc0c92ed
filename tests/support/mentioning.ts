// A fake's injection kept to the request under test: it matches a request body that names `text`
// (a payout id, a customer id, a creator id). Earlier tests in a file may leave jobs that retry
// with their normal backoff (tests/support/jobs.ts); on a slow machine one becomes due during a
// later test's drain, and an injection for "the next request to a path" would be used up by it.
export const mentioning = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
