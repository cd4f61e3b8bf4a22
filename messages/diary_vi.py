"""Vietnamese sentences of the production diary (merged into catalog_vi)."""

TEXTS: dict[str, str] = {
    "menu.nhatky": "Nhật ký sản xuất của tôi",
    "menu.xuatnhatky": "Xuất nhật ký ra Excel (VietGAP)",
    "menu.lo": "Lô/thửa của tôi",
    "menu.vattu": "Phân bón, thuốc và thời gian cách ly",
    "menu.chuaghi": "Ai chưa ghi nhật ký",
    "diary.verb_missing.fertiliser": (
        "Có phải bạn bón {name}? Mình chưa ghi gì. Gửi lại kèm việc đã làm, ví dụ: "
        "\"bón {name} 20kg lô 2\"."
    ),
    "diary.verb_missing.pesticide": (
        "Có phải bạn phun {name}? Mình chưa ghi gì. Gửi lại kèm việc đã làm, ví dụ: "
        "\"phun {name} 2 bình lô 3\"."
    ),
    "diary.activity.fertilise": "🌱 Bón phân",
    "diary.activity.spray": "🧪 Phun thuốc",
    "diary.activity.water": "💧 Tưới",
    "diary.activity.weed": "🌿 Làm cỏ",
    "diary.activity.prune": "✂️ Tỉa cành",
    "diary.activity.sow": "🌾 Gieo",
    "diary.activity.plant": "🌳 Trồng",
    "diary.activity.note": "📝 Ghi chú",
    "diary.activity.harvest": "🧺 Thu hoạch",
    "diary.example": "\"bón NPK 20kg lô 2\" hoặc \"phun Regent 2 bình lô 3\"",
    "diary.recorded": "📒 Đã ghi nhật ký:\n{line}",
    "diary.interval": "⏳ Cách ly {days} ngày: chưa nên thu trước {day}.",
    "diary.interval_unknown": "⚠️ Chưa rõ thời gian cách ly: xem nhãn thuốc trước khi thu hoạch.",
    "diary.short_interval": "cách ly {days} ngày",
    "diary.short_pending": "⏳ chưa chọn số ngày cách ly",
    "diary.short_unknown": "cách ly chưa rõ",
    "diary.with_photo": "📷 Có kèm ảnh.",
    "diary.ask_interval": (
        "{line}\nĐã giữ mục phun này trong nhật ký. Thuốc {name} cách ly bao nhiêu ngày (xem trên "
        "nhãn)? Số ngày này cho biết khi nào lô được thu hoạch lại. Bấm nút hoặc gõ số ngày "
        "(ví dụ: 14), hoặc \"không biết\":"
    ),
    "diary.interval_out_of_range": (
        "Số ngày cách ly phải từ 1 đến {most} ngày, bạn gõ {days}. Gõ lại số ngày trên nhãn "
        "thuốc (ví dụ: 14), hoặc \"không biết\":\n{line}"
    ),
    "diary.days": "{days} ngày",
    "diary.button.unknown": "Không biết",
    "diary.cancelled": "↩️ Đã huỷ mục nhật ký:\n{line}",
    "diary.ask_spelled": (
        "❓ Chữ {words} có vẻ bị gõ sai dấu. "
        "Có phải bạn muốn ghi nhật ký:\n{line}"
    ),
    "diary.button.spelled": "✅ Đúng, ghi nhật ký",
    "diary.spelled_dropped": "Đã bỏ, không ghi gì. Bạn gõ lại giúp mình nhé.",
    "diary.already": "Tin này đã được ghi vào nhật ký rồi.",
    "diary.invalid.no_input": (
        "Bạn bón hoặc phun gì (tên phân, tên thuốc)? Mình chưa ghi. Ví dụ: {example}"
    ),
    "diary.invalid.unclear_words": (
        "Mình chưa hiểu chữ \"{detail}\" nên chưa ghi gì vào nhật ký. Bạn gửi lại giúp, "
        "ví dụ: {example}"
    ),
    "diary.invalid.two_plots": (
        "Mình thấy nhiều lô trong một tin (có cả \"{detail}\"). Mỗi lô cần một dòng nhật "
        "ký riêng, bạn gửi từng lô một nhé. Mình chưa ghi gì."
    ),
    "diary.invalid.two_activities": (
        "Mình thấy nhiều việc trong một tin (có cả \"{detail}\"). Mỗi việc cần một dòng "
        "nhật ký riêng, bạn gửi từng việc một nhé. Mình chưa ghi gì."
    ),
    "diary.invalid.spelled": (
        "Có phải bạn muốn ghi: \"{detail}\"? Mình chưa ghi gì. Nếu đúng, bạn gửi lại "
        "đúng như vậy (hoặc không dấu) nhé."
    ),
    "diary.invalid.for_someone": (
        "Mình thấy \"{detail}\": việc này làm cho người khác? Nhật ký chỉ ghi việc trên lô "
        "của chính bạn, nên mình chưa ghi gì. Việc của bạn thì gửi lại không kèm tên người "
        "khác nhé."
    ),
    "diary.invalid.dose_unit": (
        "Số \"{detail}\" là bao nhiêu gì (kg, bao, bình, lít…)? Mình chưa ghi. Bạn gửi lại "
        "kèm đơn vị, ví dụ: {example}"
    ),
    "diary.invalid.future": (
        "Ngày {detail} chưa tới: nhật ký ghi việc đã làm. Mình chưa ghi. Ví dụ: {example}"
    ),
    "diary.invalid.ambiguous_dose": (
        "Liều \"{detail}\" đọc được hai cách; hãy gõ rõ (ví dụ 1500 hoặc 1,5). Mình chưa ghi."
    ),
    "diary.invalid.too_big": (
        "Số {detail} lớn quá, chắc là gõ nhầm. Mình chưa ghi. Ví dụ: {example}"
    ),
    "diary.invalid.too_long": "Tin dài quá; hãy ghi từng việc một. Ví dụ: {example}",
    "diary.invalid.empty_note": "Ghi chú đang trống. Ví dụ: ghi chú lô 3 bị sâu cuốn lá",
    "diary.photo_needs_caption": (
        "📷 Mình nhận được ảnh. Hãy gửi lại ảnh kèm chú thích để ghi vào nhật ký, ví dụ: {example}"
    ),
    "diary.photo_attached": "📷 Đã gắn ảnh vào:\n{line}",
    "diary.read.title": "📒 Nhật ký của {name}, {period}{plot}:",
    "diary.read.empty": "{title}\nChưa có mục nào.",
    "diary.read.more": "\n… và {count} mục trước đó (xem đủ bằng /xuatnhatky).",
    "diary.read.usage": "Ví dụ: /nhatky, /nhatky lô 3, /nhatky tháng 10, /nhatky lô 3 1/11-15/11",
    "diary.xlsx.title": "Nhật ký sản xuất – {name} – {period}",
    "diary.xlsx.caption": "📎 {title}. Mỗi lô một trang, như sổ nhật ký VietGAP.",
    "diary.xlsx.heading": "NHẬT KÝ SẢN XUẤT",
    "diary.xlsx.coop": "Hợp tác xã",
    "diary.xlsx.farmer": "Thành viên (hộ sản xuất)",
    "diary.xlsx.plot": "Lô/thửa",
    "diary.xlsx.area": "Diện tích",
    "diary.xlsx.crop": "Cây trồng",
    "diary.xlsx.period": "Thời gian",
    "diary.xlsx.unknown": "chưa ghi",
    "diary.xlsx.signed_farmer": "Người ghi chép (ký, ghi rõ họ tên)",
    "diary.xlsx.signed_coop": "Xác nhận của HTX (ký, đóng dấu)",
    "diary.xlsx.file": "nhat-ky",
    "diary.xlsx.no_plot": "Chưa rõ lô",
    "diary.silent": (
        "🔕 {count} thành viên chưa ghi nhật ký sản xuất (bón phân, phun thuốc, làm cỏ…) trong "
        "{days} ngày qua ({first}–{last}):\n{groups}\n"
        "Ai chưa báo sản lượng hôm nay: /chuabao"
    ),
    "diary.silent.idle": "Không ghi gì cả, kể cả sản lượng ({count}):\n{lines}",
    "diary.silent.harvests": "Có ghi sản lượng, chỉ thiếu nhật ký ({count}):\n{lines}",
    "diary.silent.line": "• {name} – nhật ký lần cuối: {diary}; sản lượng lần cuối: {harvest}",
    "diary.silent.none": (
        "✅ Ai cũng đã ghi nhật ký sản xuất trong {days} ngày qua ({first}–{last})."
    ),
    "diary.silent.bad_days": "Số ngày phải từ 1 đến {most}, ví dụ: /chuaghi 7",
    "guard.inside": (
        "⚠️ {plot} phun {name} ngày {day}, cách ly {days} ngày: chưa nên thu trước {safe}. Mục "
        "này đã ghi và được đánh dấu."
    ),
    "guard.unknown": (
        "⚠️ {plot} phun {name} ngày {day}, chưa rõ thời gian cách ly: kiểm tra nhãn thuốc. Mục "
        "này đã ghi và được đánh dấu."
    ),
    "report.flag.interval": "⚠️ {count} mục thu trong thời gian cách ly",
    "report.flag.line": "  • {day} {name}: {amount} {product}{plot}",
    "report.flag.plot": ", {plot}",
    "report.flag.more": "  … và {count} mục khác (xem /baocao)",
    "plots.usage": (
        "Ví dụ: /lo để xem các lô, /lo them Lô 3 | 0,5 ha | chè để thêm lô, /lo doiten Lô 3 | "
        "Lô chè để đổi tên, /lo xoa Lô 3 để bỏ lô."
    ),
    "plots.none": "Bạn chưa có lô nào. Thêm lô: /lo them Lô 3 | 0,5 ha | chè",
    "plots.list": "🗺 Lô của bạn:\n{lines}",
    "plots.added": "✅ Đã thêm lô:\n{line}",
    "plots.exists": "Bạn đã có lô \"{name}\" rồi.",
    "plots.renamed": "✅ Đã đổi tên lô {old}:\n{line}\nCác mục đã ghi vẫn giữ tên cũ.",
    "plots.removed": (
        "🗑 Đã bỏ lô {name} khỏi danh sách. Các mục đã ghi với lô này vẫn được giữ nguyên."
    ),
    "plots.unknown": "Bạn không có lô \"{name}\". Xem các lô: /lo",
    "plots.location_no_plot": (
        "📍 Mình nhận được vị trí. Hãy thêm lô trước (/lo them Lô 3), rồi gửi lại vị trí để gắn "
        "vào lô."
    ),
    "plots.location_which": "📍 Vị trí này của lô nào?",
    "plots.located": "📍 Đã gắn vị trí vào {name}.",
    "inputs.list": "🧴 Vật tư của HTX\nPhân bón:\n{fertilisers}\nThuốc BVTV:\n{pesticides}",
    "inputs.line": "• {name}",
    "inputs.line_interval": "• {name} – cách ly {days} ngày",
    "inputs.line_unknown": "• {name} – cách ly chưa rõ",
    "inputs.manager_hint": (
        "Đặt thời gian cách ly: /vattu cachly Regent 7 · Thêm: /vattu them Tên | thuốc | 7 hoặc "
        "/vattu them Tên | phân"
    ),
    "inputs.managers_only": "Chỉ quản lý HTX mới sửa được danh mục vật tư. Gõ /vattu để xem.",
    "inputs.problem.days": (
        "Số ngày cách ly phải là số nguyên từ 0 đến 365, ví dụ: /vattu cachly Regent 7"
    ),
    "inputs.problem.kind": (
        "Loại vật tư là \"thuốc\" hoặc \"phân\", ví dụ: /vattu them Sokupi | thuốc | 3"
    ),
    "inputs.problem.name": "Thiếu tên vật tư, ví dụ: /vattu cachly Regent 7",
    "inputs.exists": "Đã có vật tư \"{name}\".",
    "inputs.added": "✅ Đã thêm vật tư:\n{line}",
    "inputs.unknown": "Không tìm thấy đúng một thuốc tên \"{name}\". Các thuốc: {names}",
    "inputs.interval_set": (
        "✅ {name}: cách ly {days} ngày. Các mục đã ghi trước vẫn giữ số ngày cũ."
    ),
    "diary.fixed": "✏️ Đã sửa nhật ký:\n{line}",
    "diary.fix_prompt": "✏️ Gửi lại việc đúng cho:\n{line}\nVí dụ: {example}",
    "diary.fix_failed": "Mình chưa sửa gì: {reason}",
    "diary.fix_not_diary": (
        "tin \"{text}\" không phải một việc trong nhật ký, nên tin này cũng chưa được ghi. "
        "Nếu đó là tin mới, bạn gửi lại tin đó nhé."
    ),
}
