// Encryption at rest for credentials and payment details (AES-256-GCM). Each ciphertext names
// the key that sealed it, so keys can be rotated: ENCRYPTION_KEYS="k2:<base64 32 bytes>,k1:<…>"
// seals with the first key and opens with any; `npm run keys:reseal` moves every stored value to
// the first key so an old one can be removed.
//
// Formats:
// - "v2.<key id>.<iv>.<tag>.<ciphertext>": the associated data is the field's address (shop,
//   table, column, row id), so a value copied to another row — another creator of the same shop
//   included — does not open.
// - "v1.…" (before v2): bound to the shop only. Still opens, never written; the re-seal command
//   upgrades it.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { isDemoMode } from "../demo/demo-mode.server";
import { envVariables, inTestSuite } from "../env.server";

const CURRENT_VERSION = "v2";
const LEGACY_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a sealed value lives: it opens only there. */
export interface SealedField {
  shopId: string;
  table: "Shop" | "Creator" | "PayoutMethodChange" | "PayoutGiftCard" | "OutboundEmail" | "TaxForm";
  column: string;
  rowId: string;
}

interface Keyring {
  currentId: string;
  keys: Map<string, Buffer>;
}

// Demo mode and the test suite only: a fixed, public key. Anywhere else ENCRYPTION_KEYS is required.
const DEVELOPMENT_KEY = createHash("sha256").update("creator-payouts development key — not secret").digest();

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

export function parseKeyring(configured: string): Keyring {
  const keys = new Map<string, Buffer>();
  let currentId = "";
  for (const entry of configured.split(",")) {
    const [id, encoded] = entry.trim().split(":");
    const key = Buffer.from(encoded ?? "", "base64");
    if (!id || key.length !== 32) throw new SecretBoxError(`ENCRYPTION_KEYS entry "${id ?? ""}" must be <id>:<base64 of 32 bytes>`);
    keys.set(id, key);
    currentId ||= id;
  }
  return { currentId, keys };
}

function keyring(): Keyring {
  const configured = envVariables("ENCRYPTION_KEYS").ENCRYPTION_KEYS?.trim();
  if (configured) return parseKeyring(configured);
  if (inTestSuite() || isDemoMode()) return { currentId: "dev", keys: new Map([["dev", DEVELOPMENT_KEY]]) };
  throw new SecretBoxError("ENCRYPTION_KEYS is required outside demo mode and the test suite");
}

function associatedData(version: string, field: SealedField): Buffer {
  if (version === LEGACY_VERSION) return Buffer.from(field.shopId);
  // JSON keeps the parts apart: no two addresses give the same bytes.
  return Buffer.from(JSON.stringify([version, field.shopId, field.table, field.column, field.rowId]));
}

/** Seals a secret for one field of one row. */
export function seal(plaintext: string, field: SealedField): string {
  const { currentId, keys } = keyring();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keys.get(currentId)!, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(CURRENT_VERSION, field));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    CURRENT_VERSION,
    currentId,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(".");
}

interface ParsedSealed {
  version: string;
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function parseSealed(sealed: string): ParsedSealed {
  const parts = sealed.split(".");
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (parts.length !== 5 || (version !== CURRENT_VERSION && version !== LEGACY_VERSION) || !keyId || !iv || !tag) {
    throw new SecretBoxError("not a sealed secret");
  }
  const parsed = {
    version,
    keyId,
    iv: Buffer.from(iv, "base64url"),
    tag: Buffer.from(tag, "base64url"),
    ciphertext: Buffer.from(ciphertext, "base64url"),
  };
  // GCM accepts shorter tags, which are easier to forge: only the full 16 bytes are accepted.
  if (parsed.tag.length !== TAG_BYTES)
    throw new SecretBoxError(`the sealed secret's authentication tag is not ${TAG_BYTES} bytes (truncated or forged)`);
  if (parsed.iv.length !== IV_BYTES) throw new SecretBoxError("not a sealed secret");
  return parsed;
}

export function open(sealed: string, field: SealedField): string {
  const { version, keyId, iv, tag, ciphertext } = parseSealed(sealed);
  const key = keyring().keys.get(keyId);
  if (!key) throw new SecretBoxError(`the key "${keyId}" that sealed this secret is not configured`);
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(version, field));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      `the sealed ${field.table}.${field.column} of ${field.rowId} does not open: it was tampered with or copied from another row`,
    );
  }
}

/** True when the value is already in the current format under the current key (nothing to re-seal). */
export function isSealedWithCurrentKey(sealed: string): boolean {
  const [version, keyId] = sealed.split(".");
  return version === CURRENT_VERSION && keyId === keyring().currentId;
}

/** The id of the key new secrets are sealed with (to find ciphertexts that need re-sealing). */
export function currentKeyId(): string {
  return keyring().currentId;
}

/**
 * A keyed fingerprint (HMAC-SHA256, key derived by HKDF from the current key and `purpose`) of a
 * secret, to find equal secrets without storing them (risk signals: the same payout details on two
 * creators). It changes when the current key rotates: fingerprints are compared only with others
 * made under the same key, so they are re-made when details are next saved.
 */
export function keyedFingerprint(purpose: string, text: string): string {
  const { currentId, keys } = keyring();
  const key = Buffer.from(hkdfSync("sha256", keys.get(currentId)!, Buffer.alloc(0), `creator-payouts:${purpose}`, 32));
  return `${currentId}.${createHmac("sha256", key).update(text, "utf8").digest("base64url")}`;
}
