import { formatPhone } from '@fareway/ui';

/** A person as the console names them: their name, and how to reach them. */
export function PersonName({ person }: { person: { name: string | null; phone: string | null; email: string | null } | null }) {
  if (!person) return <span className="fw-muted">Nobody (the system)</span>;
  const reach = [person.phone ? formatPhone(person.phone) : null, person.email].filter(Boolean).join(' · ');
  return (
    <span>
      {person.name ?? <span className="fw-muted">No name</span>}
      {reach ? <span className="fw-muted admin-hint"> {reach}</span> : null}
    </span>
  );
}
