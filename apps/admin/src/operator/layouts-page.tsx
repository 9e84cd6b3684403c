import { QueryState, useTRPC } from '@fareway/api-client';
import { Card, SeatPlan } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { OfficeFrame } from './office-frame';
import { SeatLayoutEditor } from './seat-layout-editor';

const route = getRouteApi('/office/$organizationId/layouts');

/** The operator's seat layouts, each as customers will see it, and the editor for a new one. */
export function LayoutsPage() {
  const { organizationId } = route.useParams();
  const trpc = useTRPC();
  const layouts = useQuery(trpc.operators.listLayouts.queryOptions({ organizationId, page: 1, limit: 100 }));
  return (
    <OfficeFrame organizationId={organizationId} title="Seat layouts">
      {() => (
        <>
          <SeatLayoutEditor organizationId={organizationId} />
          <h2 className="op-section">Your layouts</h2>
          <QueryState
            query={layouts}
            what="the layouts"
            isEmpty={(d) => d.items.length === 0}
            empty={<p>No layouts yet: draw one above.</p>}
          >
            {(data) => (
              <div className="admin-grid">
                {data.items.map((layout) => (
                  <Card key={layout.id} title={`${layout.name} · ${layout.seatCount} seats`} level={3}>
                    <SeatPlan rows={layout.rows} columns={layout.columns} cells={layout.cells} />
                  </Card>
                ))}
              </div>
            )}
          </QueryState>
        </>
      )}
    </OfficeFrame>
  );
}
