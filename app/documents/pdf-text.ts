// pdf-lib's standard fonts (Helvetica…) encode text in WinAnsi (Windows-1252) and throw on any
// other character. Names come from everywhere ("Elif Yılmaz", "Zoë", "李"), so text is made
// encodable first: kept when the font has it, else its base letter ("ı" → "i", "ş" → "s"),
// else "?". The PDF stays searchable and never fails to render because of a name.

const BASE_LETTER: Record<string, string> = {
  ı: "i",
  İ: "I",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ħ: "h",
  Ħ: "H",
  ŀ: "l",
  Ŀ: "L",
  ŧ: "t",
  Ŧ: "T",
  ĸ: "k",
  ŉ: "'n",
  ſ: "s",
  ə: "e",
  Ə: "E",
  ø: "o",
  Ø: "O",
  "\u2212": "-",
  "\u2010": "-",
  "\u2011": "-",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2248": "~",
  "\u2026": "...",
};

/** Makes `text` drawable with a font whose character set is `supported` (code points). */
export function encodableText(text: string, supported: ReadonlySet<number>): string {
  const has = (char: string) => supported.has(char.codePointAt(0)!);
  let result = "";
  for (const char of text.normalize("NFC")) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this replaces
    if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(char)) {
      result += " "; // line breaks and tabs: layout is the caller's job
    } else if (has(char)) {
      result += char;
    } else if (BASE_LETTER[char] !== undefined && [...BASE_LETTER[char]].every(has)) {
      result += BASE_LETTER[char];
    } else {
      const base = char.normalize("NFD").replace(/\p{M}/gu, "");
      result += base.length > 0 && [...base].every(has) ? base : "?";
    }
  }
  return result;
}
