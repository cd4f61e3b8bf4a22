"""Vietnamese sentences of intake reports and statements (merged into catalog_vi)."""

TEXTS: dict[str, str] = {
    "menu.tonghop": "Tổng hợp thu mua",
    "menu.thanhvien": "Thành viên và lần ghi gần nhất",
    "menu.chuabao": "Ai chưa báo sản lượng hôm nay",
    "menu.saoke": "Sao kê giao hàng và tiền",
    "report.period.today": "hôm nay {day}",
    "report.period.day": "ngày {day}",
    "report.period.month": "tháng {month}",
    "report.period.range": "{first}–{last}",
    "report.bad_period": (
        "Mình chưa hiểu kỳ \"{text}\". Ví dụ: /tonghop, /tonghop hôm qua, /tonghop 20/11, "
        "/tonghop tuần này, /tonghop tháng 11, /tonghop 1/11-15/11"
    ),
    "report.title": "📊 {org} – thu mua {period}:",
    "report.empty": "📊 {org} – {period}: chưa có sản lượng nào được ghi.",
    "report.product_line": "• {name}: {amount} · {members} người · {value}",
    "report.no_price": "chưa có giá",
    "report.partly_priced": "(có ngày chưa có giá)",
    "report.total_value": "💰 Tổng giá trị: {value}",
    "report.top": "🏆 Giao nhiều nhất:\n{lines}",
    "report.top_line": "   {name}: {amounts}{value}",
    "report.flag.by_manager": "✍️ {count} mục quản lý ghi hộ",
    "report.flag.pending": "⏳ {count} mục chờ thành viên xác nhận",
    "report.members_refused": (
        "Số liệu của cả HTX chỉ quản lý xem được. Đây là sản lượng của bạn:"
    ),
    "report.own_title": "📦 Bạn đã giao {period}:",
    "report.own_empty": "📦 Bạn chưa ghi sản lượng nào {period}.",
    "report.alliance_title": "📊 Thu mua {period} của các HTX trong liên minh:",
    "report.alliance_line": "• {org}: {amounts} · {members} người {value}",
    "report.alliance_empty": "Liên minh chưa có HTX nào.",
    "report.members": "👥 {count} thành viên (lần ghi gần nhất):\n{lines}",
    "report.member_line": "• {name} ({role}): {last}",
    "report.never": "chưa ghi lần nào",
    "report.missing": "🔔 {count} người thường báo nhưng hôm nay {day} chưa báo:\n{lines}",
    "report.missing_line": "• {name} (lần cuối {last})",
    "report.missing_none": "✅ Hôm nay {day}, ai thường báo cũng đã báo rồi.",
    "statement.title": "🧾 Sao kê của {name}, {period}:",
    "statement.line": "{day} · {name} · {amount} × {price} = {value}",
    "statement.total": "💰 Tổng tiền: {value}",
    "statement.unpriced": "Một số ngày chưa có giá: số tiền chưa tính các mục đó.",
    "statement.empty": "🧾 {name} chưa có mục giao hàng nào {period}.",
    "statement.which": "Có nhiều người tên \"{text}\": {names}. Gõ tên đầy đủ.",
    "statement.unknown": "Không tìm thấy thành viên trong \"{text}\". Ví dụ: /saoke Lan tháng 11",
}
