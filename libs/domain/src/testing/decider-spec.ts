import { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Given / when / then for deciders: `given` events are folded into state, `when` decides a command,
 * `then` compares the events it produced (and applies them, so evolve is exercised too), `thenThrows`
 * checks the error's class and, optionally, its stable reason.
 */
export function spec<Command, Event, State, Context>(decider: Decider<Command, Event, State, Context>, defaultContext?: Context) {
  return {
    given: (history: readonly Event[]) => ({
      when: (command: Command, context: Context | undefined = defaultContext) => {
        const run = (): Event[] => {
          const state = history.reduce<State>((current, event) => decider.evolve(current, event), decider.initialState());
          const events = decider.decide(command, state, context as Context);
          events.reduce<State>((current, event) => decider.evolve(current, event), state);
          return events;
        };
        return {
          then: (expected: readonly Event[]): void => {
            expect(run()).toEqual(expected);
          },
          thenThrows: (errorClass: ErrorClass, reason?: string): void => {
            let produced: Event[];
            try {
              produced = run();
            } catch (error) {
              expect(error).toBeInstanceOf(errorClass);
              if (reason !== undefined) expect((error as DomainError).reason).toBe(reason);
              return;
            }
            throw new Error(`Expected ${errorClass.name}${reason ? ` (${reason})` : ''}, but decide returned ${JSON.stringify(produced)}`);
          },
        };
      },
    }),
  };
}
