// Secrets at rest: master-key ring, AES-256-GCM envelopes bound to their row and field, boot check, rotation.
export { createCipher, type Cipher, type SecretBinding } from './cipher.js';
export { bootCipher, storedKeyIds } from './boot-cipher.js';
export { loadKeyRing, ringFrom, newKey, keyIdOf, keyFilePath, type KeyRing } from './keyring.js';
export { rotateMasterKey, rewrapAll, type RotateResult } from './rotate.js';
