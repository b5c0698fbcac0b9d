// Messages of live tracking (the link's status in the header and on the wall, the live alerts and
// changes in the Overview's feed), Vietnamese and English.
import type { Catalogue } from '../index.ts';

const messages: Catalogue = {
  vi: {
    'live.connecting': 'Đang kết nối trực tuyến…',
    'live.live': 'Trực tuyến',
    'live.down': 'Mất kết nối – đang kết nối lại…',
    'live.updated': 'cập nhật lúc {time}',
    'live.last_updated': 'cập nhật lần cuối lúc {time}',
    'live.feed': 'Cảnh báo và thay đổi trực tiếp',
    'live.feed_label': 'Cảnh báo và thay đổi vừa nhận',
    'live.alert': 'Cảnh báo',
    'live.alert_item': '{unit}: chỉ tiêu {target} · {title}',
    'live.alert_from': 'trước đó: {status}',
    'live.change_item': '{unit}: {indicator} {from} → {to}',
    'live.at': 'lúc {time}',
    'live.none': 'Chưa có cảnh báo hay thay đổi mới từ khi mở màn hình.',
  },
  en: {
    'live.connecting': 'Connecting to live data…',
    'live.live': 'Live',
    'live.down': 'Connection lost – reconnecting…',
    'live.updated': 'updated at {time}',
    'live.last_updated': 'last updated at {time}',
    'live.feed': 'Live alerts and changes',
    'live.feed_label': 'Alerts and changes just received',
    'live.alert': 'Alert',
    'live.alert_item': '{unit}: target {target} · {title}',
    'live.alert_from': 'was: {status}',
    'live.change_item': '{unit}: {indicator} {from} → {to}',
    'live.at': 'at {time}',
    'live.none': 'No new alert or change since this screen opened.',
  },
};

export default messages;
