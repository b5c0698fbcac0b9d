// The head panel of the screen "Danh mục dữ liệu": where machines read the same catalogue (DCAT JSON-LD, OpenAPI),
// the licence, the contact, and whether this account may download (staff and administrators) or only read.
import { useCan } from '../../auth/SessionContext.tsx';
import { useI18n } from '../../i18n/index.ts';
import { localHref, type CatalogDocument } from './catalog-api.ts';

export function CatalogAbout({ catalog }: { catalog: CatalogDocument }) {
  const { t } = useI18n();
  const canExport = useCan('export');
  const email = catalog.contactPoint.hasEmail?.replace(/^mailto:/, '');
  return (
    <section className="panel catalog-about" aria-label={t('catalog.about')}>
      <p className="catalog-about__who">{t(canExport ? 'catalog.who.export' : 'catalog.who.read')}</p>
      <dl className="catalog-about__facts">
        <div>
          <dt>{t('catalog.machine')}</dt>
          <dd>
            <a href={localHref(catalog['@id'])} target="_blank" rel="noopener">
              {t('catalog.machine.jsonld')}
            </a>
            {' · '}
            <a href="/docs" target="_blank" rel="noopener">
              {t('catalog.machine.openapi')}
            </a>
          </dd>
        </div>
        <div>
          <dt>{t('catalog.licence')}</dt>
          <dd>
            <a href={catalog.license} rel="license noopener" target="_blank">
              {catalog.licenseName}
            </a>
          </dd>
        </div>
        <div>
          <dt>{t('catalog.contact')}</dt>
          <dd>
            {catalog.contactPoint.fn}
            {email && (
              <>
                {' – '}
                {t('catalog.contact.email')}: <a href={`mailto:${email}`}>{email}</a>
              </>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
