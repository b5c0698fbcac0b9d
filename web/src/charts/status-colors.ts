// One set of status colours for every chart, badge and table (colour-blind-safe blue/orange pairs,
// always shown with a text label too).
export type Status = 'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data' | 'suppressed';

export const STATUS_COLORS: Record<Status, string> = {
  met: '#1a7f37',
  on_track: '#2f6fd6',
  at_risk: '#d08700',
  missed: '#c62828',
  no_data: '#8a8f98',
  suppressed: '#8a8f98',
};

export const statusColor = (status: string): string => STATUS_COLORS[status as Status] ?? STATUS_COLORS.no_data;
