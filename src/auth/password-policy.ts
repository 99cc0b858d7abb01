// The one rule for agent passwords: long enough to resist guessing, short enough not to be a DoS on scrypt.
import { invalidInput } from '../core/errors.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 512;

export function assertPasswordAcceptable(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalidInput(`The password must be at least ${MIN_PASSWORD_LENGTH} characters`, [
      { field, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw invalidInput(`The password must be at most ${MAX_PASSWORD_LENGTH} characters`, [
      { field, message: `must be at most ${MAX_PASSWORD_LENGTH} characters` },
    ]);
  }
}
