import type { UiLabels } from '@fareway/ui';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The shared components' words (loading, retry, pager, seat map) in the chosen language, for `UiLabelsProvider`. */
export function useTranslatedUiLabels(): UiLabels {
  const { t, i18n } = useTranslation();
  // `t` is a new function after a language change, but keyed on the language too to be explicit.
  const language = i18n.resolvedLanguage;
  return useMemo(
    () => ({
      loading: (what) => t('ui.loading', { what }),
      couldNotLoad: (what) => t('ui.couldNotLoad', { what }),
      couldNotRefresh: (what) => t('ui.couldNotRefresh', { what }),
      nothingHere: t('ui.nothingHere'),
      tryAgain: t('route.tryAgain'),
      tryAgainIn: (wait) => t('ui.tryAgainIn', { wait }),
      pages: t('ui.pages'),
      previous: t('ui.previous'),
      next: t('ui.next'),
      pageOf: (page, pages, total) => t('ui.pageOf', { page, pages, total }),
      seatMap: t('ui.seatMap'),
      seatKey: t('ui.seatKey'),
      seat: (label, words) => t('ui.seat', { label, words }),
      seatStates: {
        free: t('ui.seatStates.free'),
        held: t('ui.seatStates.held'),
        sold: t('ui.seatStates.sold'),
        selected: t('ui.seatStates.selected'),
        unavailable: t('ui.seatStates.unavailable'),
      },
      legend: { free: t('ui.legend.free'), yourChoice: t('ui.legend.yourChoice'), held: t('ui.legend.held'), sold: t('ui.legend.sold') },
      columns: t('ui.columns'),
      columnsShown: t('ui.columnsShown'),
    }),
    [t, language],
  );
}
