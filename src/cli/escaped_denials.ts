/**
 * Permission refusals that escape every handler (thrown from a timer or a
 * promise nobody awaited, e.g. in a strategy's async helper). The job entry
 * catches them globally; a running command registers here to stop cleanly
 * (log flushed, orders cancelled, exit 1) instead of the process ending
 * mid-write.
 *
 * @module
 */

/** Receives the one-line explanation of an escaped refusal. */
export type EscapedDenialListener = (line: string) => void;

const listeners = new Set<EscapedDenialListener>();

/** Registers `listener` while a command runs; returns the function that removes it. */
export function onEscapedDenial(listener: EscapedDenialListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Hands an escaped refusal's line to the registered listeners; false when
 * none is registered (the caller then ends the process itself).
 */
export function deliverEscapedDenial(line: string): boolean {
  if (listeners.size === 0) return false;
  for (const listener of listeners) listener(line);
  return true;
}
