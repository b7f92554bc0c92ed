// The shop's state payer ids for Form 1099-NEC box 6 ("State/Payer's state no."), one per state,
// as the merchant types them in Settings: one "CA: 123-4567-8" per line (a colon, a space or "="
// after the state). States need them for direct state filing; the app knows none by itself.
export const US_STATE_CODES = new Set(
  (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC " +
    "SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI"
  ).split(" "),
);
/** 1099 Pro's "Box 6 ID Number" holds 20 characters. */
export const PAYER_STATE_ID_MAX = 20;

export interface PayerStateId {
  state: string;
  idNumber: string;
}

export type PayerStateIdsResult = { ok: true; ids: PayerStateId[] } | { ok: false; fieldErrors: { payerStateIds: string } };

const LINE = /^([A-Za-z]{2})\s*[:=\s]\s*([A-Za-z0-9][A-Za-z0-9 ./-]*)$/;

export function parsePayerStateIds(text: unknown): PayerStateIdsResult {
  const lines = String(text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const ids: PayerStateId[] = [];
  const refuse = (sentence: string): PayerStateIdsResult => ({ ok: false, fieldErrors: { payerStateIds: sentence } });
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) return refuse(`Write one state per line with its id, like "CA: 123-4567-8" (not "${line.slice(0, 40)}").`);
    const state = match[1]!.toUpperCase();
    const idNumber = match[2]!.trim();
    if (!US_STATE_CODES.has(state)) return refuse(`${state} is not a US state code (two letters, like CA).`);
    if (idNumber.length > PAYER_STATE_ID_MAX) return refuse(`The id for ${state} is longer than ${PAYER_STATE_ID_MAX} characters.`);
    if (ids.some((id) => id.state === state)) return refuse(`${state} is listed twice: keep one id per state.`);
    ids.push({ state, idNumber });
  }
  return { ok: true, ids: ids.sort((a, b) => (a.state < b.state ? -1 : 1)) };
}
