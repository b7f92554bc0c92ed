/**
 * The one error type the domain throws.
 *
 * `code` is stable and machine-readable (routes map it to an HTTP status and a Polaris banner);
 * `message` is a sentence a merchant or creator can act on; `details` carries the values that
 * explain it (never secrets or customer data).
 */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
