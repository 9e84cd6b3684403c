import alternatives from '../locales/en/alternatives.json';
import bookings from '../locales/en/bookings.json';
import common from '../locales/en/common.json';
import driver from '../locales/en/driver.json';
import home from '../locales/en/home.json';
import notFound from '../locales/en/notFound.json';
import payment from '../locales/en/payment.json';
import receipt from '../locales/en/receipt.json';
import register from '../locales/en/register.json';
import search from '../locales/en/search.json';
import signIn from '../locales/en/signIn.json';
import ticket from '../locales/en/ticket.json';
import trip from '../locales/en/trip.json';
import vehicle from '../locales/en/vehicle.json';
import wallet from '../locales/en/wallet.json';
import walletHistory from '../locales/en/walletHistory.json';

/**
 * The English resources, bundled with the shell: English is the fallback and
 * the first language of most visitors. Register a new namespace here (one
 * import, one entry) and add `locales/{en,si,ta}/<namespace>.json`; Sinhala
 * and Tamil are found by `locales/si.ts` and `locales/ta.ts` and load lazily.
 */
export const en = {
  alternatives,
  bookings,
  common,
  driver,
  home,
  notFound,
  payment,
  receipt,
  register,
  search,
  signIn,
  ticket,
  trip,
  vehicle,
  wallet,
  walletHistory,
} as const;

export type Namespace = keyof typeof en;

export const NAMESPACES = Object.keys(en) as Namespace[];
