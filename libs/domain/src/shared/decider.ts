import type { DomainError } from './domain-error';

/**
 * The shape of every aggregate (Chassaing's Decider). Pure: no clock, no randomness, no I/O.
 * Time, actor and ids come in the command; anything another stream knows comes in `context`,
 * loaded by the command handler before it calls decide.
 */
export interface Decider<Command, Event, State, Context = undefined> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: Context): Event[] | DomainError;
}

/** Folds events into state; what a handler does after reading a stream. */
export function fold<Event, State>(evolve: (s: State, e: Event) => State, initial: State, events: Iterable<Event>): State {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}
