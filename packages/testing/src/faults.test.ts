import { describe, expect, it } from 'vitest';
import { createFaultPlanner } from './faults';

describe('createFaultPlanner', () => {
  const draws = (seed: number) => {
    const planner = createFaultPlanner(seed, [{ kind: 'server-error', probability: 0.3 }]);
    return Array.from({ length: 200 }, () => planner.decide('cybertipline.submit')?.kind ?? 'none');
  };

  it('makes the same decisions for the same seed, different ones for another seed', () => {
    expect(draws(3)).toEqual(draws(3));
    expect(draws(3)).not.toEqual(draws(4));
    const hits = draws(3).filter((kind) => kind !== 'none').length;
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThan(90);
  });

  it('stops after `times` and matches routes exactly, by service, or all', () => {
    const planner = createFaultPlanner(1);
    planner.add({ kind: 'reset', route: 'cybertipline.finish', times: 1 });
    planner.add({ kind: 'hang', route: 'hash-sharing.*' });
    expect(planner.decide('cybertipline.submit')).toBeNull();
    expect(planner.decide('cybertipline.finish')?.kind).toBe('reset');
    expect(planner.decide('cybertipline.finish')).toBeNull();
    expect(planner.decide('hash-sharing.entries')?.kind).toBe('hang');
    planner.add({ kind: 'latency' });
    expect(planner.decide('lists.hashes')?.kind).toBe('latency');
  });

  it('reset() returns to the initial rules', () => {
    const planner = createFaultPlanner(1, [{ kind: 'malformed', route: 'lists.*' }]);
    planner.add({ kind: 'reset' });
    planner.reset(1);
    expect(planner.list()).toEqual([{ kind: 'malformed', route: 'lists.*' }]);
  });

  it('rejects an unknown kind and an impossible probability', () => {
    const planner = createFaultPlanner(1);
    expect(() => planner.add({ kind: 'explode' as never })).toThrow(TypeError);
    expect(() => planner.add({ kind: 'reset', probability: 2 })).toThrow(RangeError);
  });
});
