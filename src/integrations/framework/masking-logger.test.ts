import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../log.js';
import { createRedactor } from '../kit/redact.js';
import { maskingLogger } from './masking-logger.js';

describe('maskingLogger', () => {
  it('masks secret values in messages, nested objects, errors and child loggers', () => {
    let out = '';
    const sink = new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) });
    const log = maskingLogger(createLogger('trace', sink), createRedactor(['hunter2-secret']));
    log.info({ detail: { note: 'vendor said hunter2-secret is wrong' } }, 'bind failed for hunter2-secret');
    log.error({ err: new Error('401 for client_secret=hunter2-secret') }, 'oops');
    log.child({ tag: 'x hunter2-secret' }).warn('child %s', 'hunter2-secret');
    expect(out).not.toContain('hunter2-secret');
    expect(out.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(4);
  });
});
