// Demo mode signs every request in as the demo staff user, so it must answer only this machine's
// browser. The loopback listener keeps other machines out; this keeps other web pages out:
// - DNS rebinding: a page on evil.example re-points its name to 127.0.0.1 and reads the demo as
//   same-origin. Its requests carry `Host: evil.example`, which is refused.
// - Cross-site forms: a page anywhere can POST to localhost. Browsers send Origin on every POST,
//   so a state-changing request whose Origin is not the demo's own is refused. A request without
//   Origin comes from a non-browser client on this machine (curl, the README's webhook example).
// Routes authenticated by a signature (the app proxy's HMAC, webhooks) never use the demo's
// sign-in, so a storefront page posting to the portal is judged by the portal's own checks.

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SIGNED_PATHS = ["/proxy/", "/webhooks/"];

/** Why the demo refuses this request, or null when it may be served. */
export function demoRequestRefusal(request: {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  path?: string;
}): string | null {
  const host = request.host?.toLowerCase() ?? "";
  const hostname = host.replace(/:\d+$/, "");
  if (!LOOPBACK_NAMES.has(hostname)) {
    return "The demo answers only at http://localhost or http://127.0.0.1 (this Host is refused: DNS rebinding protection).";
  }
  if (SAFE_METHODS.has(request.method.toUpperCase()) || request.origin === undefined) return null;
  if (SIGNED_PATHS.some((prefix) => request.path?.startsWith(prefix))) return null;
  if (request.origin.toLowerCase() !== `http://${host}`) {
    return "The demo accepts changes only from its own pages (this request came from another origin).";
  }
  return null;
}
