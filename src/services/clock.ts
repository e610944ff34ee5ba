/** Injected everywhere "now" matters, so tests, the sandbox and the --at CLIs can fix time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that can be moved (the sandbox's "jump to date", tests); it keeps ticking from where it was set. */
export class AdjustableClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  set(at: number): void {
    this.offset = at - Date.now();
  }
  reset(): void {
    this.offset = 0;
  }
}

export function fixedClock(at: number): Clock {
  return { now: () => at };
}
