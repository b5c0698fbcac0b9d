// The note on the cell-key method in a panel's information: shown only when the server says cellkey and one of the
// panel's indicators is about people (catalogue and milestone indicators are exact). A closed <details> by default:
// a short line under the panel that opens to the note, readable on a phone.
import type { Disclosure } from '../api/client.ts';
import { showsMethodNote } from '../charts/withheld.ts';
import { useI18n } from '../i18n/index.ts';

export function MethodNote({
  disclosure,
  indicators,
}: {
  /** the answer's disclosure method (meta.disclosure; null or absent from an older server) */
  disclosure: Disclosure | null | undefined;
  /** the `disclosure` of each indicator the panel shows: count, rate or none */
  indicators: (string | undefined)[];
}) {
  const { t } = useI18n();
  if (!showsMethodNote(disclosure, indicators)) return null;
  return (
    <details className="method-note">
      <summary>
        <span className="method-note__icon" aria-hidden="true">
          i
        </span>
        {t('disclosure.title')}
      </summary>
      <p>{t('disclosure.cellkey')}</p>
    </details>
  );
}
