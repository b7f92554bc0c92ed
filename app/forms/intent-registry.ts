import { DomainError } from "../domain/errors";

/** One action of a multi-action page, chosen by the form's `intent` field; it parses its own schema. */
export type IntentHandler<Context, Result> = (context: Context) => Promise<Result>;

export interface IntentRegistry<Context, Result> {
  readonly intents: readonly string[];
  /** Runs the handler of `intent`, or throws `unknown_intent` (400) for a form the page does not know. */
  run(intent: string, context: Context): Promise<Result>;
}

export function unknownIntent(intent: string): DomainError {
  return new DomainError("unknown_intent", "This page does not know that action. Reload the page and try again.", { intent });
}

/** A typed map intent → handler that replaces a route's switch statement. */
export function intentRegistry<Context, Result>(handlers: Record<string, IntentHandler<Context, Result>>): IntentRegistry<Context, Result> {
  return {
    intents: Object.keys(handlers),
    run(intent, context) {
      const handler = Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
      if (!handler) throw unknownIntent(intent);
      return handler(context);
    },
  };
}
