"""Vietnamese catalog: every sentence the bot says, by key (str.format placeholders)."""

TEXTS: dict[str, str] = {
    "role.member": "thành viên",
    "role.manager": "quản lý",
    "role.staff": "cán bộ Liên minh HTX",
    "welcome.stranger": (
        "Xin chào! Đây là trợ lý của hợp tác xã: ghi sản lượng thu hoạch, nhật ký sản xuất, "
        "xem giá thu mua và lịch tập huấn ngay trên điện thoại.\n\n"
        "Để tham gia, hãy xin quản lý HTX của bạn một mã mời, rồi gửi mã đó vào đây "
        "(ví dụ: /start K7PM3X hoặc chỉ gõ K7PM3X)."
    ),
    "join.joined": (
        "Chào mừng {name}! Bạn đã tham gia {org} với vai trò {role}.\n"
        "Gõ /help để xem bạn có thể làm gì."
    ),
    "join.promoted": "Bạn đã trở thành {role} của {org}. Gõ /help để xem các lệnh mới.",
    "join.already": "Bạn đã là {role} của {org} rồi, không cần dùng mã nữa.",
    "join.other_org": (
        "Bạn đang thuộc {current}. Mã {code} là của {other}, mà mỗi người chỉ thuộc một nơi, "
        "nên mình không thêm bạn vào đó. Nếu muốn chuyển, hãy nhờ quản lý {current} hỗ trợ."
    ),
    "join.not_found": (
        "Mình không tìm thấy mã {code}. Hãy kiểm tra lại từng chữ, hoặc xin quản lý HTX "
        "một mã mới."
    ),
    "join.expired": "Mã {code} đã hết hạn ngày {date}. Hãy xin quản lý HTX một mã mới.",
    "join.revoked": "Mã {code} đã bị thu hồi, không dùng được nữa. Hãy xin quản lý HTX mã mới.",
    "join.used_up": (
        "Mã {code} đã được dùng hết số lần cho phép. Hãy xin quản lý HTX một mã mới."
    ),
    "join.missing_code": (
        "Bạn đã tham gia {org} rồi. Gõ /help để xem bạn có thể làm gì."
    ),
    "profile": "👤 {name}\n🏠 {org}\n🎖 Vai trò: {role}",
    "profile.inactive": "⚠️ Tài khoản đang tạm khoá.",
    "invite.created": (
        "🔑 Mã mời thành viên mới của {org}: {code}\n"
        "Dùng được {uses} lần, hết hạn ngày {date}.\n"
        "Người được mời gửi mã này cho bot, hoặc mở link: {link}"
    ),
    "invite.created_nolink": (
        "🔑 Mã mời thành viên mới của {org}: {code}\n"
        "Dùng được {uses} lần, hết hạn ngày {date}.\n"
        "Người được mời gửi mã này cho bot (ví dụ: /start {code})."
    ),
    "access.managers_only": "Lệnh /{command} chỉ dành cho quản lý HTX.",
    "access.members_only": "Lệnh /{command} chỉ dành cho thành viên của một HTX.",
    "unknown_command": "Mình không biết lệnh /{command}. Gõ /help để xem các lệnh.",
    "unsupported": (
        "Mình chưa dùng được {kind}. Mình hiểu tin nhắn chữ, ví dụ: \"hái 30kg chè lô 3\". "
        "Gõ /help để xem thêm."
    ),
    "unsupported.sticker": "nhãn dán (sticker)",
    "unsupported.voice": "tin nhắn thoại",
    "unsupported.video": "video",
    "unsupported.document": "tệp đính kèm",
    "unsupported.photo": "ảnh",
    "unsupported.location": "vị trí",
    "unsupported.other": "loại tin nhắn này",
    "not_understood": (
        "Mình chưa hiểu tin này. Gõ /help để xem những gì mình làm được và ví dụ tin nhắn."
    ),
    "error.apology": (
        "Xin lỗi, mình gặp lỗi khi xử lý tin nhắn này. Lỗi đã được ghi lại; "
        "bạn thử gửi lại sau ít phút nhé."
    ),
    "help.member": (
        "Bạn là {role} của {org}. Bạn có thể:\n"
        "• Ghi sản lượng bằng một tin nhắn, ví dụ: \"hái 30kg chè lô 3\", \"che 25,5kg\", "
        "\"quế 2 tạ hôm qua\"\n"
        "• Ghi nhật ký sản xuất, ví dụ: \"bón NPK 20kg lô 2\", \"phun Regent 2 bình lô 3\"\n"
        "Lệnh:\n"
        "/toi – thông tin của bạn\n"
        "/help – hướng dẫn này"
    ),
    "help.manager": (
        "Bạn là {role} của {org}. Bạn có thể:\n"
        "• Ghi sản lượng cho thành viên tại điểm thu mua, ví dụ: \"ghi cho Lan 30kg chè\"\n"
        "• Ghi sản lượng của chính mình như thành viên, ví dụ: \"hái 30kg chè lô 3\"\n"
        "Lệnh:\n"
        "/moi – tạo mã mời thành viên mới (kèm link)\n"
        "/toi – thông tin của bạn\n"
        "/help – hướng dẫn này"
    ),
    "help.staff": (
        "Bạn là {role} của {org}. Bạn có thể:\n"
        "• Xem các HTX trong liên minh và gửi thông báo tập huấn (sắp có)\n"
        "Lệnh:\n"
        "/toi – thông tin của bạn\n"
        "/help – hướng dẫn này"
    ),
    "menu.start": "Bắt đầu / nhập mã mời",
    "menu.help": "Hướng dẫn sử dụng",
    "menu.toi": "Thông tin của tôi",
    "menu.moi": "Tạo mã mời thành viên",
    "run.no_token": (
        "Chưa có TELEGRAM_TOKEN nên bot chạy trong cửa sổ dòng lệnh.\n"
        "Để chạy trên Telegram: mở Telegram, nhắn @BotFather lệnh /newbot, đặt tên cho bot, "
        "rồi chép mã token nhận được vào biến môi trường TELEGRAM_TOKEN (hoặc tệp .env) "
        "và chạy lại."
    ),
    "console.banner": (
        "Trò chuyện với htx-bot trong cửa sổ dòng lệnh, với tư cách \"{user}\".\n"
        "Gõ tin nhắn rồi Enter. Khi có lựa chọn [1], [2]… gõ số để chọn. Gõ /thoat để thoát."
    ),
    "console.demo_name": "HTX chè mẫu (dùng thử)",
    "console.quit": "Tạm biệt!",
    "console.demo_created": (
        "Chưa có HTX nào nên mình đã tạo HTX mẫu \"{org}\" để bạn thử.\n"
        "Mã quản lý: {manager_code} · Mã thành viên: {member_code}\n"
        "Gõ một mã để tham gia."
    ),
}
