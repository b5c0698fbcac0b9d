// The link's state in the header (and, in large type, on the wall): "Trực tuyến · cập nhật lúc
// hh:mm:ss", or that the link is down and being made again. Only the state is a polite live region:
// the time changes with every update and would otherwise be read out again and again.
import { useI18n } from '../i18n/index.ts';
import { useLiveState } from './LiveProvider.tsx';

const MARKS = { connecting: '…', live: '●', down: '!' } as const;

export function LiveStatus({ wall }: { wall?: boolean }) {
  const { t, time } = useI18n();
  const connection = useLiveState((s) => s.connection);
  const updatedAt = useLiveState((s) => s.updatedAt);
  const when = updatedAt && connection !== 'connecting' ? time(updatedAt) : '';
  return (
    <p className={`live-status live-status--${connection}${wall ? ' live-status--wall' : ''}`} data-state={connection}>
      <span className="live-status__mark" aria-hidden="true">
        {MARKS[connection]}
      </span>{' '}
      <span role="status" aria-live="polite" data-live-status="">
        {t(`live.${connection}`)}
      </span>
      {when && (
        <span className="live-status__time">
          {' '}
          · {t(connection === 'down' ? 'live.last_updated' : 'live.updated', { time: when })}
        </span>
      )}
    </p>
  );
}
