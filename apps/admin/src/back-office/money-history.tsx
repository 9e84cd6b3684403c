import { Card } from '@fareway/ui';
import type { ComponentProps } from 'react';
import { RefundsTable } from './refunds-table';
import { Timeline } from './timeline';

/** A booking's or a payment's refunds and its timeline (from the audit log), as both pages end. */
export function MoneyHistory({
  of,
  refunds,
  timeline,
}: {
  of: 'booking' | 'payment';
  refunds: ComponentProps<typeof RefundsTable>['refunds'];
  timeline: ComponentProps<typeof Timeline>['lines'];
}) {
  return (
    <>
      <Card title="Refunds">
        {refunds.length === 0 ? (
          <p className="fw-muted">No refunds.</p>
        ) : (
          <RefundsTable label={`Refunds of this ${of}`} refunds={refunds} />
        )}
      </Card>
      <Card title="Timeline">
        <Timeline lines={timeline} label={`${of === 'booking' ? 'Booking' : 'Payment'} timeline`} />
      </Card>
    </>
  );
}
