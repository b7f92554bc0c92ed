// A QR code as SVG markup, drawn from the module matrix the `qrcode` library computes (encoding,
// error correction and masking are the library's). Synchronous and the same on the server and in
// the browser, so the portal's server-rendered HTML and the admin card draw identical codes.
import QRCode from "qrcode";

/** Quiet zone around the code, in modules (the QR specification asks for 4). */
const MARGIN = 4;

/**
 * The code for `text` as a standalone SVG document (usable inline, as an image, or downloaded).
 * `title` names it for assistive technology. Dark modules black on white, so any theme scans.
 */
export function qrCodeSvg(text: string, title: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = modules.size + MARGIN * 2;
  let path = "";
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) path += `M${col + MARGIN} ${row + MARGIN}h1v1h-1z`;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="${escapeXml(title)}">` +
    `<title>${escapeXml(title)}</title><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}

// Drawing a code costs about a millisecond of CPU, and a portal renders one per share link on
// every request: the data URLs are kept, least recently used dropped first (issue 16 §4).
const MAX_CACHED = 500;
const dataUrls = new Map<string, string>();

/** A data: URL of the SVG, for an <img> or a download link (the same text and title: the same URL, drawn once). */
export function qrCodeSvgDataUrl(text: string, title: string): string {
  const key = `${title}\u0000${text}`;
  let url = dataUrls.get(key);
  if (url === undefined) {
    url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrCodeSvg(text, title))}`;
    if (dataUrls.size >= MAX_CACHED) dataUrls.delete(dataUrls.keys().next().value!);
  } else {
    dataUrls.delete(key); // moved to the most recent end
  }
  dataUrls.set(key, url);
  return url;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
