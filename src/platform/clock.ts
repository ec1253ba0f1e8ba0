/**
 * The one place the app asks for the time. Production uses the system clock; tests and the sandbox
 * pass a clock they can move, so scheduled work can be watched without waiting.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until it is moved: for tests and the sandbox. */
export class ManualClock implements Clock {
  #now: Date;
  constructor(start: Date) {
    this.#now = new Date(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(to: Date): void {
    this.#now = new Date(to);
  }
}
