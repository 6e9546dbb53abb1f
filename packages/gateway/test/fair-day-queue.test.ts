import { describe, expect, it } from 'vitest';
import { FairDayQueue } from '../src/upstream/fair-day-queue.js';

function drain(queue: FairDayQueue): string[] {
  const taken: string[] = [];
  for (let date = queue.take(); date !== undefined; date = queue.take()) taken.push(date);
  return taken;
}

describe('FairDayQueue: round-robin between client keys', () => {
  it("a key's second day goes after every other key's first, whatever the order they came in", () => {
    const queue = new FairDayQueue();
    for (const day of ['a1', 'a2', 'a3', 'a4']) queue.add('A', day);
    queue.add('B', 'b1');
    queue.add('B', 'b2');
    queue.add('C', 'c1');
    expect(queue.order()).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
    expect(queue.position('c1')).toBe(2);
    expect(drain(queue)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  });

  it('a key that arrives after another was served goes next, not after its backlog', () => {
    const queue = new FairDayQueue();
    for (const day of ['a1', 'a2', 'a3']) queue.add('A', day);
    expect(queue.take()).toBe('a1');
    queue.add('B', 'b1');
    expect(queue.order()).toEqual(['b1', 'a2', 'a3']);
    expect(drain(queue)).toEqual(['b1', 'a2', 'a3']);
  });

  it('a day two keys want is taken once, at the earlier of its places', () => {
    const queue = new FairDayQueue();
    for (const day of ['a1', 'a2', 'shared']) queue.add('A', day);
    queue.add('B', 'shared');
    expect(drain(queue)).toEqual(['a1', 'shared', 'a2']);
    expect(queue.position('shared')).toBe(-1);
  });
});
