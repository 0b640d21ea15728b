import { fold, type Decider } from '../shared/decider';
import { isDomainError, type DomainError } from '../shared/domain-error';

/**
 * given(past events).when(command, context).then(new events) | .thenFails(code), in the spirit
 * of Emmett's DeciderSpecification. Test-only (excluded from the build); uses jest's expect.
 */
export function DeciderSpecification<C, E, S, X>(decider: Decider<C, E, S, X>) {
  return {
    given(events: E[] = []) {
      return {
        when(command: C, context?: X) {
          const run = (): { state: S; result: E[] | DomainError } => {
            const state = fold(decider.evolve, decider.initialState, events);
            return { state, result: decider.decide(command, state, context as X) };
          };
          const expectEvents = (): { state: S; produced: E[] } => {
            const { state, result } = run();
            if (isDomainError(result)) throw new Error(`expected events, got refusal ${result.code}: ${result.message}`);
            return { state, produced: result };
          };
          return {
            /** The command succeeds with exactly these events, and they fold. */
            then(expected: E[]): E[] {
              const { state, produced } = expectEvents();
              expect(produced).toEqual(expected);
              fold(decider.evolve, state, produced);
              return produced;
            },
            /** The command succeeds; the events are checked by the callback. */
            thenMatches(check: (produced: E[], after: S) => void): E[] {
              const { state, produced } = expectEvents();
              check(produced, fold(decider.evolve, state, produced));
              return produced;
            },
            /** The command is refused with this code. */
            thenFails(code: string): DomainError {
              const { result } = run();
              if (!isDomainError(result)) {
                throw new Error(`expected refusal ${code}, got events ${JSON.stringify(result.map((e) => (e as { type?: string }).type))}`);
              }
              expect(result.code).toBe(code);
              return result;
            },
          };
        },
      };
    },
  };
}
