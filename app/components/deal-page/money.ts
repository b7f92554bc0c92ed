import { formatMoney, type DisplayMinor } from "~/domain/money";

/** An amount as the creator page shows it, e.g. "$1,234.56". */
export const money = (amountMinor: DisplayMinor, currency: string) => formatMoney({ amountMinor, currency });
