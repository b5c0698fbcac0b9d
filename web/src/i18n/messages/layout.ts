// Messages of issue 17's layout work (the header on a laptop and a phone, tables that scroll inside their
// panel), Vietnamese and English.
import type { Catalogue } from '../index.ts';

const messages: Catalogue = {
  vi: {
    'layout.menu': 'Menu',
    'layout.wall_short': 'Trình chiếu',
    'layout.table_scroll': '{title} (bảng, cuộn ngang để xem hết các cột)',
  },
  en: {
    'layout.menu': 'Menu',
    'layout.wall_short': 'Wall',
    'layout.table_scroll': '{title} (table, scroll sideways to see every column)',
  },
};

export default messages;
