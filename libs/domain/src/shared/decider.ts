/** Events and commands are plain data: a type name and a payload, so they serialise as they are. */
export type DomainEvent<Type extends string = string, Data = unknown> = Readonly<{ type: Type; data: Readonly<Data> }>;
export type DomainCommand<Type extends string = string, Data = unknown> = Readonly<{ type: Type; data: Readonly<Data> }>;

/**
 * Decide / evolve (as in Emmett): state only ever changes by applying an event, so replaying history
 * runs exactly the code that produced it. `decide` throws a DomainError when the command is refused.
 */
export interface Decider<Command, Event, State, Context> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State, context: Context) => Event[];
}

export function replay<Event, State>(
  decider: Pick<Decider<unknown, Event, State, unknown>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce<State>((state, event) => decider.evolve(state, event), decider.initialState());
}
