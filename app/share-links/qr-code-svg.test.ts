import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrCodeSvg, qrCodeSvgDataUrl } from "./qr-code-svg";

const LINK = "https://trail-co.myshopify.com/discount/NORA15?redirect=%2Fproducts%2Ftrail-shoe%3Fref%3DNORA&ref=NORA";

describe("qrCodeSvg", () => {
  it("draws exactly the library's dark modules, inside a 4-module quiet zone", () => {
    const svg = qrCodeSvg(LINK, "QR code");
    const { modules } = QRCode.create(LINK, { errorCorrectionLevel: "M" });
    const size = modules.size + 8;
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    const drawn = new Set([...svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${Number(m[2]) - 4},${Number(m[1]) - 4}`));
    const dark = new Set<string>();
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) dark.add(`${row},${col}`);
    expect(drawn).toEqual(dark);
  });

  it("names the image and escapes the name", () => {
    const svg = qrCodeSvg(LINK, `QR "code" <for> & you`);
    expect(svg).toContain('aria-label="QR &quot;code&quot; &lt;for&gt; &amp; you"');
    expect(svg).toContain("<title>QR &quot;code&quot; &lt;for&gt; &amp; you</title>");
  });

  it("makes a data URL that decodes back to the SVG", () => {
    const url = qrCodeSvgDataUrl(LINK, "QR code");
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(",") + 1))).toBe(qrCodeSvg(LINK, "QR code"));
  });
});
