import { describe, expect, it } from 'vitest';
import { matchPath } from './router.js';

describe('matchPath', () => {
  it('matches literal segments and captures parameters', () => {
    expect(matchPath('/instances/:id/runs/:runId', '/instances/4/runs/17')).toEqual({ id: '4', runId: '17' });
    expect(matchPath('/customers', '/customers')).toEqual({});
    expect(matchPath('/customers/:id', '/customers/a%20b')).toEqual({ id: 'a b' });
  });
  it('rejects different lengths and literals', () => {
    expect(matchPath('/customers/:id', '/customers')).toBeNull();
    expect(matchPath('/customers/:id', '/sites/1')).toBeNull();
  });
});
