import { expect, it } from 'vitest';
import { assertAssignable } from './assert-assignable.js';

it('refuses API-only and inactive agents with a 400 naming the field, and accepts the rest', () => {
  expect(() => assertAssignable({ id: 1, is_api_only: 0, inactive: 0 })).not.toThrow();
  expect(() => assertAssignable({ id: 2, is_api_only: 1, inactive: 0 })).toThrow(
    expect.objectContaining({
      status: 400,
      code: 'AGENT_NOT_ASSIGNABLE',
      details: [{ field: 'agent_id', message: 'is an API-only agent' }],
    }),
  );
  expect(() => assertAssignable({ id: 3, is_api_only: false, inactive: true }, 'assigned_agent')).toThrow(
    expect.objectContaining({ details: [{ field: 'assigned_agent', message: 'is inactive' }] }),
  );
});
