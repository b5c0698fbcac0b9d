// The Overview's tiles, triage first (issue 17): the targets a leader can still act on (deadline ahead, at risk),
// then those on track, then those not measured, and the ones whose deadline has passed folded into one summary
// line that opens. The group of each target is the server's (`triage`, server/targets/triage.ts); the sort and
// filters are in the URL (state/view-state.ts). On the wall: no controls, the passed ones as the summary line only.
// Class names the print styles rely on: .triage-group--passed (the folded group), .triage-group__body (its tiles,
// `hidden` while folded), .triage-group__toggle (its button), .triage-controls (the sort and filters).
import { useState, type ReactNode } from 'react';
import type { TargetAnswer } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.ts';
import { TILE_SORTS, TILE_STATUSES, type TileStatus, type ViewState } from '../../state/view-state.ts';
import {
  countStatuses,
  deadlineYears,
  effectiveChoice,
  groupsOf,
  statusParts,
  triageSections,
  type TileChoice,
} from './overview-data.ts';
import '../../styles/triage.css';

type Tile = (target: TargetAnswer, level: 4 | 5) => ReactNode;

function TileControls({
  targets,
  choice,
  update,
  shown,
}: {
  targets: TargetAnswer[];
  choice: TileChoice;
  update: (patch: Partial<ViewState>) => void;
  shown: number;
}) {
  const { t } = useI18n();
  const counts = countStatuses(targets.map((x) => x.status));
  const filtered = Boolean(choice.status || choice.group || choice.due);
  return (
    <div className="triage-controls" role="group" aria-label={t('triage.controls')}>
      <div className="triage-controls__field">
        <label htmlFor="triage-ctl-sort">{t('triage.sort')}</label>
        <select
          id="triage-ctl-sort"
          value={choice.sort ?? 'triage'}
          onChange={(e) => {
            const v = e.target.value;
            update({ sort: v === 'triage' ? undefined : (v as ViewState['sort']) });
          }}
        >
          {TILE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`triage.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="triage-controls__field">
        <label htmlFor="triage-ctl-status">{t('triage.filter.status')}</label>
        <select
          id="triage-ctl-status"
          value={choice.status ?? ''}
          onChange={(e) => update({ status: (e.target.value || undefined) as TileStatus | undefined })}
        >
          <option value="">{t('triage.all')}</option>
          {TILE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t('triage.option_count', { label: t(`status.${s}`), n: counts[s] })}
            </option>
          ))}
        </select>
      </div>
      <div className="triage-controls__field">
        <label htmlFor="triage-ctl-group">{t('triage.filter.group')}</label>
        <select
          id="triage-ctl-group"
          value={choice.group ?? ''}
          onChange={(e) => update({ group: e.target.value || undefined })}
        >
          <option value="">{t('triage.all')}</option>
          {groupsOf(targets).map((g) => (
            <option key={g} value={g}>
              {t(`overview.group.${g}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="triage-controls__field">
        <label htmlFor="triage-ctl-due">{t('triage.filter.due')}</label>
        <select
          id="triage-ctl-due"
          value={choice.due ?? ''}
          onChange={(e) => update({ due: e.target.value || undefined })}
        >
          <option value="">{t('triage.all')}</option>
          {deadlineYears(targets).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <p className="triage-controls__count" aria-live="polite">
        {filtered
          ? t('triage.shown', { shown, total: targets.length })
          : t('triage.shown_all', { total: targets.length })}
      </p>
      {filtered && (
        <button
          type="button"
          className="triage-controls__reset"
          onClick={() => update({ status: undefined, group: undefined, due: undefined })}
        >
          {t('triage.reset')}
        </button>
      )}
    </div>
  );
}

/** A section's tiles; sorted by group, under a heading per group. */
function Tiles({ targets, byGroup, tile }: { targets: TargetAnswer[]; byGroup: boolean; tile: Tile }) {
  const { t } = useI18n();
  if (!byGroup) return <div className="tiles">{targets.map((x) => tile(x, 4))}</div>;
  return (
    <>
      {groupsOf(targets).map((g) => (
        <div key={g} className="triage-subgroup">
          <h4 className="tile-group__title">{t(`overview.group.${g}`)}</h4>
          <div className="tiles">{targets.filter((x) => x.group === g).map((x) => tile(x, 5))}</div>
        </div>
      ))}
    </>
  );
}

export function TriageTiles({
  targets,
  state,
  update,
  wall,
  tile,
}: {
  targets: TargetAnswer[];
  state: ViewState;
  update: (patch: Partial<ViewState>) => void;
  wall?: boolean;
  tile: Tile;
}) {
  const { t } = useI18n();
  const choice = effectiveChoice(targets, state);
  const sections = triageSections(targets, choice);
  const filtered = Boolean(choice.status || choice.group || choice.due);
  const shown = sections.reduce((n, s) => n + s.targets.length, 0);
  const live = shown - (sections.find((s) => s.triage === 'passed')?.targets.length ?? 0);
  // folded unless the user opened it, or nothing else is left to show (a filter on passed targets only)
  const [opened, setOpened] = useState<boolean | null>(null);
  const open = opened ?? live === 0;
  const byGroup = choice.sort === 'group';

  return (
    <>
      {!wall && <TileControls targets={targets} choice={choice} update={update} shown={shown} />}
      {shown === 0 && <p className="triage-empty">{t('triage.none_match')}</p>}
      {sections.map(({ triage, targets: list }) => {
        const id = `triage-${triage}`;
        if (triage === 'passed') {
          if (list.length === 0) return null;
          const parts = statusParts(list)
            .map((p) => t(`triage.part.${p.status}`, { n: p.n }))
            .join(', ');
          return (
            <section key={triage} className="triage-group triage-group--passed" aria-labelledby={`${id}-h`}>
              <div className="triage-group__head">
                <h3 id={`${id}-h`} className="triage-group__title">
                  {t('triage.section.passed', { n: list.length, parts })}
                </h3>
                {!wall && (
                  <button
                    type="button"
                    className="triage-group__toggle"
                    aria-expanded={open}
                    aria-controls={`${id}-body`}
                    onClick={() => setOpened(!open)}
                  >
                    {open ? t('triage.hide_passed') : t('triage.show_passed', { n: list.length })}
                  </button>
                )}
              </div>
              {!wall && (
                <div id={`${id}-body`} className="triage-group__body" hidden={!open}>
                  <Tiles targets={list} byGroup={byGroup} tile={tile} />
                </div>
              )}
            </section>
          );
        }
        // an empty attention group says so (unless a filter emptied it); other empty groups are left out
        if (list.length === 0 && (triage !== 'attention' || filtered)) return null;
        return (
          <section key={triage} className={`triage-group triage-group--${triage}`} aria-labelledby={`${id}-h`}>
            <h3 id={`${id}-h`} className="triage-group__title">
              {list.length === 0 ? t('triage.attention_none') : t(`triage.section.${triage}`, { n: list.length })}
            </h3>
            {list.length > 0 && <Tiles targets={list} byGroup={byGroup} tile={tile} />}
          </section>
        );
      })}
    </>
  );
}
