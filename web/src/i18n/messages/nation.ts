// Messages of issue 18's nation work, Vietnamese and English.
import type { Catalogue } from '../index.ts';

const messages: Catalogue = {
  vi: {
    'nation.zoomHint': 'Phóng to để xem từng xã, phường',
    'nation.layer.country': 'Toàn quốc (tỉnh, xã)',
    'nation.note':
      'Tỉnh theo thời điểm của bản đồ: 63 tỉnh đến 30/6/2025, 34 tỉnh từ 1/7/2025; phóng to để xem xã, phường ' +
      '(ranh giới 2008–2016). Chỉ các đơn vị có trong kho dữ liệu có số liệu, các đơn vị khác tô xám “Không có ' +
      'dữ liệu”. Bao gồm quần đảo Hoàng Sa và Trường Sa.',
  },
  en: {
    'nation.zoomHint': 'Zoom in to see each commune',
    'nation.layer.country': 'Whole country (provinces, communes)',
    'nation.note':
      'Provinces as on the map’s date: 63 until 30/6/2025, 34 from 1/7/2025; zoom in for communes and wards ' +
      '(2008–2016 boundaries). Only units in the data store have figures; the others are grey, “No data”. ' +
      'Hoàng Sa and Trường Sa archipelagos included.',
  },
};

export default messages;
