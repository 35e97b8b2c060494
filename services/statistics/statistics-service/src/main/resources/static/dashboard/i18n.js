// Labels of the dashboard in Vietnamese (the default) and English, and number and date formatting per language.

const TEXTS = {
  vi: {
    title: 'Bảng số liệu công tác dân vận',
    skip: 'Bỏ qua, tới nội dung chính',
    heading: 'Số liệu công tác dân vận',
    pickers: 'Chọn đơn vị và kỳ báo cáo',
    unit: 'Đơn vị',
    'unit.province': 'Tỉnh, thành phố',
    'unit.below': 'Đơn vị trực thuộc',
    'unit.all': '— Toàn bộ {name} —',
    'level.DISTRICT': 'Huyện, quận, thị xã',
    'level.COMMUNE': 'Xã, phường, đặc khu',
    'level.AGENCY': 'Cơ quan',
    'level.ORGANISATION': 'Tổ chức',
    period: 'Kỳ báo cáo',
    'period.kind': 'Loại kỳ',
    'period.year': 'Năm',
    'period.quarter': 'Quý',
    'period.month': 'Tháng',
    'period.half': 'Nửa năm',
    'kind.year': 'Năm',
    'kind.half': '6 tháng',
    'kind.nine': '9 tháng',
    'kind.quarter': 'Quý',
    'kind.month': 'Tháng',
    'kind.term': 'Nhiệm kỳ',
    'kind.day': 'Ngày',
    compare: 'So sánh với',
    'compare.previous': 'Kỳ trước',
    'compare.year': 'Cùng kỳ năm trước',
    'comparison.previous': '{value} = {percent} kỳ trước',
    'comparison.year': '{value} = {percent} cùng kỳ năm trước',
    'comparison.noBase.previous': 'Kỳ trước: {previous}',
    'comparison.noBase.year': 'Cùng kỳ năm trước: {previous}',
    'comparison.change': 'thay đổi {change}',
    comparedWith: 'So với {period}',
    figures: 'Số liệu chính',
    export: 'Tải bảng báo cáo (có so sánh):',
    asOf: 'Số liệu tính đến {time}',
    'chart.byKind': 'Ý kiến tiếp nhận theo loại, theo thời gian',
    'chart.byStatus': 'Tình trạng xử lý theo thời gian',
    'chart.onTime': 'Tỷ lệ trả lời đúng hạn (%)',
    'chart.byChannel': 'Theo kênh tiếp nhận',
    'chart.byCategory': 'Theo lĩnh vực',
    'chart.empty': 'Chưa có số liệu',
    'panel.dialogues': 'Đối thoại trực tiếp, tiếp công dân',
    'panel.models': 'Mô hình “Dân vận khéo”',
    'panel.later': 'Số liệu sẽ hiển thị ở đây khi dịch vụ tương ứng gửi sự kiện.',
    children: 'Theo đơn vị trực thuộc',
    'children.none': 'Đơn vị này không có đơn vị trực thuộc.',
    'col.unit': 'Đơn vị',
    'col.feedbackId': 'Mã ý kiến',
    'col.kind': 'Loại',
    'col.dueAt': 'Hạn xử lý',
    overdue: 'Ý kiến quá hạn theo đơn vị',
    'overdue.note': 'Chỉ hiện mã ý kiến, không có thông tin cá nhân.',
    'overdue.none': 'Không có ý kiến quá hạn.',
    'overdue.restricted': 'Danh sách này chỉ dành cho cán bộ có phạm vi bao gồm đơn vị đã chọn.',
    signin: 'Đăng nhập (cán bộ)',
    signout: 'Đăng xuất',
    'signin.as': 'Đã đăng nhập: {who}',
    'signin.failed': 'Không đăng nhập được: {detail}',
    'signin.expired': 'Phiên đăng nhập đã hết hạn hoặc không còn hợp lệ: hãy đăng nhập lại để xem danh sách quá hạn.',
    'error.timeout': 'máy chủ không trả lời kịp',
    'error.network': 'không kết nối được tới máy chủ; trang sẽ thử lại',
    'overdue.unavailable': 'Chưa tải được danh sách quá hạn; trang sẽ thử lại.',
    'address.period': 'Kỳ “{period}” trong địa chỉ không hợp lệ hoặc chưa tới; đang hiển thị {shown}.',
    'address.unit': 'Không có đơn vị mã “{unit}” (mã trong địa chỉ sai, hoặc là mã trước khi sáp nhập năm 2025); đang hiển thị {shown}.',
    'overdue.count': '{count} ý kiến quá hạn',
    inactive: 'Đơn vị không có hoạt động trong kỳ',
    'inactive.count': '{count} đơn vị chưa tiếp nhận ý kiến nào trong kỳ',
    'inactive.none': 'Mọi đơn vị đều có hoạt động trong kỳ.',
    'inactive.notStarted': 'Kỳ này chưa bắt đầu: chưa thể có đơn vị nào không hoạt động trong kỳ.',
    'inactive.list': 'Danh sách đơn vị',
    'live.closed': 'Chưa kết nối',
    'live.connecting': 'Đang kết nối…',
    'live.open': 'Trực tiếp',
    'live.retrying': 'Mất kết nối, đang thử lại…',
    'live.updated': 'Trực tiếp · cập nhật {time}',
    'error.load': 'Không tải được số liệu: {detail}',
    motto: 'Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng.',
    'metric.feedback.received': 'Tiếp nhận',
    'metric.feedback.accepted': 'Thụ lý',
    'metric.feedback.rejected': 'Không thụ lý',
    'metric.feedback.transferredIn': 'Được chuyển đến',
    'metric.feedback.transferredOut': 'Chuyển đi',
    'metric.feedback.answered': 'Đã trả lời',
    'metric.feedback.closed': 'Đã kết thúc',
    'metric.feedback.answeredOnTime': 'Trả lời đúng hạn',
    'metric.feedback.answeredLate': 'Trả lời quá hạn',
    'metric.feedback.reopened': 'Mở lại',
    'metric.feedback.withdrawn': 'Rút lại',
    'metric.feedback.overdueNow': 'Đang quá hạn',
    'metric.feedback.pendingNow': 'Đang xử lý',
    'metric.feedback.answerWorkingDaysAvg': 'Số ngày làm việc để trả lời (trung bình)',
    'metric.feedback.answerWorkingDaysP90': 'Số ngày làm việc để trả lời (P90)',
    'metric.feedback.ratingAvg': 'Đánh giá của người dân (trung bình)',
    'metric.feedback.onTimeRatePercent': 'Tỷ lệ trả lời đúng hạn',
    'feedbackKind.OPINION': 'Ý kiến',
    'feedbackKind.RECOMMENDATION': 'Kiến nghị',
    'feedbackKind.REPORT': 'Phản ánh',
    'feedbackKind.COMPLAINT': 'Khiếu nại',
    'feedbackKind.DENUNCIATION': 'Tố cáo',
    // the public's series show complaints and denunciations together (docs/statistics-api.md)
    'feedbackKind.COMPLAINT_DENUNCIATION': 'Khiếu nại, tố cáo',
    'feedbackKind.CONSULTATION_COMMENT': 'Góp ý dự thảo',
    'feedbackKind.MODEL_ASSESSMENT': 'Đánh giá mô hình',
    'channel.WEB': 'Cổng thông tin',
    'channel.APP': 'Ứng dụng',
    'channel.HOTLINE': 'Đường dây nóng',
    'channel.LETTER': 'Đơn thư',
    'channel.RECEPTION': 'Tiếp công dân',
    'channel.DIALOGUE': 'Đối thoại',
    'channel.IMPORT': 'Nhập từ văn bản giấy',
    unattributed: 'Chưa phân bổ (xã bị chia tách)',
    'metric.feedback.pendingAtEnd': 'Tồn cuối kỳ',
  },
  en: {
    title: 'Mass mobilization dashboard',
    skip: 'Skip to the main content',
    heading: 'Mass mobilization figures',
    pickers: 'Choose a unit and a reporting period',
    unit: 'Unit',
    'unit.province': 'Province or city',
    'unit.below': 'Unit within',
    'unit.all': '— All of {name} —',
    'level.DISTRICT': 'Districts',
    'level.COMMUNE': 'Communes, wards, special zones',
    'level.AGENCY': 'Agencies',
    'level.ORGANISATION': 'Organisations',
    period: 'Reporting period',
    'period.kind': 'Kind of period',
    'period.year': 'Year',
    'period.quarter': 'Quarter',
    'period.month': 'Month',
    'period.half': 'Half',
    'kind.year': 'Year',
    'kind.half': 'Half-year',
    'kind.nine': 'First 9 months',
    'kind.quarter': 'Quarter',
    'kind.month': 'Month',
    'kind.term': 'Term',
    'kind.day': 'Day',
    compare: 'Compare with',
    'compare.previous': 'Previous period',
    'compare.year': 'Same period a year earlier',
    'comparison.previous': '{value} = {percent} of the previous period',
    'comparison.year': '{value} = {percent} of the same period a year earlier',
    'comparison.noBase.previous': 'Previous period: {previous}',
    'comparison.noBase.year': 'A year earlier: {previous}',
    'comparison.change': 'change {change}',
    comparedWith: 'Compared with {period}',
    figures: 'Headline figures',
    export: 'Download the report table (with the comparison):',
    asOf: 'Figures as of {time}',
    'chart.byKind': 'Feedback received by kind over time',
    'chart.byStatus': 'Feedback by status over time',
    'chart.onTime': 'Answered on time (%)',
    'chart.byChannel': 'By channel',
    'chart.byCategory': 'By category',
    'chart.empty': 'No data yet',
    'panel.dialogues': 'Direct dialogues and citizen reception',
    'panel.models': '“Skillful mobilization” models',
    'panel.later': 'Figures will appear here once the service concerned publishes its events.',
    children: 'By unit within',
    'children.none': 'This unit has no units within it.',
    'col.unit': 'Unit',
    'col.feedbackId': 'Feedback id',
    'col.kind': 'Kind',
    'col.dueAt': 'Due',
    overdue: 'Overdue feedback by unit',
    'overdue.note': 'Feedback ids only, no personal data.',
    'overdue.none': 'No overdue feedback.',
    'overdue.restricted': 'Only officers whose scope covers the chosen unit see this list.',
    signin: 'Sign in (officers)',
    signout: 'Sign out',
    'signin.as': 'Signed in: {who}',
    'signin.failed': 'Could not sign in: {detail}',
    'signin.expired': 'Your sign-in has expired or is no longer valid: sign in again to see the overdue list.',
    'error.timeout': 'the server did not answer in time',
    'error.network': 'could not reach the server; the page will try again',
    'overdue.unavailable': 'The overdue list could not be loaded; the page will try again.',
    'address.period': 'The period “{period}” in the address is not valid or has not begun; showing {shown}.',
    'address.unit': 'There is no unit with the code “{unit}” (a wrong code in the address, or one from before the 2025 mergers); showing {shown}.',
    'overdue.count': '{count} overdue',
    inactive: 'Units with no activity in the period',
    'inactive.count': '{count} units received no feedback in the period',
    'inactive.none': 'Every unit was active in the period.',
    'inactive.notStarted': 'This period has not begun: no unit can have been inactive in it yet.',
    'inactive.list': 'The units',
    'live.closed': 'Not connected',
    'live.connecting': 'Connecting…',
    'live.open': 'Live',
    'live.retrying': 'Connection lost, retrying…',
    'live.updated': 'Live · updated {time}',
    'error.load': 'Could not load the figures: {detail}',
    motto: 'People know, discuss, do, inspect, supervise and benefit.',
    'metric.feedback.received': 'Received',
    'metric.feedback.accepted': 'Accepted',
    'metric.feedback.rejected': 'Rejected',
    'metric.feedback.transferredIn': 'Transferred in',
    'metric.feedback.transferredOut': 'Transferred out',
    'metric.feedback.answered': 'Answered',
    'metric.feedback.closed': 'Closed',
    'metric.feedback.answeredOnTime': 'Answered on time',
    'metric.feedback.answeredLate': 'Answered late',
    'metric.feedback.reopened': 'Reopened',
    'metric.feedback.withdrawn': 'Withdrawn',
    'metric.feedback.overdueNow': 'Overdue now',
    'metric.feedback.pendingNow': 'Pending now',
    'metric.feedback.answerWorkingDaysAvg': 'Working days to answer (average)',
    'metric.feedback.answerWorkingDaysP90': 'Working days to answer (P90)',
    'metric.feedback.ratingAvg': 'Citizens’ rating (average)',
    'metric.feedback.onTimeRatePercent': 'On-time rate',
    'feedbackKind.OPINION': 'Opinion',
    'feedbackKind.RECOMMENDATION': 'Recommendation',
    'feedbackKind.REPORT': 'Report',
    'feedbackKind.COMPLAINT': 'Complaint',
    'feedbackKind.DENUNCIATION': 'Denunciation',
    'feedbackKind.COMPLAINT_DENUNCIATION': 'Complaints and denunciations',
    'feedbackKind.CONSULTATION_COMMENT': 'Consultation comment',
    'feedbackKind.MODEL_ASSESSMENT': 'Model assessment',
    'channel.WEB': 'Web portal',
    'channel.APP': 'Mobile app',
    'channel.HOTLINE': 'Hotline',
    'channel.LETTER': 'Letter',
    'channel.RECEPTION': 'Citizen reception',
    'channel.DIALOGUE': 'Dialogue',
    'channel.IMPORT': 'Paper import',
    unattributed: 'Unattributed (split commune)',
    'metric.feedback.pendingAtEnd': 'Pending at end of period',
  },
};

export const LANGUAGES = Object.keys(TEXTS);

const LOCALES = { vi: 'vi-VN', en: 'en-GB' };

let language = 'vi';

export function setLanguage(lang) {
  language = TEXTS[lang] ? lang : 'vi';
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  document.title = t('title');
  for (const code of LANGUAGES) {
    document.getElementById(`lang-${code}`)?.setAttribute('aria-pressed', String(code === language));
  }
}

export function currentLanguage() {
  return language;
}

export function locale() {
  return LOCALES[language];
}

/** The label for a key in the current language, with {name} placeholders filled; the key itself if unknown. */
export function t(key, values = {}) {
  const text = TEXTS[language][key] ?? TEXTS.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A label if one is known for the key, else the fallback (e.g. the backend's Vietnamese label). */
export function tOr(key, fallback) {
  return TEXTS[language][key] ?? fallback ?? key;
}

const numberFormats = new Map();

/** 2.299 and 86,3 in Vietnamese; 2,299 and 86.3 in English. */
export function formatNumber(value, fractionDigits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  const key = `${locale()}/${fractionDigits}`;
  if (!numberFormats.has(key)) {
    numberFormats.set(key, new Intl.NumberFormat(locale(), { maximumFractionDigits: fractionDigits }));
  }
  return numberFormats.get(key).format(value);
}

export function formatPercent(value) {
  return value === null || value === undefined ? '–' : `${formatNumber(value)}%`;
}

export function formatSigned(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value);
}

/**
 * A moment with a four-digit year: "14:03:05 05/12/2026" in Vietnamese, "05/12/2026, 14:03:05" in English (the short
 * date style would write "5/12/26" in Vietnamese).
 */
export function formatDateTime(iso) {
  if (!iso) {
    return '';
  }
  return new Intl.DateTimeFormat(locale(), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' }).format(date);
}
