// Encryption at rest for credentials and payment details (AES-256-GCM). Each ciphertext names
// the key that sealed it, so keys can be rotated: ENCRYPTION_KEYS="k2:<base64 32 bytes>,k1:<…>"
// seals with the first key and opens with any. The associated data (the shop id) binds a
// ciphertext to its shop: copied to another shop's row it does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";

interface Keyring {
  currentId: string;
  keys: Map<string, Buffer>;
}

// Development and tests only: a fixed, public key. Production refuses to run without real keys.
const DEVELOPMENT_KEY = createHash("sha256").update("creator-payouts development key — not secret").digest();

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

function keyring(): Keyring {
  const configured = process.env.ENCRYPTION_KEYS?.trim();
  if (!configured) {
    if (process.env.NODE_ENV === "production") throw new SecretBoxError("ENCRYPTION_KEYS is required in production");
    return { currentId: "dev", keys: new Map([["dev", DEVELOPMENT_KEY]]) };
  }
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

/** Seals a secret for one shop: "v1.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts). */
export function seal(plaintext: string, shopId: string): string {
  const { currentId, keys } = keyring();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.get(currentId)!, iv);
  cipher.setAAD(Buffer.from(shopId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, currentId, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function open(sealed: string, shopId: string): string {
  const [version, keyId, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined) throw new SecretBoxError("not a sealed secret");
  const key = keyring().keys.get(keyId);
  if (!key) throw new SecretBoxError(`the key "${keyId}" that sealed this secret is not configured`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(shopId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("the secret does not open with this key and shop (tampered or copied)");
  }
}

/** The id of the key new secrets are sealed with (to find ciphertexts that need re-sealing). */
export function currentKeyId(): string {
  return keyring().currentId;
}
