import { QueryState, type RouterInputs, type RouterOutputs, useProblem, useTRPC, useTRPCClient } from '@fareway/api-client';
import { Alert, Button, browserTimeZone, Card, formatDateTime, ProblemAlert, StatusBadge, TextField, useRetryWait } from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { daysFromToday, SEARCH_TIME_ZONE } from '../lib/dates';
import { uploadFile } from '../lib/upload-file';

type Application = NonNullable<RouterOutputs['drivers']['myApplication']>;
type DocumentKind = RouterInputs['drivers']['submitApplication']['documents'][number]['kind'];

const DOCUMENTS: Array<{ kind: 'licence_front' | 'licence_back' | 'national_id'; label: string; required: boolean }> = [
  { kind: 'licence_front', label: 'Driving licence, front', required: true },
  { kind: 'licence_back', label: 'Driving licence, back', required: false },
  { kind: 'national_id', label: 'National identity card', required: false },
];

/** "Become a driver": the latest application's state, and the form to apply (again, after a rejection). */
export function DriverApplication() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const application = useQuery(trpc.drivers.myApplication.queryOptions());
  const approved = application.data?.status === 'approved';

  // Approval grants the driver role on the server; read the session again so the driver screens appear.
  useEffect(() => {
    if (approved) void queryClient.invalidateQueries(trpc.auth.me.queryFilter());
  }, [approved, queryClient, trpc]);

  return (
    <QueryState query={application} what="your driver application">
      {(current) =>
        current === null ? (
          <ApplicationForm />
        ) : current.status === 'pending' ? (
          <Card title="Your application" actions={<StatusBadge variant="warn">Under review</StatusBadge>}>
            <p>
              Thanks, {current.fullName}. We received your application on {formatDateTime(current.createdAt, browserTimeZone())} and will
              review it shortly. You can list cars once it is approved.
            </p>
          </Card>
        ) : current.status === 'approved' ? (
          <Alert variant="info" title="You are a Fareway driver">
            <p>Your application was approved. Loading your driver tools…</p>
          </Alert>
        ) : (
          <div className="fw-stack">
            <Alert title="Your application was not approved">
              <p>{current.decisionReason ?? 'No reason was given.'}</p>
              <p>You can correct it and apply again below.</p>
            </Alert>
            <ApplicationForm previous={current} />
          </div>
        )
      }
    </QueryState>
  );
}

function ApplicationForm({ previous }: { previous?: Application }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState({
    fullName: previous?.fullName ?? '',
    nationalId: previous?.nationalId ?? '',
    licenceNumber: previous?.licenceNumber ?? '',
    licenceExpiry: previous?.licenceExpiry ?? '',
  });
  const [files, setFiles] = useState<Partial<Record<DocumentKind, File>>>({});
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  // Upload each document first (raw bytes to /api/v1/files), then apply with their ids.
  const apply = useMutation({
    mutationFn: async () => {
      const documents: Array<{ kind: DocumentKind; fileId: string }> = [];
      for (const doc of DOCUMENTS) {
        const file = files[doc.kind];
        if (file) documents.push({ kind: doc.kind, fileId: (await uploadFile(file, 'driver_document')).id });
      }
      return client.drivers.submitApplication.mutate({ ...fields, documents });
    },
    onSuccess: (created) => queryClient.setQueryData(trpc.drivers.myApplication.queryKey(), created),
  });
  const problem = useProblem(apply.error);
  const wait = useRetryWait(problem);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!files.licence_front) {
      setFileProblem('Add a photo or scan of the front of your licence');
      return;
    }
    setFileProblem(null);
    if (!apply.isPending && wait === 0) apply.mutate();
  }

  return (
    <Card title="Apply to drive with Fareway">
      <form className="fw-form" onSubmit={onSubmit}>
        <p className="fw-muted">List your own car and earn from rentals. We check your licence before your first listing.</p>
        <TextField
          label="Full name (as on your licence)"
          name="fullName"
          autoComplete="name"
          required
          minLength={2}
          maxLength={120}
          value={fields.fullName}
          onChange={(e) => setFields({ ...fields, fullName: e.target.value })}
        />
        <TextField
          label="National identity number"
          name="nationalId"
          required
          minLength={5}
          maxLength={32}
          value={fields.nationalId}
          onChange={(e) => setFields({ ...fields, nationalId: e.target.value })}
        />
        <TextField
          label="Driving licence number"
          name="licenceNumber"
          required
          minLength={3}
          maxLength={32}
          value={fields.licenceNumber}
          onChange={(e) => setFields({ ...fields, licenceNumber: e.target.value })}
        />
        <TextField
          label="Licence valid until"
          name="licenceExpiry"
          type="date"
          required
          min={daysFromToday(SEARCH_TIME_ZONE, 1)}
          value={fields.licenceExpiry}
          onChange={(e) => setFields({ ...fields, licenceExpiry: e.target.value })}
        />
        {DOCUMENTS.map((doc) => (
          <TextField
            key={doc.kind}
            label={`${doc.label}${doc.required ? '' : ' (optional)'}`}
            name={doc.kind}
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            hint="JPEG, PNG, WebP or PDF"
            error={doc.kind === 'licence_front' ? (fileProblem ?? undefined) : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              setFiles((current) => ({ ...current, [doc.kind]: file }));
            }}
          />
        ))}
        {problem ? <ProblemAlert title="Could not send the application" problem={problem} /> : null}
        <div className="fw-form__actions">
          <Button type="submit" busy={apply.isPending} busyLabel="Sending…" disabled={wait > 0}>
            Send application
          </Button>
        </div>
      </form>
    </Card>
  );
}
