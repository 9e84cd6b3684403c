/** An operator's name with its logo beside it (when it has one): search results, the trip page, the e-ticket. */
export function OperatorName({ operator }: { operator: { name: string; logoUrl: string | null } }) {
  return (
    <span className="web-operator">
      {operator.logoUrl ? (
        // The name follows: the logo adds nothing for a screen reader.
        <img className="web-operator__logo" src={operator.logoUrl} alt="" width={24} height={24} data-testid="operator-logo" />
      ) : null}
      <span>{operator.name}</span>
    </span>
  );
}
