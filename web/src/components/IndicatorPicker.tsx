// One indicator picker for every screen: a labelled search field and a native <select> whose options are grouped by
// the catalogue's domain (<optgroup>) and sorted by name. Typing filters the options, without diacritics or case
// ("vneid", "ho so" find "VNeID", "hồ sơ"); Enter takes the first match, ArrowDown moves to the list, Escape clears.
// The chosen indicator always stays in the list. The native select keeps the keyboard and screen readers' own ways.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/index.ts';
import { indicatorGroups, type PickerItem } from './indicator-groups.ts';

export type { PickerItem };

export function IndicatorPicker({
  label,
  value,
  items,
  domains,
  onChange,
  className,
}: {
  /** the field's label ("Chỉ tiêu") */
  label: string;
  value: string;
  /** the catalogue (/api/indicators), or undefined while it loads */
  items: readonly PickerItem[] | undefined;
  /** the domains offered, in this order (default: every domain of the catalogue, in the catalogue's order) */
  domains?: readonly string[];
  onChange: (id: string) => void;
  className?: string;
}) {
  const i = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const groups = useMemo(
    () => indicatorGroups(items ?? [], { query, lang: i.lang, domains, keep: value }),
    [items, query, i.lang, domains, value],
  );
  const matches = groups.reduce((n, g) => n + g.items.filter((m) => m.match).length, 0);
  const first = groups.flatMap((g) => g.items).find((m) => m.match);
  const name = (m: PickerItem) => (i.lang === 'en' ? m.name_en : m.name_vi);

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (first && first.item.id !== value) onChange(first.item.id);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      document.getElementById(`${id}-list`)?.focus();
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
    }
  };

  return (
    <div className={`indicator-picker${className ? ` ${className}` : ''}`} role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-list`} className="indicator-picker__label">
        {label}
      </label>
      <div className="indicator-picker__row">
        <input
          id={`${id}-search`}
          type="search"
          className="indicator-picker__search"
          value={query}
          placeholder={i.t('map.picker.placeholder')}
          aria-label={i.t('map.picker.search')}
          aria-controls={`${id}-list`}
          aria-describedby={`${id}-count`}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKey}
        />
        <select
          id={`${id}-list`}
          className="indicator-picker__list"
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        >
          {!items && <option value={value}>{value}</option>}
          {groups.map((g) => (
            <optgroup key={g.domain} label={i.t(`map.group.${g.domain}`)}>
              {g.items.map(({ item }) => (
                <option key={item.id} value={item.id}>
                  {name(item)}
                </option>
              ))}
            </optgroup>
          ))}
          {items && matches === 0 && (
            <option value="" disabled>
              {i.t('map.picker.none')}
            </option>
          )}
        </select>
      </div>
      <span id={`${id}-count`} className="visually-hidden" aria-live="polite">
        {query ? i.t('map.picker.count', { n: matches }) : ''}
      </span>
    </div>
  );
}
