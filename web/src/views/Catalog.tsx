// Danh mục dữ liệu / Data catalogue (issue 20), for every signed-in account: the datasets other agencies' systems
// can take out (GET /api/catalog, the same DCAT catalogue machines read), searchable, grouped by domain, each with
// its definitions, period, frequency, data date, protection, licence and contact; download links for those who may
// export (staff, administrators). The parts live in views/catalog/. /catalog?dataset=<id> opens on one dataset;
// ?q= is the search.
import { useEffect, useId, useMemo, useState } from 'react';
import type { ScreenProps } from '../app/screen-props.ts';
import { useAsync } from '../app/use-async.ts';
import { useCan } from '../auth/SessionContext.tsx';
import { AsyncView } from '../charts/ui/panel.tsx';
import { useI18n } from '../i18n/index.ts';
import { CatalogAbout } from './catalog/CatalogAbout.tsx';
import { DatasetCard } from './catalog/DatasetCard.tsx';
import { anchorOf, fetchCatalog, groupByDomain, matches, type CatalogDocument } from './catalog/catalog-api.ts';
import './catalog/catalog.css';

/** Keeps the search in the address (replaceState: typing is not a history of views). */
function useQueryParam(name: string): [string, (v: string) => void] {
  const [value, setValue] = useState(() => new URLSearchParams(window.location.search).get(name) ?? '');
  const set = (v: string) => {
    setValue(v);
    const url = new URL(window.location.href);
    if (v) url.searchParams.set(name, v);
    else url.searchParams.delete(name);
    window.history.replaceState(window.history.state, '', url);
  };
  return [value, set];
}

function CatalogList({ catalog, query }: { catalog: CatalogDocument; query: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const canExport = useCan('export');
  const [linked] = useState(() => new URLSearchParams(window.location.search).get('dataset'));
  const shown = useMemo(() => catalog.dataset.filter((d) => matches(d, query)), [catalog, query]);
  useEffect(() => {
    if (linked) document.getElementById(anchorOf(linked))?.scrollIntoView({ block: 'start' });
  }, [linked]);
  return (
    <>
      <p className="panel__note" aria-live="polite">
        {t('catalog.count', { shown: i18n.number(shown.length, 0), total: i18n.number(catalog.dataset.length, 0) })}
      </p>
      {shown.length === 0 && <p className="muted">{t('catalog.none', { q: query })}</p>}
      {groupByDomain(shown).map(([domain, list]) => (
        <section key={domain} className="panel catalog-group" aria-labelledby={`catalog-${domain}`}>
          <h2 id={`catalog-${domain}`}>
            {t(`catalog.group.${domain}`)}{' '}
            <span className="catalog-group__count">{t('catalog.group.count', { n: i18n.number(list.length, 0) })}</span>
          </h2>
          <div className="catalog-group__items">
            {list.map((d) => (
              <DatasetCard
                key={d.identifier}
                dataset={d}
                catalog={catalog}
                canExport={canExport}
                linked={d.identifier === linked}
              />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

export default function Catalog(_props: ScreenProps) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useQueryParam('q');
  const catalog = useAsync(fetchCatalog, 'catalog');
  return (
    <div className="screen catalog">
      <div className="screen-head">
        <div>
          <h1>{t('catalog.title')}</h1>
          <p className="screen-head__sub">{t('catalog.lead')}</p>
        </div>
      </div>
      <AsyncView state={catalog}>
        {(doc) => (
          <>
            <CatalogAbout catalog={doc} />
            <div className="field catalog-search">
              <label htmlFor={`${id}-q`}>{t('catalog.search')}</label>
              <input
                id={`${id}-q`}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                aria-describedby={`${id}-hint`}
                autoComplete="off"
              />
              <span id={`${id}-hint`} className="field__hint">
                {t('catalog.search.hint')}
              </span>
            </div>
            <CatalogList catalog={doc} query={query} />
          </>
        )}
      </AsyncView>
    </div>
  );
}
