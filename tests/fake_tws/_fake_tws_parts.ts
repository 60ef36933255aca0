/**
 * Builds the parts of a fake TWS from its options: account state, desks,
 * traffic log and the listening server.
 *
 * @module
 */
import { toDecimal, WallClock } from "../../src/model/mod.ts";
import { AccountBook, DEFAULT_ACCOUNT_SUMMARY } from "./account_book.ts";
import { AccountDesk } from "./account_desk.ts";
import { ConditionWaiters } from "./_condition_waiters.ts";
import { ContractRegistry, DEFAULT_CONTRACTS } from "./contract_registry.ts";
import type { FakeTwsOptions } from "./fake_tws_options.ts";
import { syntheticHistoricalBars } from "./historical_bars.ts";
import { MarketDesk } from "./market_desk.ts";
import { SUPPORTED_SERVER_VERSIONS } from "./message_ids.ts";
import { OrderBook } from "./order_book.ts";
import { OrderDesk, orderDeskSettings } from "./order_desk.ts";
import { TrafficLog } from "./traffic_log.ts";
import { QuoteBoard, type TwsContext } from "./_tws_context.ts";
import { TwsServer } from "./_tws_server.ts";

/** Everything a running fake is made of. */
export interface FakeTwsParts {
  readonly port: number;
  readonly ctx: TwsContext;
  readonly orderDesk: OrderDesk;
  readonly marketDesk: MarketDesk;
  readonly accountDesk: AccountDesk;
  readonly server: TwsServer;
  readonly traffic: TrafficLog;
  readonly waiters: ConditionWaiters;
  readonly protocolErrors: string[];
  readonly settleMs: number;
}

/** Validates `options`, wires the fake's parts and starts listening on 127.0.0.1:0. */
export async function assembleFakeTws(options: FakeTwsOptions): Promise<FakeTwsParts> {
  const accounts = [...(options.accounts ?? ["DU1234567"])];
  if (accounts.length === 0) throw new RangeError("accounts: at least one account is required");
  const serverVersion = options.serverVersion ?? 176;
  const { min, max } = SUPPORTED_SERVER_VERSIONS;
  if (!Number.isInteger(serverVersion) || serverVersion < min || serverVersion > max) {
    throw new RangeError(
      `serverVersion: must be an integer in ${min}..${max}, got ${serverVersion}`,
    );
  }
  const contracts = new ContractRegistry(options.contracts ?? DEFAULT_CONTRACTS);
  const account = new AccountBook(accounts, options.accountSummary ?? DEFAULT_ACCOUNT_SUMMARY);
  for (const [symbol, spec] of Object.entries(options.positions ?? {})) {
    const contract = contracts.get(symbol);
    if (!contract) throw new RangeError(`positions.${symbol}: not in contracts`);
    account.setPosition(spec.account ?? accounts[0]!, {
      contract,
      quantity: toDecimal(spec.quantity),
      avgCost: toDecimal(spec.avgCost),
    });
  }
  const traffic = new TrafficLog();
  const waiters = new ConditionWaiters();
  const protocolErrors: string[] = [];
  const ctx: TwsContext = {
    serverVersion,
    accounts,
    clock: options.clock ?? new WallClock(),
    contracts,
    orders: new OrderBook(options.firstOrderId ?? 1),
    account,
    quotes: new QuoteBoard(),
    // `server` is created below; this runs only once connections exist.
    readyConnections: () => server.readyConnections(),
    changed: () => waiters.notify(),
  };
  const accountDesk = new AccountDesk(ctx);
  const orderDesk = new OrderDesk(ctx, {
    settings: orderDeskSettings(options),
    onPositionChanged: (position) => accountDesk.publishPosition(position),
  });
  const marketDesk = new MarketDesk(ctx, options.historicalBars ?? syntheticHistoricalBars);
  const server = new TwsServer(
    { ctx, orders: orderDesk, market: marketDesk, account: accountDesk },
    {
      farmStatusOnConnect: options.farmStatusOnConnect ?? true,
      nextSeq: () => traffic.size,
      hooks: {
        onRequest: (request) => traffic.record(request),
        onProtocolError: (message) => {
          protocolErrors.push(message);
          waiters.notify();
        },
      },
    },
  );
  const port = await server.listen();
  return {
    port,
    ctx,
    orderDesk,
    marketDesk,
    accountDesk,
    server,
    traffic,
    waiters,
    protocolErrors,
    settleMs: options.settleMs ?? 110,
  };
}
