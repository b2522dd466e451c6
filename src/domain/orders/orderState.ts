/**
 * One order as its stream folds it: what was placed, what was paid, and the
 * refunds so far (their ids, to know a retry, and their totals, to hold refunds
 * within the payment). An order paid without a placement is paid directly.
 */
import type { OrderEvent } from './orderEvents.js';

export interface OrderFiguresRecorded {
  readonly buyerId: string;
  readonly amount: number;
  readonly units: number;
  readonly at: number;
}

export interface RecordedRefund {
  readonly buyerId: string;
  readonly amount: number;
  readonly units: number;
}

export interface OrderState {
  readonly placed?: OrderFiguresRecorded;
  readonly paid?: OrderFiguresRecorded;
  /** Refunds by refundId. */
  readonly refunds: Readonly<Record<string, RecordedRefund>>;
  readonly refundedAmount: number;
  readonly refundedUnits: number;
}

export const initialOrderState = (): OrderState => ({ refunds: {}, refundedAmount: 0, refundedUnits: 0 });

const figuresOf = (d: OrderFiguresRecorded): OrderFiguresRecorded => ({ buyerId: d.buyerId, amount: d.amount, units: d.units, at: d.at });

export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  switch (event.type) {
    case 'OrderPlaced':
      return { ...state, placed: figuresOf(event.data) };
    case 'OrderPaid':
      return { ...state, paid: figuresOf(event.data) };
    case 'OrderRefunded': {
      const { refundId, buyerId, amount, units } = event.data;
      return {
        ...state,
        refunds: { ...state.refunds, [refundId]: { buyerId, amount, units } },
        refundedAmount: state.refundedAmount + amount,
        refundedUnits: state.refundedUnits + units,
      };
    }
  }
};
