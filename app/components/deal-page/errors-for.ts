/** The field errors of the last action, if it was this form's intent (else none). */
export type ErrorsFor = (intent: string) => Record<string, string>;
