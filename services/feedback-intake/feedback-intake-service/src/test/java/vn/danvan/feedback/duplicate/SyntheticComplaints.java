package vn.danvan.feedback.duplicate;

import java.util.List;
import java.util.Random;

/** Many different plausible complaints for load measurements: a few sentences drawn from a pool, with numbers. */
final class SyntheticComplaints {

    private static final List<String> OPENINGS = List.of(
            "Kính gửi Ủy ban nhân dân xã.",
            "Tôi xin phản ánh sự việc sau.",
            "Đề nghị chính quyền địa phương xem xét.",
            "Bà con thôn %d có ý kiến như sau.",
            "Cử tri tổ dân phố %d kiến nghị.");
    private static final List<String> ISSUES = List.of(
            "Tuyến đường liên thôn số %d xuống cấp, nhiều ổ gà sâu.",
            "Đèn chiếu sáng công cộng ở ngõ %d hỏng đã hơn một tháng.",
            "Cống thoát nước khu dân cư bị tắc, mưa xuống là ngập đến đầu gối.",
            "Cơ sở chăn nuôi lợn của hộ số %d xả thải ra kênh gây mùi hôi.",
            "Việc chi trả tiền hỗ trợ cho hộ nghèo năm nay bị chậm.",
            "Trường mầm non thiếu phòng học, các cháu phải học ghép.",
            "Trạm y tế xã thường xuyên thiếu thuốc bảo hiểm y tế.",
            "Việc cấp giấy chứng nhận quyền sử dụng đất cho thửa số %d kéo dài quá hạn.",
            "Xe tải chở cát chạy quá tốc độ qua khu vực trường học.",
            "Nước sinh hoạt bị đục và có mùi clo nặng.",
            "Tiếng ồn từ xưởng gỗ hoạt động đến khuya.",
            "Cây xanh trên đường số %d có nguy cơ đổ khi mưa bão.",
            "Bãi rác tự phát ven sông ngày càng lớn.",
            "Giá điện tháng này tăng bất thường so với tháng trước.",
            "Chợ tạm lấn chiếm lòng đường gây ùn tắc giờ cao điểm.",
            "Hệ thống kênh mương nội đồng bị bồi lắng, không đủ nước tưới.");
    private static final List<String> ASKS = List.of(
            "Đề nghị các cơ quan chức năng kiểm tra và xử lý dứt điểm.",
            "Mong xã sớm có phương án khắc phục trước mùa mưa.",
            "Đề nghị công khai kết quả giải quyết cho nhân dân biết.",
            "Xin trả lời bằng văn bản trong thời hạn luật định.",
            "Nhân dân sẵn sàng đóng góp ngày công nếu được hướng dẫn.");

    private SyntheticComplaints() {}

    static String next(Random random) {
        StringBuilder text = new StringBuilder(pick(OPENINGS, random));
        int issues = 2 + random.nextInt(3);
        for (int i = 0; i < issues; i++) {
            text.append(' ').append(pick(ISSUES, random));
        }
        text.append(' ').append(pick(ASKS, random));
        return text.toString();
    }

    private static String pick(List<String> sentences, Random random) {
        return String.format(sentences.get(random.nextInt(sentences.size())), 1 + random.nextInt(500));
    }
}
