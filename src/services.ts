// The long-lived collaborators a process wires once at boot and hands to the HTTP app, the CLI and the
// integrator. Areas add what they need here (e.g. the secret cipher, the run queue).
import type { Logger } from 'pino';
import type { Config } from './config/env.js';
import type { DialectName } from './db/database.js';
import type { Db } from './db/transaction.js';
import type { Cipher } from './crypto/cipher.js';

export interface Services {
  db: Db;
  dialect: DialectName;
  config: Config;
  log: Logger;
  /** Encrypts and decrypts connector secrets at rest (src/crypto). */
  cipher: Cipher;
}
