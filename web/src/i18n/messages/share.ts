// Messages of issue 17's share work (the PDF's typeface, the sign-in page of a share link), Vietnamese and English.
import type { Catalogue } from '../index.ts';

const messages: Catalogue = {
  vi: {
    'share.pdf.font': 'Phông chữ',
    'share.pdf.font.app': 'Như trên màn hình (Noto Sans)',
    'share.pdf.font.times': 'Times New Roman (hành chính)',
    'share.pdf.make': 'Tải PDF',
    'share.pdf.menu': 'Xuất PDF: chọn phông chữ',
    'share.signin.lead': 'Bạn sắp mở một bản chụp số liệu:',
    'share.signin.title': 'Bản chụp',
    'share.signin.units': 'Đơn vị',
    'share.signin.created': 'Chụp lúc',
    'share.signin.data_date': 'Số liệu đến ngày',
    'share.signin.after':
      'Đăng nhập để xem; bản chụp mở ngay sau khi đăng nhập, nếu tài khoản của bạn được xem các đơn vị này.',
    'share.signin.missing': 'Không tìm thấy bản chụp của liên kết này. Sau khi đăng nhập, màn hình chính sẽ mở.',
  },
  en: {
    'share.pdf.font': 'Typeface',
    'share.pdf.font.app': 'As on screen (Noto Sans)',
    'share.pdf.font.times': 'Times New Roman (administrative)',
    'share.pdf.make': 'Download PDF',
    'share.pdf.menu': 'PDF export: choose the typeface',
    'share.signin.lead': 'You are about to open a data snapshot:',
    'share.signin.title': 'Snapshot',
    'share.signin.units': 'Units',
    'share.signin.created': 'Taken at',
    'share.signin.data_date': 'Data up to',
    'share.signin.after':
      'Sign in to see it; the snapshot opens right after signing in if your account may see these units.',
    'share.signin.missing': 'No snapshot found for this link. After signing in, the home screen opens.',
  },
};

export default messages;
