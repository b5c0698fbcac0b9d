// The options of the indicator picker (IndicatorPicker.tsx): the catalogue grouped by domain, sorted by name in the
// language shown, filtered by a search without diacritics or case. Pure; tests/unit/web-indicator-picker.test.ts.
import { searchKey } from '../i18n/format.ts';
import type { Lang } from '../state/view-state.ts';

/** What the picker needs of a catalogue entry (/api/indicators). */
export interface PickerItem {
  id: string;
  domain: string;
  name_vi: string;
  name_en: string;
}

export interface PickerGroup<T extends PickerItem = PickerItem> {
  domain: string;
  /** `match`: the item answers the search (false only for the kept item, shown although it does not) */
  items: { item: T; match: boolean }[];
}

/**
 * The groups to show: `domains` in their order (default: every domain in the catalogue's order), each item's names
 * (both languages) and id searched for every word of `query`, empty groups left out. The item `keep` (the chosen
 * one) stays in its group whatever the search, so that the list still holds the value shown.
 */
export function indicatorGroups<T extends PickerItem>(
  items: readonly T[],
  o: { query?: string; lang: Lang; domains?: readonly string[]; keep?: string },
): PickerGroup<T>[] {
  const words = searchKey(o.query ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const order = o.domains ?? [...new Set(items.map((m) => m.domain))];
  const collator = new Intl.Collator(o.lang === 'en' ? 'en' : 'vi');
  const name = (m: T) => (o.lang === 'en' ? m.name_en : m.name_vi);
  return order
    .map((domain) => ({
      domain,
      items: items
        .filter((m) => m.domain === domain)
        .map((item) => {
          const text = searchKey(`${item.name_vi} ${item.name_en} ${item.id.replace(/_/g, ' ')}`);
          return { item, match: words.every((w) => text.includes(w)) };
        })
        .filter(({ item, match }) => match || item.id === o.keep)
        .sort((a, b) => collator.compare(name(a.item), name(b.item))),
    }))
    .filter((g) => g.items.length > 0);
}
