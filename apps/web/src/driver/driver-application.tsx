import { QueryState, type RouterInputs, type RouterOutputs, useProblem, useTRPC, useTRPCClient } from '@fareway/api-client';
import { Alert, Button, browserTimeZone, Card, formatDateTime, ProblemAlert, StatusBadge, TextField, useRetryWait } from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysFromToday, SEARCH_TIME_ZONE } from '../lib/dates';
import { uploadFile } from '../lib/upload-file';

type Application = NonNullable<RouterOutputs['drivers']['myApplication']>;
type DocumentKind = RouterInputs['drivers']['submitApplication']['documents'][number]['kind'];

const DOCUMENTS: Array<{ kind: 'licence_front' | 'licence_back' | 'national_id'; required: boolean }> = [
  { kind: 'licence_front', required: true },
  { kind: 'licence_back', required: false },
  { kind: 'national_id', required: false },
];

/** The application's text fields: a VALIDATION_ERROR on one is said next to it. */
const TEXT_FIELDS = ['fullName', 'nationalId', 'licenceNumber', 'licenceExpiry'] as const;

/** "Become a driver": the latest application's state, and the form to apply (again, after a rejection). */
export function DriverApplication() {
  const { t } = useTranslation('driver');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const application = useQuery(trpc.drivers.myApplication.queryOptions());
  const approved = application.data?.status === 'approved';

  // Approval grants the driver role on the server; read the session again so the driver screens appear.
  useEffect(() => {
    if (approved) void queryClient.invalidateQueries(trpc.auth.me.queryFilter());
  }, [approved, queryClient, trpc]);

  return (
    <QueryState query={application} what={t('application.what')}>
      {(current) =>
        current === null ? (
          <ApplicationForm />
        ) : current.status === 'pending' ? (
          <Card title={t('application.yours')} actions={<StatusBadge variant="warn">{t('application.underReview')}</StatusBadge>}>
            <p>{t('application.received', { name: current.fullName, when: formatDateTime(current.createdAt, browserTimeZone()) })}</p>
          </Card>
        ) : current.status === 'approved' ? (
          <Alert variant="info" title={t('application.approvedTitle')}>
            <p>{t('application.approvedBody')}</p>
          </Alert>
        ) : (
          <div className="fw-stack">
            <Alert title={t('application.notApprovedTitle')}>
              <p>{current.decisionReason ?? t('application.noReason')}</p>
              <p>{t('application.applyAgain')}</p>
            </Alert>
            <ApplicationForm previous={current} />
          </div>
        )
      }
    </QueryState>
  );
}

function ApplicationForm({ previous }: { previous?: Application }) {
  const { t } = useTranslation('driver');
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
  // Each field says what is wrong with it; a refused file (too large, not accepted) is said next to the licence's front.
  const invalid = (field: (typeof TEXT_FIELDS)[number]) => (problem?.fields[field] ? t(`application.invalid.${field}`) : undefined);
  const fileRefused = problem?.code === 'PAYLOAD_TOO_LARGE' || problem?.code === 'UNSUPPORTED_MEDIA_TYPE' ? problem.message : null;
  const saidByFields = fileRefused !== null || TEXT_FIELDS.some((field) => problem?.fields[field]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!files.licence_front) {
      setFileProblem(t('application.addLicenceFront'));
      return;
    }
    setFileProblem(null);
    if (!apply.isPending && wait === 0) apply.mutate();
  }

  return (
    <Card title={t('application.title')}>
      <form className="fw-form" onSubmit={onSubmit}>
        <p className="fw-muted">{t('application.lead')}</p>
        <TextField
          label={t('application.fullName')}
          error={invalid('fullName')}
          name="fullName"
          autoComplete="name"
          required
          minLength={2}
          maxLength={120}
          value={fields.fullName}
          onChange={(e) => setFields({ ...fields, fullName: e.target.value })}
        />
        <TextField
          label={t('application.nationalId')}
          error={invalid('nationalId')}
          name="nationalId"
          required
          minLength={5}
          maxLength={32}
          value={fields.nationalId}
          onChange={(e) => setFields({ ...fields, nationalId: e.target.value })}
        />
        <TextField
          label={t('application.licenceNumber')}
          error={invalid('licenceNumber')}
          name="licenceNumber"
          required
          minLength={3}
          maxLength={32}
          value={fields.licenceNumber}
          onChange={(e) => setFields({ ...fields, licenceNumber: e.target.value })}
        />
        <TextField
          label={t('application.licenceExpiry')}
          error={invalid('licenceExpiry')}
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
            label={
              doc.required
                ? t(`application.documents.${doc.kind}`)
                : t('application.optional', { label: t(`application.documents.${doc.kind}`) })
            }
            name={doc.kind}
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            hint={t('application.fileHint')}
            error={doc.kind === 'licence_front' ? (fileProblem ?? fileRefused ?? undefined) : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              setFiles((current) => ({ ...current, [doc.kind]: file }));
            }}
          />
        ))}
        {problem && !saidByFields ? <ProblemAlert title={t('application.failed')} problem={problem} /> : null}
        <div className="fw-form__actions">
          <Button type="submit" busy={apply.isPending} busyLabel={t('application.sending')} disabled={wait > 0}>
            {t('application.send')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
