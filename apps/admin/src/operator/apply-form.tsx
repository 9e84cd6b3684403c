import { OrganizationInput } from '@fareway/api/operator-inputs';
import { useProblem, useTRPC } from '@fareway/api-client';
import { Button, isTimeZone, ProblemAlert, TextField } from '@fareway/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { checkForm } from './form-errors';

/**
 * Apply as an operator: the signed-in user creates an organisation (pending
 * until an administrator approves it) and becomes its owner.
 */
export function ApplyForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('Asia/Colombo');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.organizations.create.mutationOptions({
      onSuccess: async (organization) => {
        await queryClient.invalidateQueries(trpc.organizations.mine.pathFilter());
        await navigate({ to: '/office/$organizationId', params: { organizationId: organization.id } });
      },
    }),
  );
  const problem = useProblem(create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkForm(OrganizationInput, { name, timeZone: timeZone.trim() });
    const zoneError = isTimeZone(timeZone.trim()) ? null : 'Use a time zone name like Asia/Colombo';
    if (!checked.ok || zoneError) {
      setErrors({ ...(checked.ok ? {} : checked.errors), ...(zoneError ? { timeZone: zoneError } : {}) });
      return;
    }
    setErrors({});
    create.mutate(checked.data);
  }

  return (
    <form className="fw-form" onSubmit={onSubmit} noValidate>
      {problem ? <ProblemAlert title="Could not send the application" problem={problem} /> : null}
      <TextField
        label="Company name"
        name="name"
        required
        autoComplete="organization"
        value={name}
        error={errors.name}
        onChange={(event) => setName(event.target.value)}
      />
      <TextField
        label="Time zone"
        name="timeZone"
        hint="Where your buses run: timetables are set and shown on this clock."
        value={timeZone}
        error={errors.timeZone}
        onChange={(event) => setTimeZone(event.target.value)}
      />
      <div className="fw-form__actions">
        <Button type="submit" busy={create.isPending} busyLabel="Sending…">
          Apply as an operator
        </Button>
      </div>
    </form>
  );
}
