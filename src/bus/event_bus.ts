/**
 * A typed publish/subscribe bus with synchronous fan-out.
 *
 * @module
 */

/** A handler for events of one topic. */
export type EventHandler<E> = (event: E) => void;

/**
 * Typed topics, synchronous delivery. `publish` calls every handler of the
 * topic in subscription order, in the caller's stack: no queue, no timer, no
 * allocation. A handler that throws stops the fan-out and the error reaches
 * the publisher, so callers that run untrusted code (strategies) catch there.
 *
 * Subscribing or unsubscribing during a publish is safe: handler arrays are
 * replaced, never mutated, so the running fan-out sees the old array.
 *
 * @example
 * ```ts
 * const bus = new EventBus<{ price: number }>();
 * const off = bus.subscribe("price", (p) => console.log(p));
 * bus.publish("price", 101.5);
 * off();
 * ```
 */
export class EventBus<Topics extends object> {
  #handlers = new Map<keyof Topics, ReadonlyArray<EventHandler<never>>>();

  /** Registers `handler` for `topic`; returns a function that removes it. */
  subscribe<K extends keyof Topics>(
    topic: K,
    handler: EventHandler<Topics[K]>,
  ): () => void {
    const current = this.#handlers.get(topic) ?? [];
    this.#handlers.set(topic, [...current, handler as EventHandler<never>]);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      const now = this.#handlers.get(topic) ?? [];
      const index = now.indexOf(handler as EventHandler<never>);
      if (index >= 0) {
        this.#handlers.set(topic, [
          ...now.slice(0, index),
          ...now.slice(index + 1),
        ]);
      }
    };
  }

  /** Delivers `event` to every handler of `topic`, synchronously, in subscription order. */
  publish<K extends keyof Topics>(topic: K, event: Topics[K]): void {
    const handlers = this.#handlers.get(topic) as
      | ReadonlyArray<EventHandler<Topics[K]>>
      | undefined;
    if (handlers === undefined) return;
    for (let i = 0; i < handlers.length; i++) {
      (handlers[i] as EventHandler<Topics[K]>)(event);
    }
  }

  /** Number of handlers subscribed to `topic`. */
  subscriberCount(topic: keyof Topics): number {
    return this.#handlers.get(topic)?.length ?? 0;
  }
}
