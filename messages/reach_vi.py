"""Vietnamese: who an announcement reached on which app, who not and why; ZNS templates;
the member's phone number."""

TEXTS: dict[str, str] = {
    "outbox.channel.telegram": "Telegram",
    "outbox.channel.zalo": "Zalo",
    "outbox.channel.zns": "tin ZNS",
    "outbox.channel.console": "máy tính",
    "outbox.by_channel": "📱 Đã nhận theo ứng dụng: {lines}",
    "outbox.by_channel_item": "{channel} {count}",
    "outbox.unreached": "📵 Chưa liên lạc được lúc này: {count}",
    "outbox.reason_count": "   • {count} người {reason}",
    "outbox.waiting_quota": "⏳ Chờ hạn mức tin ZNS của ngày mai: {count}",
    "outbox.see_list": "Xem ai chưa nhận và vì sao: /thongbao trangthai {id}",
    "outbox.reason.window_no_phone": (
        "đã hơn 2 ngày không nhắn cho HTX trên Zalo và chưa có số điện thoại "
        "(nhờ họ nhắn một tin cho HTX, hoặc gõ /sdt để lưu số)"
    ),
    "outbox.reason.window_no_template": (
        "đã hơn 2 ngày không nhắn cho HTX trên Zalo, mà HTX chưa đăng ký mẫu tin ZNS "
        "cho loại tin này (quản lý gõ /zns)"
    ),
    "outbox.reason.window_misfit": (
        "đã hơn 2 ngày không nhắn cho HTX trên Zalo, mà nội dung không vừa mẫu tin ZNS"
    ),
    "outbox.reason.zns_bad_phone": "số điện thoại sai hoặc không dùng Zalo",
    "outbox.reason.zns_refused": "đã tắt nhận tin ZNS hoặc tài khoản Zalo không hoạt động",
    "outbox.reason.template": "mẫu tin ZNS bị Zalo từ chối (quản lý kiểm tra lại /zns)",
    "outbox.reason.late": "nhận muộn, khi người đó nhắn lại cho HTX",
    "outbox.why.blocked": "đã chặn hoặc bỏ quan tâm HTX",
    "outbox.why.failed": "lỗi khi gửi, đã thử nhiều lần",
    "outbox.why.pending": "đang chờ gửi",
    "outbox.why.quota": "chờ hạn mức tin ZNS của ngày mai",
    "outbox.why.sent": "đã nhận",
    "outbox.detail.header": "📣 {kind} #{id}: {sent}/{total} người đã nhận. Chưa nhận ({count}):",
    "outbox.detail.line": "• {name} ({channel}): {why}",
    "outbox.detail.more": "… và {count} người nữa (đủ danh sách trong file /baocao)",
    "outbox.detail.all": "📣 {kind} #{id}: cả {total} người đã nhận.",
    "outbox.detail.unknown": (
        "Không thấy thông báo #{id} của đơn vị mình. Gõ /thongbao trangthai để xem các số."
    ),
    "outbox.kind.training": "thông báo tập huấn",
    # /zns: the cooperative's ZNS templates and daily budget (managers)
    "zns.usage": (
        "Tin ZNS là tin Zalo gửi theo số điện thoại, cho thành viên đã hơn 2 ngày không nhắn "
        "cho HTX. Mỗi tin mất phí, mẫu tin phải được Zalo duyệt trước.\n"
        "• /zns – xem các mẫu và hạn mức\n"
        "• /zns hanmuc 200 – số tin ZNS tối đa mỗi ngày (0 là không gửi ZNS)\n"
        "• /zns mau bantin 123456 ten_htx=htx ngay=ngay bang_gia=gia:200 – đăng ký mẫu: "
        "loại tin, mã mẫu, rồi từng tham số=trường[:số ký tự tối đa, mặc định 30]\n"
        "• /zns xoa bantin – bỏ mẫu\n"
        "Loại tin: bantin (bản tin giá), taphuan (thông báo tập huấn), nhaclich (nhắc lịch), "
        "thongbao (thông báo chung).\n"
        "Trường: htx (tên HTX), ngay (ngày), gio (giờ), noidung (nội dung), tieude (tên buổi "
        "tập huấn), diadiem (địa điểm), gia (bảng giá)."
    ),
    "zns.list_header": "📨 Tin ZNS của HTX – hạn mức {quota} tin/ngày, hôm nay đã dùng {used}.",
    "zns.list_none": "Chưa đăng ký mẫu tin ZNS nào. Gõ /zns huongdan để xem cách đăng ký.",
    "zns.list_line": "• {kind}: mẫu {template} – {params}",
    "zns.param": "{param}={field} (≤{most})",
    "zns.quota_zero": "⚠️ Hạn mức đang là 0 nên chưa gửi tin ZNS nào. Đặt bằng: /zns hanmuc 200",
    "zns.quota_set": "✅ Đã đặt hạn mức tin ZNS: {quota} tin mỗi ngày.",
    "zns.quota_bad": "Hạn mức là một số từ 0 đến 100.000, ví dụ: /zns hanmuc 200",
    "zns.saved": "✅ Đã lưu mẫu ZNS {template} cho {kind}: {params}.",
    "zns.removed": "✅ Đã bỏ mẫu ZNS của {kind}.",
    "zns.not_found": "HTX chưa có mẫu ZNS cho {kind}.",
    "zns.bad_kind": "Không rõ loại tin “{word}”. Loại tin: bantin, taphuan, nhaclich, thongbao.",
    "zns.bad_template": "Mã mẫu ZNS là một dãy số, ví dụ: /zns mau bantin 123456 ten_htx=htx",
    "zns.bad_param": (
        "Không hiểu “{word}”. Viết tham số=trường, ví dụ ten_htx=htx hoặc bang_gia=gia:200. "
        "Trường: htx, ngay, gio, noidung, tieude, diadiem, gia."
    ),
    "zns.no_params": "Mẫu cần ít nhất một tham số, ví dụ: /zns mau bantin 123456 ten_htx=htx",
    "broadcast.zns_missing": (
        "✋ Chưa gửi: {count} người sẽ nhận bằng tin ZNS, nhưng mẫu ZNS của HTX cần trường "
        "{field} (tham số {param}) mà tin này không có. Sửa mẫu bằng /zns rồi gửi lại."
    ),
    "broadcast.zns_too_long": (
        "✋ Chưa gửi: {count} người sẽ nhận bằng tin ZNS, nhưng mẫu ZNS của HTX chỉ cho "
        "{most} ký tự ở tham số {param}, tin này dài {length} ký tự. Viết ngắn lại rồi gửi "
        "lại."
    ),
    "broadcast.routes": "📱 Sẽ gửi qua: {lines}",
    # /sdt: my phone number, for ZNS
    "phone.usage": (
        "Gõ /sdt và số điện thoại dùng Zalo của bạn, ví dụ: /sdt 0912 345 678. HTX dùng số "
        "này để gửi bản tin qua Zalo khi bạn lâu không nhắn."
    ),
    "phone.show": (
        "📞 Số điện thoại của bạn: {phone}. Muốn đổi số, gõ /sdt rồi số mới, "
        "như /sdt 0912 345 678."
    ),
    "phone.saved": "✅ Đã lưu số điện thoại {phone}.",
    "phone.bad": "Số “{text}” chưa đúng. Số di động Việt Nam có 10 chữ số, ví dụ 0912 345 678.",
    "menu.zns": "Tin ZNS: mẫu và hạn mức",
    "menu.sdt": "Số điện thoại của tôi",
    "xlsx.sheet.announcements": "Thông báo",
    "xlsx.empty.announcements": "(chưa có thông báo nào trong kỳ)",
    "xlsx.col.announcement": "Thông báo",
    "xlsx.col.channel": "Ứng dụng",
    "xlsx.col.outcome": "Kết quả",
    "xlsx.col.delivered_at": "Lúc nhận",
}
