import type { Sql } from 'postgres';

/**
 * Makes the next transaction that writes `table` abort at COMMIT (a deferred
 * constraint trigger raises once), as a process dying between a job's effect
 * and its completion would leave it: nothing of that transaction stays. The
 * sequence counts rows outside transactions, so the failure happens exactly
 * once (at the transaction that writes row `afterRows + 1`) and the retry goes through.
 */
export async function failNextCommitOn(sql: Sql, table: string, options: { afterRows?: number } = {}): Promise<() => Promise<number>> {
  const name = `fail_once_${table}`;
  await sql.unsafe(`
    drop trigger if exists ${name} on ${table};
    drop sequence if exists ${name}_seq;
    create sequence ${name}_seq;
    create or replace function ${name}() returns trigger language plpgsql as $$
    begin
      if nextval('${name}_seq') = ${(options.afterRows ?? 0) + 1} then
        raise exception 'injected failure at commit of a transaction writing ${table}';
      end if;
      return null;
    end $$;
    create constraint trigger ${name} after insert or update or delete on ${table}
      deferrable initially deferred for each row execute function ${name}();`);
  /** How many rows the trigger saw (1 = it fired, the failure happened). */
  return async () => {
    const [row] = await sql.unsafe(`select last_value::int as n, is_called from ${name}_seq`);
    await sql.unsafe(`drop trigger if exists ${name} on ${table}`);
    return row?.is_called ? Number(row.n) : 0;
  };
}
