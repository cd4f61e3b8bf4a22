"""Vietnamese sentences of prices, bulletins, broadcasts and opting out (merged into
catalog_vi)."""

TEXTS: dict[str, str] = {
    "menu.gia": "Giá thu mua hôm nay",
    "menu.caidat": "Cài đặt giờ gửi bản tin giá",
    "menu.tatthongbao": "Tắt bản tin và thông báo",
    "menu.batthongbao": "Bật lại bản tin và thông báo",
    "prices.board": "💰 Giá thu mua ngày {day}:\n{lines}",
    "prices.line": "• {name}: {price}{change}",
    "prices.same": " (như hôm qua)",
    "prices.up": " (▲ tăng {amount})",
    "prices.down": " (▼ giảm {amount})",
    "prices.none": "HTX chưa có giá thu mua nào. Quản lý đặt giá bằng lệnh, ví dụ: /gia chè 25k",
    "prices.no_cooperative": "Giá thu mua là của từng HTX; bạn chưa thuộc HTX nào.",
    "prices.managers_only": "Chỉ quản lý HTX mới đặt được giá. Giá hiện tại:",
    "prices.example": "/gia chè búp 25k hoặc /gia quế 2tr5/tạ từ 25/11",
    "prices.set": "✅ Đã đặt giá {name}: {price} từ ngày {day}.",
    "prices.was": "Giá trước đó: {price}.",
    "prices.too_low": (
        "Giá {name} chỉ vài chục đồng thì thấp quá, mình chưa ghi. "
        "Nếu ý bạn là {price}, hãy gửi kèm chữ k, ví dụ: {example}"
    ),
    "prices.problem.no_price": "Bạn muốn đặt giá {name} bao nhiêu? Ví dụ: {example}",
    "prices.problem.no_product": "Giá này cho sản phẩm nào? Ví dụ: {example}",
    "prices.problem.too_high": "Giá {name} lớn quá, chắc gõ nhầm; mình chưa ghi. Ví dụ: {example}",
    "prices.problem.too_low": "Giá phải lớn hơn 0; mình chưa ghi. Ví dụ: {example}",
    "prices.problem.bad_number": (
        "Mình chưa đọc được số tiền cho {name}; mình chưa ghi. Ví dụ: {example}"
    ),
    "prices.which_product": (
        "\"{text}\" là sản phẩm nào: {names}? Gửi lại với tên đầy đủ, ví dụ: /gia chè búp 25k"
    ),
    "prices.unknown_product": (
        "HTX chưa có sản phẩm \"{text}\". Các sản phẩm: {names}. "
        "Quản lý thêm sản phẩm bằng /sanpham them."
    ),
    "prices.wrong_unit": (
        "{name} tính theo {unit}, nên giá phải theo đơn vị cùng loại, ví dụ: /gia {name} 25k/{unit}"
    ),
    "bulletin.text": (
        "📢 {org} – giá thu mua ngày {day}:\n{lines}\n\nGõ /tatthongbao để "
        "không nhận bản tin."
    ),
    "settings.show": (
        "⚙️ Bản tin giá gửi lúc {time} mỗi sáng. Đổi giờ: /caidat giobantin 5:30"
    ),
    "settings.usage": (
        "Bản tin giá đang gửi lúc {time}. Để đổi, gõ giờ và phút, ví dụ: /caidat giobantin 5:30"
    ),
    "settings.bulletin_set": "✅ Từ nay bản tin giá gửi lúc {time} mỗi ngày.",
    "broadcast.body": "📣 {org}:\n{text}",
    "broadcast.preview": (
        "Xem trước thông báo sẽ gửi tới {count} người:\n\n{body}\n\nBấm 📣 Gửi để gửi đi."
    ),
    "broadcast.button.send": "📣 Gửi",
    "broadcast.button.cancel": "✖️ Huỷ",
    "broadcast.queued": (
        "📣 Đã xếp thông báo #{id} để gửi tới {count} người. Mình sẽ báo tiến độ ở đây."
    ),
    "broadcast.cancelled": "Đã huỷ, không gửi thông báo.",
    "broadcast.expired": "Bản nháp này đã được gửi hoặc đã hết hạn. Gõ lại /thongbao <nội dung>.",
    "broadcast.nobody": "Chưa có ai để nhận thông báo (hoặc mọi người đã tắt thông báo).",
    "broadcast.too_long": (
        "Thông báo dài {length} ký tự, tối đa {most}. Hãy rút gọn rồi gửi lại."
    ),
    "optout.off": (
        "🔕 Đã tắt bản tin giá và thông báo chung. Nhắc lịch tập huấn bạn đã nhận lời vẫn "
        "được gửi. Gõ /batthongbao để bật lại."
    ),
    "optout.on": "🔔 Đã bật lại bản tin giá và thông báo chung.",
}
