import { createContext, useContext } from 'react';
import type { SeatState } from './seat-map';

/**
 * The words the shared components say on their own (loading lines, retry,
 * pager, seat map). English by default; an app that speaks other languages
 * (the customer app) provides its translations with `UiLabelsProvider`.
 */
export interface UiLabels {
  /** "Loading cars…", `what` already in the app's language. */
  loading: (what: string) => string;
  couldNotLoad: (what: string) => string;
  couldNotRefresh: (what: string) => string;
  nothingHere: string;
  tryAgain: string;
  /** "You can try again in 30 seconds." (`wait` from formatWait) */
  tryAgainIn: (wait: string) => string;
  pages: string;
  previous: string;
  next: string;
  /** "Page 2 of 5 · 93 in all" */
  pageOf: (page: number, pages: number, total: number) => string;
  seatMap: string;
  seatKey: string;
  /** A seat's accessible name: "Seat 3A, free". */
  seat: (label: string, words: string) => string;
  seatStates: Record<SeatState | 'selected' | 'unavailable', string>;
  legend: { free: string; yourChoice: string; held: string; sold: string };
  columns: string;
  columnsShown: string;
}

export const ENGLISH_UI_LABELS: UiLabels = {
  loading: (what) => `Loading ${what}…`,
  couldNotLoad: (what) => `Could not load ${what}`,
  couldNotRefresh: (what) => `Could not refresh ${what}; showing what we had`,
  nothingHere: 'Nothing here yet.',
  tryAgain: 'Try again',
  tryAgainIn: (wait) => `You can try again in ${wait}.`,
  pages: 'Pages',
  previous: 'Previous',
  next: 'Next',
  pageOf: (page, pages, total) => `Page ${page} of ${pages} · ${total} in all`,
  seatMap: 'Seat map',
  seatKey: 'Seat key',
  seat: (label, words) => `Seat ${label}, ${words}`,
  seatStates: { free: 'free', held: 'held by someone else', sold: 'sold', selected: 'selected', unavailable: 'unavailable' },
  legend: { free: 'Free', yourChoice: 'Your choice', held: 'Held', sold: 'Sold' },
  columns: 'Columns',
  columnsShown: 'Columns shown',
};

const UiLabelsContext = createContext<UiLabels>(ENGLISH_UI_LABELS);

/** Gives the shared components their words in the app's language. */
export const UiLabelsProvider = UiLabelsContext.Provider;

/** The shared components' words (English unless an app provides others). */
export function useUiLabels(): UiLabels {
  return useContext(UiLabelsContext);
}
