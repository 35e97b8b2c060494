package vn.danvan.feedback.duplicate;

/** Realistic citizens' submissions (invented people and places) shared by the duplicate tests. */
final class Complaints {

    static final String ROAD =
            "Kính gửi Ủy ban nhân dân xã Tân Phú. Tôi tên là Nguyễn Văn Bình, cư trú tại thôn 3, xã Tân"
                    + " Phú. Tôi xin phản ánh việc tuyến đường liên thôn từ thôn 3 đi thôn 5 đã xuống cấp nghiêm trọng trong nhiều"
                    + " tháng nay. Mặt đường có nhiều ổ gà, ổ voi, có chỗ sâu hơn 30 cm, mỗi khi trời mưa nước đọng thành vũng lớn,"
                    + " người dân và học sinh đi lại rất khó khăn và nguy hiểm. Tuần trước đã có hai vụ ngã xe máy, một cháu học"
                    + " sinh lớp 7 bị gãy tay phải nằm viện. Xe chở nông sản không vào được nên bà con phải gánh bộ ra tận đường tỉnh"
                    + " để bán, giá bị thương lái ép thấp. Bà con trong thôn đã nhiều lần kiến nghị tại các buổi họp thôn và tiếp xúc"
                    + " cử tri nhưng đến nay vẫn chưa thấy cơ quan chức năng khảo sát hay có kế hoạch sửa chữa. Nhân dân sẵn sàng"
                    + " đóng góp ngày công và một phần kinh phí nếu xã có phương án làm đường theo chương trình nông thôn mới. Đề"
                    + " nghị Ủy ban nhân dân xã sớm kiểm tra thực tế, tạm thời san lấp các ổ gà lớn trước mùa mưa bão, đồng thời"
                    + " báo cáo huyện đưa tuyến đường này vào kế hoạch đầu tư năm tới. Tôi xin chân thành cảm ơn và mong nhận được"
                    + " trả lời bằng văn bản.";

    /** {@link #ROAD} with one sentence told differently, as when the citizen writes again a week later. */
    static final String ROAD_ONE_SENTENCE_CHANGED = ROAD.replace(
            "Tuần trước đã có hai vụ ngã xe máy, một cháu học sinh lớp 7 bị gãy tay phải nằm viện.",
            "Hôm qua lại có một cụ già bị ngã xe đạp ở đoạn gần cầu, phải đưa đi trạm y tế xã băng bó.");

    /** Another complaint about roads in the same commune, in other words. */
    static final String ROAD_OTHER = "Đường bê tông ở xóm Đông, thôn 5 mới làm xong được tám tháng đã bị nứt, bong tróc"
            + " nhiều đoạn. Người dân nghi ngờ nhà thầu thi công không đúng thiết kế, đổ bê tông mỏng và thiếu xi măng. Đề"
            + " nghị xã và huyện thanh tra chất lượng công trình, yêu cầu nhà thầu sửa chữa theo chế độ bảo hành và công"
            + " khai dự toán cho nhân dân biết. Đường xuống cấp thế này thì học sinh đi lại rất nguy hiểm.";

    static final String WASTEWATER =
            "Đề nghị chính quyền xã kiểm tra việc cơ sở chế biến mủ cao su của ông Trần Văn Hùng"
                    + " ở ấp 4 xả nước thải chưa qua xử lý ra suối Đá Bàn. Nước suối bốc mùi hôi thối, cá chết hàng loạt, bà con"
                    + " không dám dùng nước để tưới rau và cho gia súc uống. Tình trạng này kéo dài gần hai tháng, đặc biệt nặng"
                    + " vào ban đêm.";

    /** {@link #WASTEWATER} as typed on a phone without dấu, with stray spaces, capitals and punctuation. */
    static final String WASTEWATER_WITHOUT_DAU =
            "de nghi  chinh quyen xa KIEM TRA viec co so che bien mu cao su cua ong"
                    + " Tran Van Hung o ap 4   xa nuoc thai chua qua xu ly ra suoi Da Ban ...  nuoc suoi boc mui hoi thoi , ca"
                    + " chet hang loat; ba con khong dam dung nuoc de tuoi rau va cho gia suc uong!! Tinh trang nay keo dai gan"
                    + " hai thang,dac biet nang vao ban dem";

    /** Also pollution, also in ấp 4, but a different source and a different harm. */
    static final String SMOKE = "Lò đốt rác của xã đặt sát khu dân cư ấp 4, ngày nào cũng đốt rác thải sinh hoạt lẫn"
            + " nhựa, khói đen bay vào nhà dân gây khó thở, nhiều trẻ em bị ho kéo dài. Bà con đã phản ánh nhiều lần."
            + " Đề nghị chính quyền xã kiểm tra, di dời lò đốt hoặc lắp hệ thống xử lý khói.";

    private Complaints() {}
}
