// Chooses the unit of a view: a combobox over /api/units (the units the account may see, nothing
// else) with accent-insensitive search, usable with the keyboard (arrows, Enter, Escape) and
// announced to screen readers. A unit the account sees as one total only is marked so. Today's units come
// first; units that ended (merged away in the reforms) are grouped under the day they ended ("Trước 2025"),
// so no name shows twice in a group (components/unit-search.ts).
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { units as loadUnits } from '../app/data.ts';
import { useMe } from '../auth/SessionContext.tsx';
import { totalsOnly } from '../auth/session.ts';
import { useAsync } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { filterUnits, flattenUnits, groupHeading, groupUnits, type UnitGroup, type UnitOption } from './unit-search.ts';
import '../styles/analyst.css';

export function UnitPicker({ value, onChange }: { value: string; onChange: (unitId: string) => void }) {
  const { t, date } = useI18n();
  const me = useMe();
  const id = useId();
  const answer = useAsync(loadUnits, 'units');
  const options = useMemo(() => (answer.status === 'ready' ? flattenUnits(answer.data.units) : []), [answer]);
  const current = options.find((o) => o.unit_id === value);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const open = query !== null;
  const groups = useMemo(
    () => (open ? groupUnits(filterUnits(options, query).slice(0, 60)) : []),
    [open, options, query],
  );
  const shown = groups.flatMap((g) => g.options);

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (o: UnitOption | undefined) => {
    if (o) onChange(o.unit_id);
    setQuery(null);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setQuery('');
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => Math.max(0, Math.min(shown.length - 1, a + step)));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      choose(shown[active]);
    } else if (e.key === 'Escape') {
      setQuery(null);
    }
  };

  const label = (o: UnitGroup['options'][number]) =>
    `${o.label}${totalsOnly(me, o.unit_id) ? ` – ${t('unit.totals_only')}` : ''}`;
  const heading = (g: UnitGroup) => {
    const h = groupHeading(g.until);
    if (h.kind === 'current') return t('analyst.units.current');
    return h.kind === 'year'
      ? t('analyst.units.before', { when: h.when })
      : t('analyst.units.before', { when: date(h.when) });
  };
  let index = 0;
  return (
    <div className="unit-picker">
      <label htmlFor={`${id}-input`}>{t('unit.label')}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `${id}-o${active}` : undefined}
        placeholder={t('unit.search')}
        value={open ? query : current ? current.name : value}
        onFocus={() => {
          setQuery('');
          setActive(0);
        }}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      <ul
        id={`${id}-list`}
        role="listbox"
        ref={listRef}
        aria-label={t('unit.label')}
        className="unit-picker__list"
        hidden={!open}
      >
        {groups.map((g, k) => (
          <li key={g.until ?? 'current'} role="presentation">
            <ul role="group" aria-labelledby={`${id}-g${k}`} className="unit-picker__group">
              <li role="presentation" id={`${id}-g${k}`} className="unit-picker__heading">
                {heading(g)}
              </li>
              {g.options.map((o) => {
                const i = index++;
                return (
                  <li
                    key={o.unit_id}
                    id={`${id}-o${i}`}
                    data-index={i}
                    role="option"
                    aria-selected={i === active}
                    className={`unit-picker__option depth-${Math.min(o.level_depth, 3)}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => choose(o)}
                  >
                    {label(o)}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
        {open && !shown.length && <li className="unit-picker__none">{t('unit.none')}</li>}
      </ul>
    </div>
  );
}
