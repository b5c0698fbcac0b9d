// Lines shared by every information sheet: the data source, the demo-data notice, the export time.
import type { Meta } from '../contracts/common.ts';
import type { StoreInfo } from '../context.ts';
import type { Lang } from './labels.ts';
import type { InfoLine } from './table.ts';

const DOMAIN_KIND: Record<string, string> = { population: 'people', procedures: 'dossiers' };

/** The source of the datasets an indicator domain reads (every dataset when the domain has none of its own). */
export function sourceText(info: StoreInfo, domain: string | null): string {
  const kind = domain ? DOMAIN_KIND[domain] : undefined;
  const sets = info.datasets.filter((d) => !kind || d.kind === kind);
  return (sets.length ? sets : info.datasets)
    .map((d) => `${d.kind}: ${d.source}${d.data_date ? ` (${d.data_date})` : ''}`)
    .join('; ');
}

/** A moment in Vietnam's time zone whatever the server's, day first: "05/12/2026 09:30". */
export function vietnamClock(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The same with its zone named: "05/12/2026 09:30 (giờ Việt Nam)". */
export function vietnamTime(d: Date, lang: Lang): string {
  return `${vietnamClock(d)} (${lang === 'vi' ? 'giờ Việt Nam' : 'Vietnam time'})`;
}

export function infoTail(meta: Meta, lang: Lang, created: Date): InfoLine[] {
  const vi = lang === 'vi';
  const lines: InfoLine[] = [];
  if (meta.generated) {
    lines.push({
      label: vi ? 'Lưu ý' : 'Notice',
      value: vi
        ? 'Dữ liệu mô phỏng: số liệu được sinh ra để trình diễn, không phải số liệu thật.'
        : 'Generated demo data: the figures are simulated, not real.',
    });
  }
  lines.push({ label: vi ? 'Thời điểm xuất' : 'Exported at', value: vietnamTime(created, lang) });
  lines.push({
    label: vi ? 'Giá trị' : 'Values',
    value: vi
      ? 'Giá trị giữ đủ chữ số; Excel chỉ làm tròn khi hiển thị.'
      : 'Values keep full precision; Excel rounds them for display only.',
  });
  return lines;
}
