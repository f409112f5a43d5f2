/**
 * The RSA key pair and self-signed X.509 certificate Stratus signs SNS deliveries with.
 *
 * Created once, on first need, and kept under `<dataDir>/sns/signing/` (the key mode 0600, the
 * folder 0700), so subscribers that cache or pin the certificate keep working across restarts.
 * A later start only reads and checks the two files (a few milliseconds); nothing is generated
 * while files exist. Without a data dir (`--in-memory`) the pair lives for the process only.
 *
 * The folder appears in one atomic rename of a fully written temporary folder, so two processes
 * starting together on one data dir end up using the same pair, and a reader never sees a key
 * without its certificate.
 */
import { createHash, createPrivateKey, generateKeyPair, randomBytes, X509Certificate, type KeyObject } from "node:crypto";
import { mkdir, mkdtemp, open, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

/** Relative to the data dir. */
export const SIGNING_DIR = join("sns", "signing");
export const SIGNING_KEY_FILE = "signing-key.pem";
export const SIGNING_CERT_FILE = "signing-cert.pem";

/** RSA 2048, as AWS's own SNS signing certificates. */
export const SIGNING_KEY_BITS = 2048;

const CERT_SUBJECT = [
  { name: "commonName", value: "Stratus SNS signing" },
  { name: "organizationName", value: "Stratus local AWS emulator" },
];
/** Fixed dates: no wall-clock read, valid whatever a manual clock says; UTCTime-safe (< 2050). */
const NOT_BEFORE = new Date("2020-01-01T00:00:00Z");
const NOT_AFTER = new Date("2049-12-31T23:59:59Z");

export interface SnsSigningMaterial {
  privateKey: KeyObject;
  /** The certificate subscribers fetch from the SigningCertURL. */
  certificatePem: string;
  /** 32 lowercase hex characters derived from the certificate (stable while the files are kept). */
  certificateId: string;
  /** `SimpleNotificationService-<certificateId>.pem`, AWS's naming. */
  certificateFileName: string;
}

export interface SnsSigningKeyStoreOptions {
  /** The server's data dir; omitted (in-memory server), the pair is kept in memory only. */
  dataDir?: string;
}

export class SnsSigningKeyStore {
  /** Where the files live, or undefined when kept in memory. */
  readonly directory: string | undefined;
  private pending: Promise<SnsSigningMaterial> | undefined;

  constructor(options: SnsSigningKeyStoreOptions = {}) {
    this.directory = options.dataDir ? join(options.dataDir, SIGNING_DIR) : undefined;
  }

  /**
   * The signing material: read from disk, or generated and stored on the first call ever.
   * Concurrent and later calls share one result; a failed attempt is retried by the next call.
   */
  load(): Promise<SnsSigningMaterial> {
    if (!this.pending) {
      this.pending = this.loadOrCreate();
      this.pending.catch(() => { this.pending = undefined; });
    }
    return this.pending;
  }

  private async loadOrCreate(): Promise<SnsSigningMaterial> {
    const dir = this.directory;
    if (!dir) {
      const generated = await generateSigningPair();
      return toMaterial(generated.keyPem, generated.certPem, "memory");
    }
    const existing = await readStoredMaterial(dir);
    if (existing) return existing;

    const generated = await generateSigningPair();
    const parent = dirname(dir);
    await mkdir(parent, { recursive: true, mode: 0o700 });
    const staging = await mkdtemp(join(parent, ".signing-")); // mkdtemp creates it 0700
    try {
      await writeDurably(join(staging, SIGNING_KEY_FILE), generated.keyPem, 0o600);
      await writeDurably(join(staging, SIGNING_CERT_FILE), generated.certPem, 0o644);
      await rename(staging, dir);
    } catch (err) {
      await rm(staging, { recursive: true, force: true });
      // Another process stored its pair first: use that one.
      if (isCode(err, "EEXIST") || isCode(err, "ENOTEMPTY")) {
        const winner = await readStoredMaterial(dir);
        if (winner) return winner;
      }
      throw err;
    }
    return toMaterial(generated.keyPem, generated.certPem, dir);
  }
}

/** Reads and checks a stored pair; undefined when the folder does not exist yet. */
async function readStoredMaterial(dir: string): Promise<SnsSigningMaterial | undefined> {
  let keyPem: string;
  let certPem: string;
  try {
    keyPem = await readFile(join(dir, SIGNING_KEY_FILE), "utf8");
    certPem = await readFile(join(dir, SIGNING_CERT_FILE), "utf8");
  } catch (err) {
    if (isCode(err, "ENOENT") && !(await exists(dir))) return undefined;
    throw new Error(`cannot read the SNS signing key pair in ${dir} (delete the folder to create a new pair): ${message(err)}`);
  }
  return toMaterial(keyPem, certPem, dir);
}

function toMaterial(keyPem: string, certPem: string, where: string): SnsSigningMaterial {
  let privateKey: KeyObject;
  let certificate: X509Certificate;
  try {
    privateKey = createPrivateKey(keyPem);
    certificate = new X509Certificate(certPem);
  } catch (err) {
    throw new Error(`the SNS signing key pair in ${where} is unreadable (delete the folder to create a new pair): ${message(err)}`);
  }
  if (privateKey.asymmetricKeyType !== "rsa" || !certificate.checkPrivateKey(privateKey)) {
    throw new Error(`the SNS signing key in ${where} is not the RSA key of its certificate (delete the folder to create a new pair)`);
  }
  const certificateId = createHash("sha256").update(certificate.raw).digest("hex").slice(0, 32);
  return {
    privateKey,
    certificatePem: certPem,
    certificateId,
    certificateFileName: `SimpleNotificationService-${certificateId}.pem`,
  };
}

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * A new RSA key (generated natively, off the main thread) and a self-signed certificate for it,
 * built and signed (SHA-256) with node-forge. The certificate also names localhost / 127.0.0.1
 * / ::1 so the same pair can serve TLS for the certificate URL; it is not a CA (cA false).
 */
export async function generateSigningPair(): Promise<{ keyPem: string; certPem: string }> {
  const { privateKey } = await generateKeyPairAsync("rsa", { modulusLength: SIGNING_KEY_BITS, publicExponent: 0x10001 });
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;

  // Loaded only here, so a server that finds its pair on disk never pays for it.
  const { default: forge } = await import("node-forge");
  const forgeKey = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // a positive INTEGER
  cert.serialNumber = serial.toString("hex");
  cert.validity.notBefore = NOT_BEFORE;
  cert.validity.notAfter = NOT_AFTER;
  cert.setSubject(CERT_SUBJECT);
  cert.setIssuer(CERT_SUBJECT);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [
      { type: 2, value: "localhost" },
      { type: 7, ip: "127.0.0.1" },
      { type: 7, ip: "::1" },
    ] },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

async function writeDurably(path: string, text: string, mode: number): Promise<void> {
  const file = await open(path, "wx", mode);
  try {
    await file.writeFile(text, "utf8");
    await file.chmod(mode); // whatever the umask
    await file.sync();
  } finally {
    await file.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (isCode(err, "ENOENT")) return false;
    throw err;
  }
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === code;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
