// Messages of the Decision 766 index screen (Chỉ số 766), Vietnamese and English.
import type { Catalogue } from '../index.ts';

const messages: Catalogue = {
  vi: {
    'screen.index766': 'Chỉ số 766',
    'index766.title': 'Chỉ số 766',
    'index766.subtitle':
      'Chỉ số chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công ' +
      '(Quyết định 766/QĐ-TTg), tính từ dữ liệu của đơn vị',
    'index766.period.legend': 'Kỳ đánh giá',
    'index766.period.grain': 'Chu kỳ',
    'index766.period.choice': 'Kỳ',
    'index766.info': '{unit} · {period}',
    'index766.source':
      'Nguồn: hồ sơ thủ tục hành chính, danh mục thủ tục và phản ánh, kiến nghị của đơn vị; cách tính theo ' +
      'Quyết định 766/QĐ-TTg.',

    'index766.score.title': 'Điểm Chỉ số 766 · {period}',
    'index766.export.score': 'Điểm Chỉ số 766',
    'index766.score.out_of': 'trên 100',
    'index766.score.points': 'Đạt {points} trên {max} điểm của các chỉ số có dữ liệu',
    'index766.score.rescaled':
      'Chỉ số không có dữ liệu trong kỳ được bỏ ra khỏi cả điểm đạt và điểm tối đa; điểm được quy đổi về thang 100.',
    'index766.score.unscaled': 'Chỉ số không có dữ liệu trong kỳ được tính 0 điểm.',
    'index766.score.none': 'Chưa tính được điểm: không chỉ số nào có dữ liệu trong kỳ.',
    'index766.rank': 'Hạng {rank}/{of} trong các đơn vị cùng cấp',
    'index766.rank_none': 'Không xếp hạng: thứ hạng chỉ hiện với tài khoản xem được mọi đơn vị cùng cấp',
    'index766.period_partial': 'Kỳ chưa kết thúc: số liệu đến ngày {date}, điểm còn có thể thay đổi.',
    'index766.grade_note':
      'Xếp loại theo cách các công cụ địa phương thường dùng, chưa phải xếp loại chính thức: {list}.',
    'index766.grade.excellent': 'Xuất sắc',
    'index766.grade.good': 'Tốt',
    'index766.grade.fair': 'Khá',
    'index766.grade.average': 'Trung bình',
    'index766.grade.weak': 'Yếu',
    'index766.points_value': '{v} điểm',
    'index766.no_score': 'chưa có điểm',

    'index766.months.title': 'Điểm Chỉ số 766 theo tháng, năm {year}',
    'index766.months.label':
      'Biểu đồ cột: điểm Chỉ số 766 của {unit} từng tháng năm {year}, trên nền các mức xếp loại; {forecast}',
    'index766.score_series': 'Điểm tháng',
    'index766.forecast_series': 'Dự báo tháng 12',
    'index766.month_partial_short': 'chưa hết tháng',
    'index766.month_partial': 'Tháng chưa kết thúc: số liệu đến ngày {date}',
    'index766.months.partial_note':
      'Cột viền nét đứt là tháng chưa kết thúc (số liệu đến ngày {date}): điểm của tháng này còn thiếu số liệu, ' +
      'không phải điểm bị giảm.',
    'index766.forecast.text': 'Dự báo điểm tháng 12/{year}: {score} (khoảng dự báo 80 %: {low}–{high}).',
    'index766.forecast.text_point': 'Dự báo điểm tháng 12/{year}: {score}.',
    'index766.forecast.none': 'không có dự báo',
    'index766.forecast.method.damped_logit':
      'Phương pháp: làm trơn hàm mũ có xu hướng tắt dần, trên thang logit của điểm tháng (như dự báo chỉ tiêu).',
    'index766.forecast.known': 'Tháng 12/{year} đã có số liệu nên không cần dự báo.',
    'index766.forecast.method.too_short': 'Chưa dự báo tháng 12: chưa đủ số tháng có điểm.',
    'index766.forecast.method.too_far': 'Chưa dự báo tháng 12: tháng 12 còn quá xa so với tháng có số liệu cuối cùng.',
    'index766.forecast.method.no_data': 'Chưa dự báo tháng 12: chưa có điểm tháng nào.',
    'index766.axis_from': 'Trục điểm bắt đầu từ {min}, không từ 0.',

    'index766.groups.title': 'Điểm theo nhóm chỉ số so với điểm tối đa · {period}',
    'index766.groups.label':
      'Biểu đồ thanh ngang: điểm đạt, điểm bị mất và điểm không tính (không có dữ liệu) của sáu nhóm chỉ số',
    'index766.earned': 'Điểm đạt',
    'index766.lost': 'Điểm bị mất',
    'index766.not_counted': 'Không tính (không có dữ liệu)',
    'index766.group.total': 'Tổng điểm',
    'index766.group_of': 'Nhóm {id}. {name}',

    'index766.table.title': 'Các chỉ số thành phần, xếp theo điểm bị mất · {period}',
    'index766.col.id': 'Mã',
    'index766.col.name': 'Chỉ số',
    'index766.col.fraction': 'Tử số / mẫu số',
    'index766.col.ratio': 'Tỷ lệ',
    'index766.col.points': 'Điểm / tối đa',
    'index766.col.lost': 'Điểm bị mất',
    'index766.col.status': 'Trạng thái',
    'index766.status.scored': 'Tính điểm',
    'index766.status.no_data': 'Không có dữ liệu',
    'index766.status.not_scored': 'Chỉ theo dõi',
    'index766.status.no_formula': 'Chưa có công thức',
    'index766.status.withheld': 'Đã ẩn',
    'index766.status_note':
      'Không có dữ liệu: mẫu số bằng 0 trong kỳ, chỉ số không tính vào điểm lẫn điểm tối đa (khác với 0 điểm). ' +
      'Chỉ theo dõi: hiển thị, không tính điểm. Chưa có công thức: Quyết định chưa công bố cách tính. ' +
      'Đã ẩn: số liệu không được công bố để bảo vệ dữ liệu cá nhân.',
    'index766.observed_mark': 'quy tắc suy ra từ dữ liệu của Cổng',
    'index766.observed_note':
      '* Quy tắc tính điểm suy ra từ kết quả của Cổng Dịch vụ công quốc gia, chưa đọc được trong văn bản Quyết định.',

    'index766.losses.title': 'Việc cần làm để tăng điểm · {period}',
    'index766.losses.none': 'Trong kỳ, không chỉ số nào có dữ liệu bị mất điểm.',
    'index766.losses.lost': 'mất {v} điểm',
    'index766.losses.causes': 'Thủ tục làm mất điểm ({n})',
    'index766.cause.procedure': 'Thủ tục',
    'index766.cause.fraction': 'Đạt / tổng',
    'index766.cause.lost': 'Điểm bị mất',
    'index766.cause.gain': 'Tăng thêm nếu đạt 100 %',

    'index766.communes.title': 'Xếp hạng các xã theo Chỉ số 766 · {period}',
    'index766.communes.label': 'Biểu đồ thanh ngang: {n} xã xếp theo điểm Chỉ số 766, cao nhất ở trên',
    'index766.communes.hint': 'Chọn một xã trong biểu đồ hoặc trong bảng để xem điểm của xã đó.',
    'index766.communes.table': 'Bảng xếp hạng',
    'index766.col.rank': 'Hạng',
    'index766.col.unit': 'Đơn vị',
    'index766.col.score': 'Điểm',
    'index766.col.grade': 'Xếp loại',

    'index766.portal.title': 'Đối chiếu với điểm trên Cổng Dịch vụ công quốc gia',
    'index766.portal.source':
      'Nguồn: điểm do Cổng Dịch vụ công quốc gia công bố (tệp nhập); điểm của Cổng là điểm chính thức.',
    'index766.portal.note':
      'Chênh lệch = điểm tính tại IOC − điểm của Cổng; dòng được đánh dấu khi lệch quá {limit} điểm.',
    'index766.col.period': 'Kỳ',
    'index766.col.group': 'Nhóm',
    'index766.col.local': 'Tính tại IOC',
    'index766.col.portal': 'Cổng DVC',
    'index766.col.diff': 'Chênh lệch',
    'index766.portal.flag': 'Lệch quá {limit} điểm',
  },
  en: {
    'screen.index766': 'Decision 766 index',
    'index766.title': 'Decision 766 index',
    'index766.subtitle':
      'Index of the quality of service to people and businesses in administrative procedures and public services ' +
      "(Decision 766/QĐ-TTg), computed from the unit's data",
    'index766.period.legend': 'Period assessed',
    'index766.period.grain': 'Period length',
    'index766.period.choice': 'Period',
    'index766.info': '{unit} · {period}',
    'index766.source':
      "Source: the unit's administrative-procedure dossiers, procedure catalogue and petitions; scored as " +
      'Decision 766/QĐ-TTg sets out.',

    'index766.score.title': 'Decision 766 score · {period}',
    'index766.export.score': 'Decision 766 index score',
    'index766.score.out_of': 'out of 100',
    'index766.score.points': 'Earned {points} of the {max} points of the indicators with data',
    'index766.score.rescaled':
      'Indicators without data in the period are left out of both the points and the maximum; the score is ' +
      'rescaled to 100.',
    'index766.score.unscaled': 'Indicators without data in the period count as 0 points.',
    'index766.score.none': 'No score: no indicator has data in the period.',
    'index766.rank': 'Rank {rank} of {of} among sibling units',
    'index766.rank_none': 'No rank: a rank is shown only to accounts that may see every sibling unit',
    'index766.period_partial': 'The period is not over: data up to {date}, the score may still change.',
    'index766.grade_note': 'Grades as local tools commonly use them, not official ones: {list}.',
    'index766.grade.excellent': 'Excellent',
    'index766.grade.good': 'Good',
    'index766.grade.fair': 'Fair',
    'index766.grade.average': 'Average',
    'index766.grade.weak': 'Weak',
    'index766.points_value': '{v} points',
    'index766.no_score': 'no score',

    'index766.months.title': 'Decision 766 score by month, {year}',
    'index766.months.label':
      'Bar chart: the Decision 766 score of {unit} for each month of {year}, over the grade bands; {forecast}',
    'index766.score_series': 'Monthly score',
    'index766.forecast_series': 'December forecast',
    'index766.month_partial_short': 'in progress',
    'index766.month_partial': 'Month in progress: data up to {date}',
    'index766.months.partial_note':
      'The dashed bar is a month still in progress (data up to {date}): its score lacks part of the month, it is ' +
      'not a drop.',
    'index766.forecast.text': 'December {year} forecast: {score} (80 % forecast range {low}–{high}).',
    'index766.forecast.text_point': 'December {year} forecast: {score}.',
    'index766.forecast.none': 'no forecast',
    'index766.forecast.method.damped_logit':
      'Method: damped-trend exponential smoothing of the monthly scores on the logit scale (as for the targets).',
    'index766.forecast.known': 'December {year} is within the data: no forecast is needed.',
    'index766.forecast.method.too_short': 'No December forecast: too few months with a score.',
    'index766.forecast.method.too_far': 'No December forecast: December is too far beyond the last month with data.',
    'index766.forecast.method.no_data': 'No December forecast: no month has a score.',
    'index766.axis_from': 'The score axis starts at {min}, not 0.',

    'index766.groups.title': 'Points by group against the maximum · {period}',
    'index766.groups.label':
      'Horizontal bars: points earned, points lost and points not counted (no data) of the six indicator groups',
    'index766.earned': 'Points earned',
    'index766.lost': 'Points lost',
    'index766.not_counted': 'Not counted (no data)',
    'index766.group.total': 'Total',
    'index766.group_of': 'Group {id}. {name}',

    'index766.table.title': 'Indicators, by points lost · {period}',
    'index766.col.id': 'ID',
    'index766.col.name': 'Indicator',
    'index766.col.fraction': 'Numerator / denominator',
    'index766.col.ratio': 'Ratio',
    'index766.col.points': 'Points / max',
    'index766.col.lost': 'Points lost',
    'index766.col.status': 'Status',
    'index766.status.scored': 'Scored',
    'index766.status.no_data': 'No data',
    'index766.status.not_scored': 'Not scored',
    'index766.status.no_formula': 'No formula',
    'index766.status.withheld': 'Withheld',
    'index766.status_note':
      'No data: the denominator is 0 in the period, and the indicator counts in neither the points nor the maximum ' +
      '(unlike 0 points). Not scored: shown, not scored. No formula: the Decision publishes no formula. Withheld: ' +
      'not published, to protect personal data.',
    'index766.observed_mark': 'rule reconstructed from portal data',
    'index766.observed_note':
      "* Points rule reconstructed from the national portal's answers, not read in the text of the Decision.",

    'index766.losses.title': 'What would raise the score · {period}',
    'index766.losses.none': 'No indicator with data lost points in the period.',
    'index766.losses.lost': '{v} points lost',
    'index766.losses.causes': 'Procedures that cost points ({n})',
    'index766.cause.procedure': 'Procedure',
    'index766.cause.fraction': 'Met / total',
    'index766.cause.lost': 'Points lost',
    'index766.cause.gain': 'Gain at 100 %',

    'index766.communes.title': 'Communes ranked on the Decision 766 index · {period}',
    'index766.communes.label': 'Horizontal bars: {n} communes by Decision 766 score, highest at the top',
    'index766.communes.hint': 'Pick a commune in the chart or the table to see its score.',
    'index766.communes.table': 'Ranking table',
    'index766.col.rank': 'Rank',
    'index766.col.unit': 'Unit',
    'index766.col.score': 'Score',
    'index766.col.grade': 'Grade',

    'index766.portal.title': "Reconciliation with the national portal's score",
    'index766.portal.source':
      "Source: the scores published by the national public-service portal (imported file); the portal's score is " +
      'the official one.',
    'index766.portal.note':
      'Difference = IOC score − portal score; a row is flagged when they differ by more than {limit} points.',
    'index766.col.period': 'Period',
    'index766.col.group': 'Group',
    'index766.col.local': 'IOC',
    'index766.col.portal': 'Portal',
    'index766.col.diff': 'Difference',
    'index766.portal.flag': 'Differs by more than {limit} points',
  },
};

export default messages;
