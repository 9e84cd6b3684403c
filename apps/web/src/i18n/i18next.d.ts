import 'i18next';
import type { en } from './resources';

// Keys are checked by the typecheck against the English resources: a `t('…')` of a missing key fails `tsc`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
  }
}
