import { QueryState, useTRPC } from '@fareway/api-client';
import { browserTimeZone, humanize, Pager, SelectField, TextField, zonedInputToInstant } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { dayRange, FilterForm, optionsOf } from '../lib/filters';
import { RefundsTable } from './refunds-table';

const route = getRouteApi('/refunds');
type Search = ReturnType<typeof route.useSearch>;

/** Every refund, newest first; failed ones are retried from here. */
export function RefundsPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { from, to, ...rest } = search;
  const input = { ...rest, ...dayRange(from, to, browserTimeZone(), zonedInputToInstant), page: search.page ?? 1, limit: 25 };
  const refunds = useQuery(trpc.admin.refunds.list.queryOptions(input, { placeholderData: keepPreviousData }));
  return (
    <>
      <div className="admin-head">
        <h1 className="admin-title">Refunds</h1>
        <Link to="/payments">← Payments</Link>
      </div>
      <FilterForm
        key={JSON.stringify(search)}
        label="Filter refunds"
        busy={refunds.isFetching}
        onApply={(values) =>
          void navigate({
            search: {
              status: values.status as Search['status'],
              reason: values.reason as Search['reason'],
              from: values.from,
              to: values.to,
            },
          })
        }
        onClear={() => void navigate({ search: {} })}
      >
        <SelectField
          label="Status"
          name="status"
          defaultValue={search.status ?? ''}
          options={optionsOf(['pending', 'succeeded', 'failed'], humanize)}
        />
        <SelectField
          label="Why"
          name="reason"
          defaultValue={search.reason ?? ''}
          options={optionsOf(['cancellation', 'orphan', 'admin'], humanize)}
        />
        <TextField label="Created from" name="from" type="date" defaultValue={search.from ?? ''} />
        <TextField label="Created until" name="to" type="date" defaultValue={search.to ?? ''} />
      </FilterForm>
      <QueryState query={refunds} what="refunds" isEmpty={(data) => data.items.length === 0} empty={<p>No refund matches.</p>}>
        {(data) => (
          <>
            <RefundsTable label="Refunds" refunds={data.items} withCustomer />
            <Pager
              page={data.meta.page}
              limit={data.meta.limit}
              total={data.meta.total}
              busy={refunds.isFetching}
              onPage={(next) => void navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) })}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
