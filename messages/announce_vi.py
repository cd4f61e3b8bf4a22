"""Vietnamese sentences of prices, bulletins, broadcasts and opting out (merged into
catalog_vi)."""

TEXTS: dict[str, str] = {
    "menu.gia": "Giá thu mua hôm nay",
    "menu.caidat": "Cài đặt giờ gửi bản tin giá",
    "menu.tatthongbao": "Tắt bản tin và thông báo",
    "menu.batthongbao": "Bật lại bản tin và thông báo",
    "prices.asked": "Bạn hỏi giá (\"{money}\") phải không? Giá thu mua hiện tại như sau:",
    "prices.board": "💰 Giá thu mua ngày {day}:\n{lines}",
    "prices.set_hint": "Đặt hoặc đổi giá, ví dụ: /gia chè 25k",
    "prices.line": "• {name}: {price}{change}",
    "prices.same": " (như hôm qua)",
    "prices.up": " (▲ tăng {amount})",
    "prices.down": " (▼ giảm {amount})",
    "prices.none": "HTX chưa có giá thu mua nào. Quản lý đặt giá bằng lệnh, ví dụ: /gia chè 25k",
    "prices.alliance_board": "💰 Giá thu mua hôm nay của các HTX trong liên minh:\n\n{coops}",
    "prices.alliance_coop": "🏠 {org} ({day}):\n{lines}",
    "prices.alliance_none": "• chưa có giá",
    "prices.staff_cannot_set": "Giá do quản lý từng HTX đặt; cán bộ Liên minh chỉ xem được.",
    "prices.no_cooperative": "Giá thu mua là của từng HTX; bạn chưa thuộc HTX nào.",
    "prices.managers_only": (
        "Giá thu mua do quản lý HTX cập nhật, giá bạn gửi chưa được ghi. Giá hiện tại:"
    ),
    "prices.example": "/gia chè búp 25k hoặc /gia quế 2tr5/tạ từ 25/11",
    "prices.set": "✅ Đã đặt giá {name}: {price} từ ngày {day}.",
    "prices.until": (
        "⚠️ Giá này chỉ dùng đến hết ngày {last}: từ ngày {next} đã có giá {price}. "
        "Muốn đổi cả từ ngày {next}, gõ: /gia {name} {amount}/{unit} từ {next}"
    ),
    "prices.was": "Giá trước đó: {price}.",
    "prices.too_low": (
        "Giá {name} chỉ vài chục đồng thì thấp quá, mình chưa ghi. "
        "Nếu ý bạn là {price}, hãy gửi kèm chữ k, ví dụ: {example}"
    ),
    "prices.problem.no_price": "Bạn muốn đặt giá {name} bao nhiêu? Ví dụ: {example}",
    "prices.problem.no_product": "Giá này cho sản phẩm nào? Ví dụ: {example}",
    "prices.problem.too_high": "Giá {name} lớn quá, chắc gõ nhầm; mình chưa ghi. Ví dụ: {example}",
    "prices.problem.too_low": "Giá phải lớn hơn 0; mình chưa ghi. Ví dụ: {example}",
    "prices.problem.bad_day": (
        "Ngày áp dụng giá {name} không có thật; mình chưa ghi. Ví dụ: {example}"
    ),
    "prices.problem.unclear": (
        "Mình chưa rõ \"{words}\" trong tin giá nên mình chưa ghi giá nào. Mỗi tin một giá, "
        "ví dụ: {example}"
    ),
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
    "warning.usage": (
        "Gõ /canhbao <nội dung> để gửi cảnh báo khẩn (bão, lũ, sạt lở) tới mọi thành viên, "
        "trước mọi tin khác. Ví dụ: /canhbao Lũ quét đêm nay, thu hoạch ngay và rời sườn đồi"
    ),
    "warning.body": "⚠️ CẢNH BÁO KHẨN – {org}:\n{text}",
    "warning.preview": (
        "⚠️ Xem trước cảnh báo khẩn sẽ gửi tới {count} người:\n\n{body}\n\n"
        "Cảnh báo được gửi trước mọi tin khác (thông báo đang gửi sẽ tạm dừng){also_off}. "
        "Bấm ⚠️ Gửi để gửi đi."
    ),
    "warning.also_off": ", và gửi cả tới {off} người đã tắt thông báo, vì đây là tin về an toàn",
    "warning.button.send": "⚠️ Gửi",
    "warning.queued": (
        "⚠️ Đã xếp cảnh báo #{id} để gửi ngay tới {count} người, trước mọi tin khác. "
        "Mình sẽ báo tiến độ ở đây."
    ),
    "warning.cancelled": "Đã huỷ, không gửi cảnh báo.",
    "warning.expired": (
        "Bản nháp cảnh báo này đã được gửi hoặc đã hết hạn. Gõ lại /canhbao <nội dung>."
    ),
    "warning.nobody": "Chưa có thành viên nào để nhận cảnh báo.",
    "menu.canhbao": "Cảnh báo khẩn (bão, lũ) tới mọi thành viên",
    "optout.off": (
        "🔕 Đã tắt bản tin giá và thông báo chung. Nhắc lịch tập huấn bạn đã nhận lời vẫn "
        "được gửi. Gõ /batthongbao để bật lại."
    ),
    "optout.on": "🔔 Đã bật lại bản tin giá và thông báo chung.",
    "menu.taphuan": "Lịch tập huấn",
    "training.when": "{time} {day}",
    "training.notice": "📚 Tập huấn: {title}\n🕗 {when}\n📍 {place}\n🏠 {org}",
    "training.form_example": (
        "Ví dụ: /taphuan moi Tập huấn VietGAP | thứ bảy 8h | Nhà văn hoá xã | mang sổ ghi chép\n"
        "Hoặc gõ /taphuan moi để mình hỏi từng bước."
    ),
    "training.ask.title": "📚 Tên buổi tập huấn là gì? (gõ \"huỷ\" để dừng)",
    "training.ask.when": "🕗 Vào lúc nào? Ví dụ: thứ bảy 8h, 20/12 14:30, 2h chiều mai",
    "training.ask.place": "📍 Ở đâu? Ví dụ: Nhà văn hoá xã Phình Hồ",
    "training.ask.description": "📝 Nội dung, cần mang gì? (gõ \"bỏ qua\" nếu không có)",
    "training.ask.cooperatives": (
        "🏠 Cho những HTX nào? Gõ tên, cách nhau bằng dấu phẩy, hoặc \"tất cả\":\n{names}"
    ),
    "training.ask.products": (
        "🌱 Chỉ mời người trồng sản phẩm nào? Ví dụ: chè, quế (gõ \"bỏ qua\" để mời tất cả)"
    ),
    "training.missing.title": "Thiếu tên buổi tập huấn.",
    "training.missing.when": "Thiếu thời gian tập huấn.",
    "training.missing.place": "Thiếu địa điểm tập huấn.",
    "training.bad.title": "Tên tập huấn cần có chữ và dài tối đa {most} ký tự. Gõ lại tên:",
    "training.bad.place": "Địa điểm cần có chữ và không quá 200 ký tự. Gõ lại địa điểm:",
    "training.bad.no_day": (
        "Mình chưa thấy ngày trong \"{text}\". Gõ lại, ví dụ: thứ bảy 8h hoặc 20/12 14:30"
    ),
    "training.bad.no_time": (
        "Mình chưa thấy giờ trong \"{text}\". Gõ lại, ví dụ: thứ bảy 8h hoặc 20/12 14:30"
    ),
    "training.bad.past_day": (
        "\"{text}\" đã qua rồi. Tập huấn phải ở thời gian sắp tới; gõ lại, ví dụ: 20/12 8h"
    ),
    "training.coop_numbered": "{name} (số {id})",
    "training.bad.cooperative": (
        "Không tìm thấy đúng một HTX tên \"{text}\". Các HTX (gõ tên hoặc số): {names}"
    ),
    "training.bad.product": (
        "Không HTX nào có sản phẩm \"{text}\". Gõ lại, hoặc \"bỏ qua\" để mời tất cả."
    ),
    "training.preview": (
        "Xem trước thông báo sẽ gửi tới {count} "
        "người:\n\n{notice}\n\nBấm 📚 Tạo và gửi để gửi đi."
    ),
    "training.button.create": "📚 Tạo và gửi",
    "training.button.cancel": "✖️ Huỷ",
    "training.button.yes": "✅ Tham gia",
    "training.button.no": "❌ Không tham gia",
    "training.created": (
        "📚 Đã tạo tập huấn #{id} và xếp thông báo gửi tới {count} người. "
        "Nhắc lịch sẽ gửi 1 ngày và 2 giờ trước. Xem số người tham gia: /taphuan {id}"
    ),
    "training.cancelled": "Đã huỷ, không tạo tập huấn.",
    "training.expired": "Bản nháp này đã được tạo hoặc đã hết hạn. Gõ lại /taphuan moi.",
    "training.list": (
        "📚 Tập huấn:\n{lines}\nXem chi tiết: gõ /taphuan kèm số của tập huấn, như /taphuan {first}"
    ),
    "training.list.organiser": (
        "#{id} · {title} · {when}\n   ✅ {yes} · ❌ {no} · ⏳ {waiting} / {total} người"
    ),
    "training.list.member": "#{id} · {title} · {when} · {answer}",
    "training.none": "Chưa có tập huấn nào sắp tới dành cho bạn.",
    "training.none_organiser": (
        "Chưa có tập huấn nào sắp tới. Để tạo mới, gõ một dòng như sau:\n/taphuan moi Tập huấn "
        "VietGAP | thứ bảy 8h | Nhà văn hoá xã | mang sổ ghi chép\nHoặc gõ /taphuan moi để "
        "mình hỏi từng bước."
    ),
    "training.answer.yes": "✅ bạn sẽ tham gia",
    "training.answer.no": "❌ bạn không tham gia",
    "training.answer.none": "⏳ bạn chưa trả lời",
    "training.answers": (
        "✅ Tham gia: {yes} · ❌ Không: {no} · ⏳ Chưa trả lời: {waiting} / {total} người\n"
        "✅ {yes_names}\n❌ {no_names}"
    ),
    "training.bad_id": "Không có tập huấn số này. Gõ /taphuan để xem danh sách.",
    "training.not_found": "Không tìm thấy tập huấn #{id} của bạn. Gõ /taphuan để xem danh sách.",
    "training.not_invited": "Tập huấn này không dành cho bạn, hoặc không còn nữa.",
    "training.started": "Tập huấn \"{title}\" đã bắt đầu, không trả lời được nữa.",
    "training.rsvp.yes": (
        "✅ Đã ghi: bạn tham gia \"{title}\" lúc {when} tại {place}. "
        "Mình sẽ nhắc trước."
    ),
    "training.rsvp.no": "Đã ghi: bạn không tham gia \"{title}\". Đổi ý thì bấm ✅ Tham gia.",
    "training.reminder.1d": "⏰ Nhắc lịch: ngày mai có tập huấn.",
    "training.reminder.2h": "⏰ Nhắc lịch: còn 2 giờ nữa là tập huấn.",
    "training.nobody": (
        "Chưa có ai để mời: HTX chưa có thành viên nào nhận thông báo, "
        "hoặc không ai trồng sản phẩm đã chọn. Chưa tạo tập huấn."
    ),
}
