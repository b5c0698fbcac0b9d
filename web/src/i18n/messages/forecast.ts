// Messages of the Forecast screen (population projection and target forecasts), Vietnamese and English.
import type { Catalogue } from '../index.ts';

const messages: Catalogue = {
  vi: {
    'screen.forecast': 'Dự báo',
    'forecast.title': 'Dự báo dân số và chỉ tiêu · {unit}',
    'forecast.controls': 'Giả định dự báo',
    'forecast.scenario': 'Kịch bản',
    'forecast.scenario.low': 'Thấp',
    'forecast.scenario.medium': 'Trung bình',
    'forecast.scenario.high': 'Cao',
    'forecast.scenario.custom': 'Tùy chỉnh',
    'forecast.tfr': 'Mức sinh (con/phụ nữ)',
    'forecast.e0': 'Tuổi thọ trung bình (năm)',
    'forecast.mig': 'Di cư thuần (‰/năm)',
    'forecast.reset': 'Về giả định của kịch bản',
    'forecast.pyramid': 'Tháp dân số năm {future} so với năm {base}',
    'forecast.fan': 'Tổng dân số đến năm {end} theo kịch bản',
    'forecast.groups': 'Trẻ em tuổi đi học, người lao động và người cao tuổi',
    'forecast.groups.indicator': 'Chỉ số',
    'forecast.row.total': 'Tổng dân số',
    'forecast.row.school_6_10': 'Tuổi 6–10 (tiểu học)',
    'forecast.row.school_11_14': 'Tuổi 11–14 (trung học cơ sở)',
    'forecast.row.school_15_17': 'Tuổi 15–17 (trung học phổ thông)',
    'forecast.row.working_15_64': 'Tuổi lao động 15–64',
    'forecast.row.age_60_plus': 'Từ 60 tuổi trở lên',
    'forecast.row.age_65_plus': 'Từ 65 tuổi trở lên',
    'forecast.row.dependency_total': 'Tỷ số phụ thuộc chung',
    'forecast.row.dependency_old_age': 'Tỷ số phụ thuộc người già',
    'forecast.row.ageing_index': 'Chỉ số già hóa',
    'forecast.method':
      'Phương pháp thành phần theo đoàn hệ (Preston, Heuveline và Guillot 2001, chương 6), bước 5 năm, xuất phát từ ' +
      'dân số theo giới tính và nhóm 5 tuổi, {base}. Giả định: mức sinh {tfr} con/phụ nữ; tuổi thọ trung bình ' +
      '{e0} năm (nữ {e0f}, nam {e0m}); di cư thuần {mig}‰ mỗi năm; {srb} bé trai trên 100 bé gái khi sinh. Các năm ' +
      'giữa hai bước được nội suy tuyến tính.',
    'forecast.fan_note':
      'Mỗi đường là một kịch bản: thấp ({low}), trung bình ({medium}), cao ({high}){custom}. Vùng tô là khoảng giữa ' +
      'kịch bản thấp nhất và cao nhất.',
    'forecast.scenario_text': 'mức sinh {tfr}, tuổi thọ {e0} năm, di cư {mig}‰',
    'forecast.groups_note':
      'Nhóm tuổi đi học được ước tính từ nhóm 5 tuổi, coi dân số phân bố đều trong nhóm. Tỷ số phụ thuộc chung: ' +
      '(0–14 tuổi + từ 65 tuổi) trên 100 người 15–64; phụ thuộc người già: từ 65 tuổi trên 100 người 15–64; chỉ số ' +
      'già hóa: từ 60 tuổi trên 100 người 0–14.',
    'forecast.targets': 'Dự báo các chỉ tiêu đến hạn',
    'forecast.targets_note':
      'Dự báo bằng san bằng hàm mũ có xu hướng tắt dần (Gardner và McKenzie 1985) trên chuỗi tháng; tỷ lệ được dự ' +
      'báo trên thang logit nên luôn nằm trong 0–100 %. Khoảng 80 % và 95 % là khoảng dự báo tại hạn; xác suất đạt ' +
      'là xác suất mô hình cho giá trị tại hạn đạt chỉ tiêu. Chỉ tiêu đã qua hạn chỉ ghi đạt hay không đạt.',
    'forecast.col.target': 'Chỉ tiêu',
    'forecast.col.deadline': 'Hạn',
    'forecast.col.now': 'Hiện nay',
    'forecast.col.forecast': 'Dự báo tại hạn',
    'forecast.col.interval80': 'Khoảng 80 %',
    'forecast.col.interval95': 'Khoảng 95 %',
    'forecast.col.probability': 'Xác suất đạt',
    'forecast.col.pace': 'Cần thêm mỗi tháng',
    'forecast.col.status': 'Trạng thái',
    'forecast.passed': 'Đã qua hạn',
    'forecast.met_on': 'đạt từ {date}',
    'forecast.met_late': 'đạt từ {date}, sau hạn',
    'forecast.no_forecast': 'Chưa đủ số liệu để dự báo',
    'forecast.interval': '{lo} – {hi}',
    'forecast.probability': 'Xác suất đạt: {p}',
    'forecast.pace': 'Cần thêm {v}/tháng',
    'forecast.points': '{v} điểm %',
  },
  en: {
    'screen.forecast': 'Forecast',
    'forecast.title': 'Population and target forecasts · {unit}',
    'forecast.controls': 'Assumptions',
    'forecast.scenario': 'Scenario',
    'forecast.scenario.low': 'Low',
    'forecast.scenario.medium': 'Medium',
    'forecast.scenario.high': 'High',
    'forecast.scenario.custom': 'Custom',
    'forecast.tfr': 'Fertility (children per woman)',
    'forecast.e0': 'Life expectancy at birth (years)',
    'forecast.mig': 'Net migration (‰ a year)',
    'forecast.reset': "Back to the scenario's assumptions",
    'forecast.pyramid': 'Population pyramid {future} against {base}',
    'forecast.fan': 'Total population to {end} by scenario',
    'forecast.groups': 'School-age children, working age and older people',
    'forecast.groups.indicator': 'Measure',
    'forecast.row.total': 'Total population',
    'forecast.row.school_6_10': 'Aged 6–10 (primary)',
    'forecast.row.school_11_14': 'Aged 11–14 (lower secondary)',
    'forecast.row.school_15_17': 'Aged 15–17 (upper secondary)',
    'forecast.row.working_15_64': 'Working age 15–64',
    'forecast.row.age_60_plus': 'Aged 60 and over',
    'forecast.row.age_65_plus': 'Aged 65 and over',
    'forecast.row.dependency_total': 'Total dependency ratio',
    'forecast.row.dependency_old_age': 'Old-age dependency ratio',
    'forecast.row.ageing_index': 'Ageing index',
    'forecast.method':
      'Cohort-component method (Preston, Heuveline and Guillot 2001, chapter 6) in 5-year steps, from the population ' +
      'by sex and 5-year age group of {base}. Assumptions: fertility {tfr} children per woman; life expectancy {e0} ' +
      'years (women {e0f}, men {e0m}); net migration {mig}‰ a year; {srb} boys per 100 girls at birth. Years between ' +
      'steps are interpolated linearly.',
    'forecast.fan_note':
      'One line per scenario: low ({low}), medium ({medium}), high ({high}){custom}. The band spans the lowest to ' +
      'the highest scenario.',
    'forecast.scenario_text': 'fertility {tfr}, life expectancy {e0} years, migration {mig}‰',
    'forecast.groups_note':
      'School ages are estimated from 5-year groups, assuming people spread evenly within a group. Total dependency: ' +
      '(0–14 + 65+) per 100 aged 15–64; old-age dependency: 65+ per 100 aged 15–64; ageing index: 60+ per 100 aged ' +
      '0–14.',
    'forecast.targets': 'Targets forecast to their deadlines',
    'forecast.targets_note':
      'Damped-trend exponential smoothing (Gardner and McKenzie 1985) of the monthly series; shares are forecast on ' +
      'the logit scale, so they stay within 0–100 %. The 80 % and 95 % ranges are prediction intervals at the ' +
      'deadline; the probability is the model probability that the value at the deadline meets the target. Targets ' +
      'past their deadline show met or missed only.',
    'forecast.col.target': 'Target',
    'forecast.col.deadline': 'Deadline',
    'forecast.col.now': 'Now',
    'forecast.col.forecast': 'Forecast at deadline',
    'forecast.col.interval80': '80 % range',
    'forecast.col.interval95': '95 % range',
    'forecast.col.probability': 'Probability of meeting',
    'forecast.col.pace': 'Needed per month',
    'forecast.col.status': 'Status',
    'forecast.passed': 'Deadline passed',
    'forecast.met_on': 'met since {date}',
    'forecast.met_late': 'met from {date}, after the deadline',
    'forecast.no_forecast': 'Not enough data to forecast',
    'forecast.interval': '{lo} – {hi}',
    'forecast.probability': 'Probability of meeting: {p}',
    'forecast.pace': '{v} more a month needed',
    'forecast.points': '{v} pp',
  },
};

export default messages;
