/**
 * OPEN_ORDER, built section by section in the order stoqey/ib 1.6.10
 * decoder.ts `decodeMsg_OPEN_ORDER` calls its `OrderDecoder` readers. From
 * ORDER_CONTAINER (145) on there is no version field and every reader's
 * version check uses the server version. Optional blocks the decoder only
 * reads when a leading field is set (delta-neutral order, scale price
 * increment, hedge, algo, conditions, combo legs) are sent empty, so they are
 * skipped. A plain STK order is 128 fields at server version 176.
 *
 * @module
 */
import type { Decimal } from "../../src/model/mod.ts";
import { MinServerVersion, ServerMessageId } from "./message_ids.ts";
import type { WireContract } from "./server_messages.ts";
import type { WireValue } from "./wire.ts";

/** What an OPEN_ORDER reports about one order. */
export interface OpenOrderFields {
  readonly orderId: number;
  readonly contract: WireContract;
  /** `BUY` or `SELL`. */
  readonly action: string;
  readonly totalQuantity: Decimal;
  readonly orderType: string;
  readonly lmtPrice: Decimal | undefined;
  readonly auxPrice: Decimal | undefined;
  readonly tif: string;
  readonly ocaGroup: string;
  readonly account: string;
  readonly openClose: string;
  readonly origin: number;
  readonly orderRef: string;
  readonly clientId: number;
  /** Unique and non-zero: IBApiNext matches orders by it. */
  readonly permId: number;
  readonly outsideRth: boolean;
  readonly hidden: boolean;
  readonly goodAfterTime: string;
  readonly goodTillDate: string;
  readonly parentId: number;
  /** OrderState.status, e.g. `Submitted`, `Filled`, `Cancelled`. */
  readonly status: string;
}

/** Builds the OPEN_ORDER fields for `order` at `serverVersion` (166..193). */
export function openOrderMessage(order: OpenOrderFields, serverVersion: number): WireValue[] {
  const v = serverVersion;
  const c = order.contract;
  const f: WireValue[] = [ServerMessageId.OPEN_ORDER];
  f.push(order.orderId); // readOrderId
  // readContractFields
  f.push(c.conId, c.symbol, c.secType, "", 0, "", "", c.exchange, c.currency, c.localSymbol);
  f.push(c.tradingClass);
  f.push(order.action); // readAction
  f.push(order.totalQuantity); // readTotalQuantity
  f.push(order.orderType); // readOrderType
  f.push(order.lmtPrice); // readLmtPrice (empty = undefined)
  f.push(order.auxPrice); // readAuxPrice
  f.push(order.tif, order.ocaGroup, order.account, order.openClose, order.origin, order.orderRef);
  f.push(order.clientId, order.permId); // readClientId, readPermId
  f.push(order.outsideRth, order.hidden ? 1 : 0); // readOutsideRth, readHidden
  f.push(0); // readDiscretionaryAmount
  f.push(order.goodAfterTime); // readGoodAfterTime
  f.push(""); // skipSharesAllocation
  f.push("", "", ""); // readFAParams: faGroup, faMethod, faPercentage
  if (v < MinServerVersion.FA_PROFILE_DESUPPORT) f.push(""); // faProfile
  f.push(""); // readModelCode
  f.push(order.goodTillDate); // readGoodTillDate
  f.push(""); // readRule80A
  f.push(""); // readPercentOffset
  f.push(""); // readSettlingFirm
  f.push(0, "", -1); // readShortSaleParams: shortSaleSlot, designatedLocation, exemptCode
  f.push(0); // readAuctionStrategy
  f.push("", "", ""); // readBoxOrderParams: startingPrice, stockRefPrice, delta
  f.push("", ""); // readPegToStkOrVolOrderParams: stockRangeLower, stockRangeUpper
  f.push(""); // readDisplaySize
  // readOldStyleOutsideRth reads nothing from version 18 on.
  f.push(false, false, false); // readBlockOrder, readSweepToFill, readAllOrNone
  f.push(""); // readMinQty
  f.push(0); // readOcaType
  f.push(false, false); // readETradeOnly, readFirmQuoteOnly
  f.push(""); // readNbboPriceCap
  f.push(order.parentId); // readParentId
  f.push(0); // readTriggerMethod
  // readVolOrderParams: volatility, volatilityType, deltaNeutralOrderType (empty:
  // no delta-neutral block), deltaNeutralAuxPrice, continuousUpdate, referencePriceType
  f.push("", 0, "", "", 0, 0);
  f.push("", ""); // readTrailParams: trailStopPrice, trailingPercent
  f.push("", ""); // readBasisPoints: basisPoints, basisPointsType
  f.push("", 0, 0); // readComboLegs: description, comboLegsCount, orderComboLegsCount
  f.push(0); // readSmartComboRoutingParams: count
  // readScaleOrderParams: initLevelSize, subsLevelSize, priceIncrement (empty: no scale block)
  f.push("", "", "");
  f.push(""); // readHedgeParams: hedgeType (empty: no hedgeParam)
  f.push(false); // readOptOutSmartRouting
  f.push("", ""); // readClearingParams: clearingAccount, clearingIntent
  f.push(false); // readNotHeld
  f.push(false); // readDeltaNeutral: no delta-neutral contract
  f.push(""); // readAlgoParams: algoStrategy (empty: no params)
  f.push(false); // readSolicited
  // readWhatIfInfoAndCommission
  f.push(false, order.status); // whatIf, readOrderStatus
  f.push("", "", "", "", "", ""); // WHAT_IF_EXT_FIELDS: margins and equity before/change
  f.push("", "", ""); // initMarginAfter, maintMarginAfter, equityWithLoanAfter
  f.push("", "", "", "", ""); // commission, minCommission, maxCommission, commissionCurrency, warningText
  f.push(false, false); // readVolRandomizeFlags: randomizeSize, randomizePrice
  if (order.orderType === "PEG BENCH" || order.orderType === "PEGBENCH") {
    f.push(0, false, 0, 0, ""); // readPegToBenchParams
  }
  f.push(0); // readConditions: count (0: no conditionsIgnoreRth / conditionsCancelOrder)
  // readAdjustedOrderParams: adjustedOrderType, triggerPrice, trailStopPrice, lmtPriceOffset,
  // adjustedStopPrice, adjustedStopLimitPrice, adjustedTrailingAmount, adjustableTrailingUnit
  f.push("", "", "", "", "", "", "", 0);
  f.push("", "", ""); // readSoftDollarTier: name, value, displayName
  f.push(""); // readCashQty
  f.push(false); // readDontUseAutoPriceForHedge
  f.push(false); // readIsOmsContainer
  f.push(false); // readDiscretionaryUpToLimitPrice
  f.push(false); // readUsePriceMgmtAlgo
  f.push(""); // readDuration (DURATION, 158)
  f.push(""); // readPostToAts (POST_TO_ATS, 160)
  f.push(false); // readAutoCancelParent (AUTO_CANCEL_PARENT, 162)
  if (v >= MinServerVersion.PEGBEST_PEGMID_OFFSETS) f.push("", "", "", "", ""); // readPegBestPegMid...
  if (v >= MinServerVersion.CUSTOMER_ACCOUNT) f.push(""); // readCustomerAccount
  if (v >= MinServerVersion.PROFESSIONAL_CUSTOMER) f.push(false); // readProfessionalCustomer
  if (v >= MinServerVersion.BOND_ACCRUED_INTEREST) f.push(""); // readBondAccruedInterest
  if (v >= MinServerVersion.INCLUDE_OVERNIGHT) f.push(false); // readIncludeOvernight
  if (v >= MinServerVersion.CME_TAGGING_FIELDS_IN_OPEN_ORDER) f.push("", ""); // readCMETaggingFields
  return f;
}
