/**
 * Typed events (`noun:verb`) for audit and observability. Payloads carry ids
 * and hashes, never image bytes or list contents. Each area adds its events
 * to `HashguardEventMap`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: areas extend this map by declaration merging
export interface HashguardEventMap {}

export type EventListener<Payload> = (payload: Payload) => void;

export interface EventEmitter<Events extends Record<string, unknown>> {
  on<Name extends keyof Events>(name: Name, listener: EventListener<Events[Name]>): () => void;
  emit<Name extends keyof Events>(name: Name, payload: Events[Name]): void;
}

/**
 * A small synchronous emitter. A listener that throws never breaks the
 * operation that emitted; its error goes to `onListenerError`.
 */
export function createEventEmitter<Events extends Record<string, unknown>>(
  onListenerError: (error: unknown, name: keyof Events) => void = () => {},
): EventEmitter<Events> {
  const listeners = new Map<keyof Events, Set<EventListener<never>>>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener as EventListener<never>);
      return () => set.delete(listener as EventListener<never>);
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) {
        try {
          (listener as EventListener<typeof payload>)(payload);
        } catch (error) {
          onListenerError(error, name);
        }
      }
    },
  };
}
