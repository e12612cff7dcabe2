import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progress-bar';

function fakeTerminal() {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text) } as never };
}

describe('createProgressBar', () => {
  it('redraws in place as files finish and ends on a cleared line', () => {
    const { writes, stream } = fakeTerminal();
    const bar = createProgressBar(4, stream);
    for (let i = 0; i < 4; i++) bar.tick();
    bar.done();
    expect(writes[0]).toBe(`\r[${'-'.repeat(30)}] 0/4`);
    expect(writes).toContain(`\r[${'#'.repeat(15)}${'-'.repeat(15)}] 2/4`);
    expect(writes.at(-2)).toBe(`\r[${'#'.repeat(30)}] 4/4`);
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('does not redraw when the bar would not move', () => {
    const { writes, stream } = fakeTerminal();
    const bar = createProgressBar(3000, stream);
    for (let i = 0; i < 3000; i++) bar.tick();
    expect(writes.length).toBeLessThanOrEqual(32); // Once per step of 30, plus start and end.
  });
});
