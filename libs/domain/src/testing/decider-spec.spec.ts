import { Decider } from '../shared/decider';
import { IllegalTransition, ValidationFailed } from '../shared/domain-error';
import { spec } from './decider-spec';

type Added = { type: 'Added'; data: { n: number } };
type Add = { type: 'Add'; data: { n: number } };
const counter: Decider<Add, Added, number, { max: number }> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.n,
  decide: (command, total, { max }) => {
    if (total + command.data.n > max) throw new IllegalTransition('over-max', 'too much');
    return [{ type: 'Added', data: { n: command.data.n } }];
  },
};
const add = (n: number): Add => ({ type: 'Add', data: { n } });
const added = (n: number): Added => ({ type: 'Added', data: { n } });

// The DSL must be able to fail, or every spec written with it could pass for nothing.
describe('decider-spec DSL', () => {
  const given = spec(counter, { max: 10 }).given([added(4), added(5)]);

  it('passes when decide returns exactly the expected events', () => {
    given.when(add(1)).then([added(1)]);
  });

  it('fails when the events differ', () => {
    expect(() => given.when(add(1)).then([added(2)])).toThrow();
    expect(() => given.when(add(1)).then([])).toThrow();
  });

  it('folds the given events into the state before deciding', () => {
    given.when(add(2)).thenThrows(IllegalTransition, 'over-max');
    spec(counter, { max: 10 }).given([]).when(add(2)).then([added(2)]);
  });

  it('takes a context per command, overriding the default', () => {
    given.when(add(2), { max: 20 }).then([added(2)]);
  });

  it('fails when nothing is thrown, the class differs or the reason differs', () => {
    expect(() => given.when(add(1)).thenThrows(IllegalTransition)).toThrow(/Expected IllegalTransition/);
    expect(() => given.when(add(2)).thenThrows(ValidationFailed)).toThrow();
    expect(() => given.when(add(2)).thenThrows(IllegalTransition, 'another-reason')).toThrow();
  });
});
