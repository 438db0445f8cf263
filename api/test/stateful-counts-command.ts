import { expect } from 'vitest';
import { countsOf, readCounts } from './counts.ts';
import { always, type Command, type Model, type Real } from './stateful-model.ts';

/** `GET /tasks/counts` agrees with counting the model's tasks, whatever wrote them. */
export class CountsCommand implements Command {
  check = always;
  async run(model: Model, real: Real) {
    expect(await readCounts(real.user)).toEqual(countsOf([...model.tasks.values()]));
  }
  toString = () => 'counts';
}
