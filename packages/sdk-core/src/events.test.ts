import { describe, expect, it } from 'vitest';
import { createEventEmitter } from './events';

type Events = { 'thing:done': { id: string } };

describe('createEventEmitter', () => {
  it('delivers payloads to listeners until they unsubscribe', () => {
    const events = createEventEmitter<Events>();
    const seen: string[] = [];
    const off = events.on('thing:done', ({ id }) => seen.push(id));
    events.emit('thing:done', { id: 'a' });
    off();
    events.emit('thing:done', { id: 'b' });
    expect(seen).toEqual(['a']);
  });

  it('keeps emitting when a listener throws, and reports the error', () => {
    const errors: unknown[] = [];
    const events = createEventEmitter<Events>((error) => errors.push(error));
    const seen: string[] = [];
    events.on('thing:done', () => {
      throw new Error('listener bug');
    });
    events.on('thing:done', ({ id }) => seen.push(id));
    events.emit('thing:done', { id: 'a' });
    expect(seen).toEqual(['a']);
    expect(errors).toHaveLength(1);
  });
});
