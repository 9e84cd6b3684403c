import { fileUrl } from '../storage/public-file';

/** An operator as travellers see it beside a trip: its name and, when it has one, its logo. */
export interface PublicOperator {
  id: string;
  name: string;
  /** Where the logo's bytes are served (public while the operator is approved); null without a logo. */
  logoUrl: string | null;
}

export function operatorOf(id: string, name: string, logoFileId: string | null): PublicOperator {
  return { id, name, logoUrl: logoFileId === null ? null : fileUrl(logoFileId) };
}
