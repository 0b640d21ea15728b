/** The commands' clock: an ISO-8601 instant. Tests and the demo pass their own. */
export type Clock = () => string;
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = () => new Date().toISOString();
