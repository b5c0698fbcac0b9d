// Báo cáo định kỳ / Scheduled briefs (issue 19), for every signed-in account: the briefs kept (made now or on a
// schedule, with their PDF), the account's schedules and the form that subscribes to one, and for
// administrators the state of the e-mails that carry the briefs. The parts live in views/briefs/. The link in a
// brief's e-mail, /briefs?brief=<id>, opens the screen on that brief.
import { useState } from 'react';
import type { ScreenProps } from '../app/screen-props.ts';
import { useCan } from '../auth/SessionContext.tsx';
import { useI18n } from '../i18n/index.ts';
import { BriefList } from './briefs/BriefList.tsx';
import { Deliveries } from './briefs/Deliveries.tsx';
import { Schedules } from './briefs/Schedules.tsx';
import './briefs/briefs.css';

export default function Briefs({ state }: ScreenProps) {
  const { t } = useI18n();
  const admin = useCan('admin');
  // the brief an e-mail's link opens (/briefs?brief=…): shown whole and scrolled to
  const [linked] = useState(() => new URLSearchParams(window.location.search).get('brief'));
  return (
    <div className="screen briefs">
      <div className="screen-head">
        <div>
          <h1>{t('briefs.title')}</h1>
          <p className="screen-head__sub">{t('briefs.lead')}</p>
        </div>
      </div>
      <BriefList unit={state.unit} linked={linked} />
      <Schedules unit={state.unit} />
      {admin && <Deliveries />}
    </div>
  );
}
