import { isDomainError } from "../domain/errors";

export interface ActionFailure {
  ok: false;
  message: string;
  fieldErrors: Record<string, string>;
}

/**
 * A domain error becomes data the page shows (a banner and inline field errors); anything else is
 * a bug and is rethrown to the error boundary.
 */
export function failureFrom(error: unknown): ActionFailure {
  if (!isDomainError(error)) throw error;
  const raw = (error.details?.fieldErrors ?? {}) as Record<string, string | string[] | undefined>;
  const fieldErrors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(raw)) {
    const first = Array.isArray(messages) ? messages[0] : messages;
    if (first) fieldErrors[field] = first;
  }
  return { ok: false, message: error.message, fieldErrors };
}

/** Runs an action step and turns a domain error into an ActionFailure. */
export async function attempt<T>(work: () => Promise<T>): Promise<T | ActionFailure> {
  try {
    return await work();
  } catch (error) {
    return failureFrom(error);
  }
}
