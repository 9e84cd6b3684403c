import type { RouterOutputs } from '@fareway/api-client';
import { formatMoney } from '@fareway/ui';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

type Days = RouterOutputs['admin']['dashboard']['days'];

/** "2026-03-10" → "10 Mar": a UTC day as the axis shows it. */
const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * Bookings and net revenue per UTC day for 30 days (recharts, in its own lazy
 * chunk so the rest of the console does not load it). Revenue is drawn for one
 * currency at a time: minor units of different currencies do not add up.
 */
export function DashboardCharts({ days, currency }: { days: Days; currency: string | null }) {
  const rows = days.map((d) => ({
    day: dayLabel(d.day),
    bookings: d.bookings,
    net: currency ? (d.revenue.find((m) => m.currency === currency)?.netMinor ?? 0) : 0,
  }));
  return (
    <div className="admin-charts">
      <figure className="admin-chart">
        <figcaption>Paid bookings per day</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" interval="preserveStartEnd" minTickGap={24} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="bookings" name="Bookings" fill="#2563eb" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      {currency ? (
        <figure className="admin-chart">
          <figcaption>Net revenue per day ({currency})</figcaption>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" interval="preserveStartEnd" minTickGap={24} tick={{ fontSize: 12 }} />
              <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatMoney(v, currency).replace(/\.00$/, '')} width={90} />
              <Tooltip formatter={(v) => formatMoney(Number(v), currency)} />
              <Line dataKey="net" name="Net revenue" stroke="#059669" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      ) : null}
    </div>
  );
}
