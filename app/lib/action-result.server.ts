import { data } from "@remix-run/node";
import { isDomainError } from "../domain/errors";
import type { FieldErrors } from "../forms/field-errors";
import { STATUS_OF_KIND, statusOfDomainError } from "../http/domain-error-status";

export interface ActionFailure {
  ok: false;
  /** The domain error's code and its HTTP status (app/http/domain-error-status.ts). */
  code: string;
  status: number;
  message: string;
  fieldErrors: FieldErrors;
}

/**
 * A domain error becomes data the page shows (a banner and inline field errors); anything else is
 * a bug and is rethrown to the error boundary.
 */
export function failureFrom(error: unknown): ActionFailure {
  if (!isDomainError(error)) throw error;
  const raw = (error.details?.fieldErrors ?? {}) as Record<string, string | string[] | undefined>;
  const fieldErrors: FieldErrors = {};
  for (const [field, messages] of Object.entries(raw)) {
    const first = Array.isArray(messages) ? messages[0] : messages;
    if (first) fieldErrors[field] = first;
  }
  return { ok: false, code: error.code, status: statusOfDomainError(error.code), message: error.message, fieldErrors };
}

/** Runs an action step and turns a domain error into an ActionFailure. */
export async function attempt<T>(work: () => Promise<T>): Promise<T | ActionFailure> {
  try {
    return await work();
  } catch (error) {
    return failureFrom(error);
  }
}

/**
 * An action's answer: the value as page data, with the failure's status (422, 404, 409…) when it
 * failed, so the page shows the banner and a client sees the right status.
 */
export function actionResponse<T extends { ok: boolean }>(result: T) {
  const failed = !result.ok && "status" in result && typeof result.status === "number";
  return data(result, { status: failed ? (result.status as number) : 200 });
}

/**
 * A loader's refusal: the domain sentence with the table's status (a missing record is 404). A
 * bad query is 400 rather than 422: no form is involved.
 */
export function refusalResponse(failure: ActionFailure): Response {
  const status = failure.status === STATUS_OF_KIND.invalid_input ? STATUS_OF_KIND.bad_request : failure.status;
  return new Response(failure.message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
