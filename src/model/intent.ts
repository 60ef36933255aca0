/**
 * Order intents: what strategies say they want, before the coordinator turns
 * it into orders.
 *
 * @module
 */

/**
 * `target_position`: hold exactly `quantity` shares (signed).
 * `market_delta`: buy (positive) or sell (negative) `quantity` more shares now.
 */
export type OrderIntentType = "target_position" | "market_delta";

/** A strategy's request, queued for the coordinator. */
export interface OrderIntent {
  /** Strategy that stated the intent. */
  readonly strategyId: string;
  /** Upper-case ticker. */
  readonly symbol: string;
  /** Absolute target or relative delta. */
  readonly type: OrderIntentType;
  /** Signed shares: the target (target_position) or the delta (market_delta). */
  readonly quantity: number;
  /** Optional limit price; absent means a market order. */
  readonly limitPrice?: number;
  /** Market time the intent was stated, epoch ms. */
  readonly ts: number;
  /** Free-form context the strategy attaches (signal values, reasons); copied to telemetry. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** Why an intent or order did not go (further) to the broker, reported to the strategy. */
export interface Denial {
  /** Strategy whose intent was denied. */
  readonly strategyId: string;
  /** Upper-case ticker. */
  readonly symbol: string;
  /** Which check refused: e.g. `max_order_size`, `daily_loss`, `live_guard`, `envelope`. */
  readonly rule: string;
  /** Human-readable reason. */
  readonly reason: string;
  /** Signed quantity that was refused. */
  readonly quantity: number;
  /** Market time, epoch ms. */
  readonly ts: number;
}
