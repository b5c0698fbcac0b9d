// Chooses the unit of a view: a combobox over /api/units (the units the account may see, nothing
// else) with accent-insensitive search, usable with the keyboard (arrows, Enter, Escape) and
// announced to screen readers. A unit the account sees as one total only is marked so.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { units as loadUnits } from '../app/data.ts';
import { useMe } from '../auth/SessionContext.tsx';
import { totalsOnly } from '../auth/session.ts';
import { useAsync } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { filterUnits, flattenUnits, type UnitOption } from './unit-search.ts';

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
  const shown = useMemo(() => (open ? filterUnits(options, query).slice(0, 60) : []), [open, options, query]);

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

  const label = (o: UnitOption) =>
    `${o.name}${o.valid_to ? ` (${t('unit.until', { date: date(o.valid_to) })})` : ''}` +
    `${totalsOnly(me, o.unit_id) ? ` – ${t('unit.totals_only')}` : ''}`;
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
        {shown.map((o, i) => (
          <li
            key={o.unit_id}
            id={`${id}-o${i}`}
            data-index={i}
            role="option"
            aria-selected={i === active}
            className={`unit-picker__option depth-${Math.min(o.depth, 3)}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
          >
            {label(o)}
          </li>
        ))}
        {open && !shown.length && <li className="unit-picker__none">{t('unit.none')}</li>}
      </ul>
    </div>
  );
}
