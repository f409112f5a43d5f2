/** SNS message signing: canonical strings, RSA signatures, the kept key pair and its URL. */
export {
  canonicalStringToSign,
  CONFIRMATION_SIGNED_FIELDS,
  NOTIFICATION_SIGNED_FIELDS,
  type SignableFields,
  type SnsMessageType,
} from "./canonical-string.js";
export {
  DEFAULT_SIGNATURE_VERSION,
  isSignatureVersion,
  signMessage,
  signMessageAsync,
  verifyMessageSignature,
  type SignatureVersion,
} from "./message-signer.js";
export {
  generateSigningPair,
  SIGNING_CERT_FILE,
  SIGNING_DIR,
  SIGNING_KEY_FILE,
  SnsSigningKeyStore,
  type SnsSigningKeyStoreOptions,
  type SnsSigningMaterial,
} from "./signing-key-store.js";
export {
  awsStyleSigningCertUrl,
  certificateFileNameFromPath,
  SIGNING_CERT_CONTENT_TYPE,
  SIGNING_CERT_FILE_PATTERN,
  SIGNING_CERT_ROUTE_PREFIX,
  signingCertPath,
  signingCertUrl,
} from "./signing-cert-url.js";
