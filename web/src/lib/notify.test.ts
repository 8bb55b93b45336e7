import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorField, isServerFault } from './notify';

describe('errorField', () => {
  it('uses details.field when the server names one', () => {
    expect(errorField(new ApiError(400, 'validation_failed', 'm', 'r', { field: 'display_name' }))).toBe('display_name');
  });

  it('maps field-shaped codes without details to their field', () => {
    expect(errorField(new ApiError(409, 'username_taken', 'm'))).toBe('username');
    expect(errorField(new ApiError(400, 'invalid_id_number', 'm', null, { reason: 'check_digit' }))).toBe('id_number');
    expect(errorField(new ApiError(400, 'invalid_uscc', 'm'))).toBe('uscc');
  });

  it('is null for errors about no field', () => {
    expect(errorField(new ApiError(403, 'forbidden', 'm'))).toBeNull();
    expect(errorField(new Error('x'))).toBeNull();
  });
});

describe('isServerFault', () => {
  it('treats 5xx, network failures and non-API errors as faults that need a request id dialog', () => {
    expect(isServerFault(new ApiError(500, 'internal', 'm'))).toBe(true);
    expect(isServerFault(new ApiError(0, 'network_error', 'm'))).toBe(true);
    expect(isServerFault(new TypeError('x'))).toBe(true);
    expect(isServerFault(new ApiError(400, 'validation_failed', 'm'))).toBe(false);
    expect(isServerFault(new ApiError(429, 'too_many_requests', 'm'))).toBe(false);
  });
});
