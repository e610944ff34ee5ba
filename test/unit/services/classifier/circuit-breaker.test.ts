import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../../src/services/classifier/classifier';

describe('the model circuit breaker', () => {
  it('opens after three failures in a row, for the cool-down, then lets one probe through', () => {
    let now = 0;
    const b = new CircuitBreaker(3, 60_000, () => now);
    b.record(false);
    b.record(false);
    expect(b.allows()).toBe(true);
    b.record(true);
    b.record(false);
    b.record(false);
    expect(b.allows()).toBe(true);
    b.record(false);
    expect(b.allows()).toBe(false);
    now += 59_999;
    expect(b.allows()).toBe(false);
    now += 1;
    expect(b.allows()).toBe(true);
    b.record(true);
    expect(b.allows()).toBe(true);
  });
});
