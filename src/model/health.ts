/**
 * Health signals from venues: connectivity, subscriptions, recoveries.
 *
 * @module
 */

/** What happened to the venue connection or its data. */
export type VenueHealthKind =
  | "connected"
  | "disconnected"
  | "reconnecting"
  | "reconnected"
  | "data_lost"
  | "data_kept"
  | "resubscribed"
  | "subscription_dropped"
  | "executions_recovered"
  | "reconciled"
  | "paused"
  | "resumed"
  | "pacing"
  | "error";

/** One health signal from a venue; the coordinator turns each into a telemetry event. */
export interface VenueHealthEvent {
  /** Kind of signal. */
  readonly kind: VenueHealthKind;
  /** Human-readable description. */
  readonly message: string;
  /** Venue code, e.g. IB's 1100/1101/1102. */
  readonly code?: number;
  /** Symbol concerned, for subscription signals. */
  readonly symbol?: string;
  /** Market time, epoch ms. */
  readonly ts: number;
  /** Extra structured detail copied to telemetry. */
  readonly detail?: Readonly<Record<string, unknown>>;
}
