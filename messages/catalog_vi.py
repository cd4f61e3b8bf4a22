"""Vietnamese catalog: every sentence the bot says, by key (str.format placeholders)."""

from messages.announce_vi import TEXTS as _ANNOUNCE
from messages.diary_vi import TEXTS as _DIARY
from messages.fix_vi import TEXTS as _FIX
from messages.guard_vi import TEXTS as _GUARD
from messages.reach_vi import TEXTS as _REACH
from messages.report_vi import TEXTS as _REPORT

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
    "join.expired": (
        "Mã {code} đã hết hạn (dùng được đến hết ngày {date}). Hãy xin quản lý HTX một mã mới."
    ),
    "join.revoked": "Mã {code} đã bị thu hồi, không dùng được nữa. Hãy xin quản lý HTX mã mới.",
    "join.used_up": (
        "Mã {code} đã được dùng hết số lần cho phép. Hãy xin quản lý HTX một mã mới."
    ),
    "join.missing_code": (
        "Bạn đã tham gia {org} rồi. Gõ /help để xem bạn có thể làm gì."
    ),
    "profile": "👤 {name}\n🏠 {org}\n🎖 Vai trò: {role}",
    "profile.inactive": "⚠️ Tài khoản đang tạm khoá.",
    "invite.bad_uses": "Số lần dùng mã phải từ 1 đến {most}, ví dụ: /moi 30",
    "invite.created": (
        "🔑 Mã mời thành viên mới của {org}: {code}\n"
        "Dùng được {uses} lần, đến hết ngày {date}.\n"
        "Người được mời gửi mã này cho bot, hoặc mở link: {link}"
    ),
    "invite.created_nolink": (
        "🔑 Mã mời thành viên mới của {org}: {code}\n"
        "Dùng được {uses} lần, đến hết ngày {date}.\n"
        "Người được mời gửi mã này cho bot (ví dụ: /start {code})."
    ),
    "access.managers_only": "Lệnh /{command} chỉ dành cho quản lý HTX.",
    "access.members_only": "Lệnh /{command} chỉ dành cho thành viên của một HTX.",
    "talk.thanks": "Dạ, không có gì ạ! Cần ghi gì cứ nhắn mình nhé. 🌿",
    "talk.fix": (
        "Mình chưa sửa gì. Để sửa mục vừa ghi, gõ /sua và nội dung đúng, ví dụ: "
        "/sua chè 25kg. Để huỷ mục vừa ghi, gõ /huy."
    ),
    "talk.ok": "👍",
    "talk.hello": (
        "Chào {name}! Mình ghi sản lượng và nhật ký cho bạn, ví dụ: \"hái 30kg chè lô 3\", "
        "\"bón NPK 20kg lô 2\". Gõ /help để xem thêm."
    ),
    "talk.bye": "Chào {name}, hẹn gặp lại! 👋",
    "talk.who": (
        "Mình là trợ lý của HTX: ghi sản lượng, nhật ký sản xuất, báo giá và tập huấn. "
        "Gõ /help để xem mình làm được gì."
    ),
    "command.did_you_mean": (
        "Mình không biết lệnh /{command}. Có phải bạn muốn gõ /{suggestion}? "
        "Gõ /help để xem các lệnh."
    ),
    "question.unknown_product": (
        "HTX chưa có sản phẩm \"{words}\" nên chưa có sản lượng nào của nó. Các sản phẩm của "
        "HTX: {names}. Hỏi lại với tên một sản phẩm, ví dụ: \"{example} tuần này bao nhiêu\". "
        "Sản lượng của một người, ví dụ: /saoke Lan tuần này."
    ),
    "question.unclear": (
        "Mình chưa rõ \"{words}\" trong câu hỏi của bạn, nên chưa trả lời để khỏi sai số. "
        "Mình trả lời được sản lượng theo kỳ, của cả HTX hoặc một sản phẩm, ví dụ: "
        "\"chè hôm nay bao nhiêu\", \"tổng tuần này\". Sản lượng của một người: gõ "
        "/saoke, tên người và kỳ, ví dụ /saoke Lan tuần này."
    ),
    "question.spelled": (
        "Chữ {words} có vẻ bị gõ sai dấu, nên mình chưa trả lời để khỏi sai số. "
        "Có phải bạn hỏi \"{text}\"? Bạn gửi lại câu đó (có dấu hay không dấu đều được)."
    ),
    "question.bad_period": (
        "Mình chưa rõ bạn hỏi sản lượng kỳ nào (\"{text}\"). Bạn hỏi lại, ví dụ: "
        "\"hôm qua thu được bao nhiêu\", \"tuần này\", \"tháng 11\", \"từ 5/11 đến 12/11\"."
    ),
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
    "zalo.options": "Hoặc gõ số để chọn:",
    "zalo.options_typed": "Các lựa chọn khác (bạn cũng có thể gõ số, ví dụ gõ 14 là 14 ngày):",
    "link.code": (
        "Mã liên kết của bạn: {code}\n"
        "Trong {minutes} phút, mở ứng dụng kia (Zalo hoặc Telegram) và nhắn: /lienket "
        "{code}\n"
        "Sau đó bạn dùng được cả hai, số liệu vẫn là một."
    ),
    "link.how": (
        "Muốn dùng chung với ứng dụng bạn đã tham gia: gõ /lienket ở ứng dụng đó, rồi gửi mã "
        "nhận được vào đây, ví dụ: /lienket K7PM3X.\n"
        "Nếu chưa tham gia HTX, hãy xin quản lý một mã mời."
    ),
    "link.linked": (
        "Đã liên kết! {name} là {role} của {org} trên cả hai ứng dụng. Gõ /help để xem bạn "
        "có thể làm gì."
    ),
    "link.bad_code": (
        "Mã {code} không đúng hoặc đã hết hạn. Gõ /lienket ở ứng dụng kia để lấy mã mới."
    ),
    "link.already_member": (
        "Ở ứng dụng này bạn đã là thành viên của {org} rồi. Mã liên kết chỉ dùng ở ứng dụng "
        "chưa tham gia."
    ),
    "link.channel_taken": (
        "Tài khoản này đã liên kết với một tài khoản {app} khác rồi. Cần đổi thì nhờ quản lý "
        "HTX giúp."
    ),
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
        "• Ghi nhật ký sản xuất, ví dụ: \"bón NPK 20kg lô 2\", \"phun Regent 2 bình lô 3\", "
        "\"tưới nước lô 1\"; gửi ảnh kèm chú thích để lưu ảnh\n"
        "• Ghi sai? Bấm ✏️ Sửa hoặc ↩️ Huỷ dưới tin trả lời, hoặc sửa lại chính tin đã gửi\n"
        "Lệnh:\n"
        "/huy – huỷ mục vừa ghi\n"
        "/sua – sửa mục vừa ghi (ví dụ: /sua chè 32kg lô 3)\n"
        "/homnay – sản lượng bạn ghi hôm nay, kèm tổng\n"
        "/tuan – sản lượng bạn ghi tuần này, theo từng ngày\n"
        "/sanpham – danh sách sản phẩm của HTX\n"
        "/gia – giá thu mua hôm nay\n"
        "/nhatky – nhật ký của bạn; /xuatnhatky – tệp Excel theo mẫu VietGAP\n"
        "/lo – lô/thửa của bạn (/lo them Lô 3 | 0,5 ha | chè); gửi vị trí để gắn vào lô\n"
        "/vattu – phân bón, thuốc và thời gian cách ly\n"
        "/saoke – sao kê giao hàng và số tiền tháng này (/saoke tháng 10)\n"
        "/taphuan – lịch tập huấn dành cho bạn; trả lời bằng nút ✅ Tham gia / ❌ Không\n"
        "/tatthongbao, /batthongbao – tắt hoặc bật bản tin giá và thông báo chung\n"
        "/sdt 0912 345 678 – lưu số điện thoại dùng Zalo để nhận bản tin khi lâu không nhắn\n"
        "/toi – thông tin của bạn\n"
        "/lienket – dùng chung Zalo và Telegram\n"
        "/help – hướng dẫn này"
    ),
    "help.manager": (
        "Bạn là {role} của {org}. Bạn có thể:\n"
        "• Ghi sản lượng cho thành viên tại điểm thu mua, ví dụ: \"ghi cho Lan 30kg chè\"\n"
        "• Ghi sản lượng của chính mình như thành viên, ví dụ: \"hái 30kg chè lô 3\"\n"
        "• Hỏi nhanh: \"hôm nay thu được bao nhiêu\", \"tổng tuần này\"\n"
        "Lệnh:\n"
        "/tonghop [kỳ] – tổng thu mua theo sản phẩm, giá trị, ai giao nhiều (hôm qua, 20/11, "
        "tuần này, tháng 11, 1/11-15/11)\n"
        "/thanhvien, /chuabao – thành viên và lần ghi gần nhất; ai thường báo mà hôm nay chưa báo\n"
        "/saoke Lan [kỳ] – sao kê giao hàng và tiền của một thành viên\n"
        "/baocao [kỳ] – tệp Excel; /bieudo – biểu đồ sản lượng 30 ngày\n"
        "/nhatky Lan – nhật ký của một thành viên; /chuaghi 7 – ai chưa ghi nhật ký 7 ngày\n"
        "/vattu cachly Regent 7 – đặt thời gian cách ly; /vattu them Tên | thuốc | 7\n"
        "/nhap – chọn thành viên rồi ghi sản lượng cho họ\n"
        "/huy, /sua – huỷ hoặc sửa mục vừa ghi\n"
        "/moi – tạo mã mời thành viên mới (kèm link)\n"
        "/sanpham – xem và sửa danh sách sản phẩm (thêm, đổi tên, ẩn, bí danh)\n"
        "/homnay, /tuan – sản lượng bạn ghi hôm nay, tuần này\n"
        "/gia chè búp 25k – đặt giá thu mua (/gia để xem; \"giá quế 2tr5/tạ từ mai\")\n"
        "/caidat giobantin 5:30 – giờ gửi bản tin giá mỗi sáng cho thành viên\n"
        "/thongbao <nội dung> – gửi thông báo cho cả HTX (xem trước rồi bấm Gửi)\n"
        "/thongbao trangthai – tình trạng các thông báo gần đây; /thongbao trangthai 5 – ai "
        "chưa nhận thông báo số 5 và vì sao\n"
        "/zns – mẫu tin ZNS và hạn mức, để gửi tới thành viên lâu không nhắn trên Zalo\n"
        "/canhbao <nội dung> – cảnh báo khẩn (bão, lũ) tới mọi thành viên, kể cả người đã tắt "
        "thông báo, gửi trước mọi tin khác\n"
        "/taphuan moi – tạo tập huấn, nhắc lịch tự động; /taphuan – xem ai tham gia\n"
        "/toi – thông tin của bạn\n"
        "/lienket – dùng chung Zalo và Telegram\n"
        "/help – hướng dẫn này"
    ),
    "help.staff": (
        "Bạn là {role} của {org}. Bạn có thể:\n"
        "• Gửi thông báo tới thành viên mọi HTX trong liên minh\n"
        "Lệnh:\n"
        "/tonghop [kỳ] – sản lượng và giá trị của từng HTX trong liên minh\n"
        "/gia – giá thu mua hôm nay của từng HTX\n"
        "/baocao [kỳ] – tệp Excel: mỗi HTX một trang và tổng toàn liên minh; "
        "/bieudo – biểu đồ sản lượng các HTX\n"
        "/thongbao <nội dung> – gửi thông báo (xem trước rồi bấm Gửi)\n"
        "/thongbao trangthai – tình trạng các thông báo gần đây\n"
        "/canhbao <nội dung> – cảnh báo khẩn (bão, lũ) tới mọi thành viên, kể cả người đã tắt "
        "thông báo, gửi trước mọi tin khác\n"
        "/taphuan moi – tạo tập huấn, nhắc lịch tự động; /taphuan – xem ai tham gia\n"
        "/toi – thông tin của bạn\n"
        "/lienket – dùng chung Zalo và Telegram\n"
        "/help – hướng dẫn này"
    ),
    "menu.start": "Bắt đầu / nhập mã mời",
    "menu.help": "Hướng dẫn sử dụng",
    "menu.toi": "Thông tin của tôi",
    "menu.huy": "Huỷ mục vừa ghi",
    "menu.sua": "Sửa mục vừa ghi",
    "menu.nhap": "Ghi sản lượng cho thành viên",
    "menu.moi": "Tạo mã mời thành viên",
    "menu.sanpham": "Danh sách sản phẩm của HTX",
    "menu.homnay": "Sản lượng tôi ghi hôm nay",
    "menu.tuan": "Sản lượng tôi ghi tuần này",
    "menu.thongbao": "Thông báo cho thành viên",
    "access.organisers_only": "Lệnh /{command} chỉ dành cho quản lý HTX và cán bộ Liên minh HTX.",
    "outbox.kind.reminder": "nhắc lịch",
    "outbox.kind.bulletin": "bản tin",
    "outbox.kind.warning": "cảnh báo khẩn",
    "outbox.kind.broadcast": "thông báo chung",
    "outbox.state.sending": "đang gửi",
    "outbox.state.done": "đã xong",
    "outbox.progress": (
        "📣 Đang gửi {kind} #{id}: {done}/{total} người ({percent}%)\n"
        "✅ Đã gửi: {sent} · 🚫 Chặn bot: {blocked} · ⚠️ Lỗi: {failed}"
    ),
    "outbox.summary": (
        "📣 Đã gửi xong {kind} #{id} tới {total} người.\n"
        "✅ Đã gửi: {sent}\n"
        "🚫 Đã chặn bot hoặc không còn liên lạc được: {blocked}\n"
        "⚠️ Lỗi, không gửi được: {failed}"
    ),
    "outbox.status.header": "📣 Các thông báo gần đây:",
    "outbox.status.line": (
        "#{id} · {kind} · {time} {day} · {state}\n"
        "   ✅ {sent} · 🚫 {blocked} · 📵 {unreached} · ⚠️ {failed} · ⏳ {pending} / {total} người"
    ),
    "outbox.status.none": "Chưa có thông báo nào.",
    "outbox.usage": (
        "Gõ /thongbao <nội dung> để gửi thông báo tới mọi thành viên. Ví dụ: /thongbao Chiều "
        "nay 3 giờ họp thành viên ở nhà văn hoá\nXem các thông báo đã gửi: /thongbao trangthai"
    ),
    # /sanpham: the cooperative's product list
    "products.title": "🌱 Sản phẩm của {org}:\n{lines}",
    "products.line": "• {name} ({unit})",
    "products.line_aliases": "• {name} ({unit}) – còn gọi: {aliases}",
    "products.none": "(chưa có sản phẩm nào đang dùng)",
    "products.hidden_title": "🙈 Đang ẩn (tin ghi sản lượng không nhận):\n{lines}",
    "products.manager_hint": (
        "Quản lý sửa danh sách:\n"
        "/sanpham them Tên | bí danh 1, bí danh 2 | kg\n"
        "/sanpham doiten Tên cũ | Tên mới\n"
        "/sanpham an Tên · /sanpham hien Tên\n"
        "/sanpham bidanh Tên | bí danh 1, bí danh 2"
    ),
    "products.managers_only": (
        "Chỉ quản lý HTX mới thay đổi được danh sách sản phẩm. Gõ /sanpham để xem danh sách."
    ),
    "products.added": "✅ Đã thêm sản phẩm:\n{line}",
    "products.limit": "Mỗi lần ghi quá {amount}, mình sẽ hỏi lại cho chắc.",
    "products.renamed": (
        "✏️ Đã đổi tên \"{old}\" thành \"{new}\". Tên cũ vẫn được nhận như một bí danh; "
        "các mục đã ghi vẫn giữ nguyên."
    ),
    "products.unchanged": "Sản phẩm đã có tên \"{name}\" rồi, không đổi gì.",
    "products.hidden": (
        "🙈 Đã ẩn \"{name}\": tin ghi sản lượng sẽ không nhận sản phẩm này nữa, các mục đã ghi "
        "vẫn giữ nguyên. Gõ /sanpham hien {name} để dùng lại."
    ),
    "products.shown": "👁 \"{name}\" đã được dùng lại trong tin ghi sản lượng.",
    "products.already_hidden": "\"{name}\" đang ẩn rồi.",
    "products.already_shown": "\"{name}\" đang được dùng rồi, không cần hiện lại.",
    "products.aliases_set": "✏️ Bí danh của \"{name}\": {aliases}",
    "products.no_aliases": "(không có)",
    "products.duplicate": (
        "HTX đã có sản phẩm \"{name}\" rồi (có thể đang ẩn: gõ /sanpham để xem). "
        "Hãy chọn tên khác."
    ),
    "products.alias_taken": (
        "\"{alias}\" đang là tên gọi của sản phẩm \"{name}\"; dùng cho hai sản phẩm sẽ bị "
        "nhầm. Hãy chọn tên khác."
    ),
    "products.unknown": (
        "Không tìm thấy sản phẩm \"{name}\" trong HTX. Tên gần giống: {candidates}. "
        "Gõ /sanpham để xem danh sách."
    ),
    "products.ambiguous": "\"{name}\" có thể là: {candidates}. Hãy gõ đủ tên sản phẩm.",
    "products.syntax": "Mình chưa hiểu lệnh này. Ví dụ: {example}",
    "products.bad_unit": (
        "Mình chưa biết đơn vị \"{unit}\". Đơn vị dùng được: {units}. Ví dụ: {example}"
    ),
    "products.bad_name": (
        "Tên \"{name}\" chưa dùng được: tên cần có chữ và dài tối đa {max} ký tự. "
        "Ví dụ: {example}"
    ),
    "products.example.list": "/sanpham them Chè shan tuyết | chè shan, chè cổ thụ | kg",
    "products.example.add": "/sanpham them Chè shan tuyết | chè shan, chè cổ thụ | kg",
    "products.example.rename": "/sanpham doiten chè khô | chè khô loại 1",
    "products.example.hide": "/sanpham an miến dong",
    "products.example.show": "/sanpham hien miến dong",
    "products.example.aliases": "/sanpham bidanh na | mãng cầu, na dai",
    # /homnay, /tuan: a member's own entries
    "entries.today": "📋 Hôm nay ({day}) bạn đã ghi:\n{lines}\n\nTổng:\n{totals}",
    "entries.week": (
        "📋 Tuần này ({first} – {last}) bạn đã ghi:\n\n{days}\n\nTổng cả tuần:\n{totals}"
    ),
    "entries.day": "{day}:\n{lines}",
    "entries.line": "• {line}",
    "entries.pending": "⏳ {line} – chờ bạn xác nhận, chưa tính vào tổng",
    "entries.line_proxy": "• {line} (quản lý ghi hộ)",
    "entries.pending_proxy": "⏳ {line} – quản lý ghi hộ, chờ quản lý xác nhận, chưa tính vào tổng",
    "entries.typed": "\"{text}\"",
    "entries.total": "• {product}: {amount}",
    "entries.no_totals": "(chưa có mục nào được ghi chắc chắn)",
    "entries.empty_today": (
        "Hôm nay ({day}) bạn chưa ghi sản lượng nào. Gửi một tin như {example} để ghi."
    ),
    "entries.empty_week": (
        "Tuần này ({first} – {last}) bạn chưa ghi sản lượng nào. "
        "Gửi một tin như {example} để ghi."
    ),
    "run.no_token": (
        "Chưa có TELEGRAM_TOKEN nên bot chạy trong cửa sổ dòng lệnh.\n"
        "Để chạy trên Telegram: mở Telegram, nhắn @BotFather lệnh /newbot, đặt tên cho bot, "
        "rồi chép mã token nhận được vào biến môi trường TELEGRAM_TOKEN (hoặc tệp .env) "
        "và chạy lại."
    ),
    "harvest.recorded": "✅ Đã ghi:\n{lines}",
    "harvest.ask.for": "Ghi cho {name}:",
    "harvest.recorded_for": "✅ Đã ghi cho {name}:\n{lines}",
    "harvest.by_manager": "(quản lý {name} ghi giúp)",
    "harvest.button.undo": "↩️ Huỷ",
    "harvest.button.fix": "✏️ Sửa",
    "harvest.button.mine": "✅ Của tôi: {line}",
    "harvest.button.for": "✅ Ghi cho {name}: {line}",
    "harvest.button.drop": "✖ Không ghi",
    "harvest.ask.ambiguous_number": (
        "❓ Số trong \"{text}\" có thể hiểu hai cách. Bạn chọn đúng số:"
    ),
    "harvest.ask.number_range": "❓ \"{text}\" là một khoảng. Bạn ghi bao nhiêu?",
    "harvest.ask.unknown_product": (
        "❓ Mình chưa biết sản phẩm trong \"{text}\". Bạn muốn ghi là sản phẩm nào?"
    ),
    "harvest.ask.ambiguous_product": "❓ \"{text}\" là sản phẩm nào?",
    "harvest.ask.over_max": (
        "❓ \"{text}\" nhiều hơn mức thường gặp cho một lần giao. Bạn kiểm tra lại nhé:"
    ),
    "harvest.ask.over_usual": (
        "❓ \"{text}\" cao hơn nhiều so với mọi khi của bạn. Bạn kiểm tra lại nhé:"
    ),
    "harvest.ask.future_date": "❓ Ngày trong \"{text}\" là ngày chưa tới. Ý bạn là ngày nào?",
    "harvest.ask.vague_date": "❓ \"{text}\" là ngày nào?",
    "harvest.ask.conflicting_date": "❓ \"{text}\" có hai ngày khác nhau. Ngày nào đúng?",
    "harvest.ask.alternative": (
        "❓ Trong \"{text}\" có hai số lượng. Bạn giao bao nhiêu? Chọn số đúng:"
    ),
    "harvest.ask.unclear_words": (
        "❓ Mình chưa hiểu chữ \"{words}\" trong tin \"{text}\". Mình hiểu như dưới đây, "
        "nếu đúng thì bấm chọn, nếu sai thì bấm {drop} rồi gửi lại:"
    ),
    "harvest.ask.other_person_for": (
        "❓ Tin \"{text}\" có tên \"{words}\". Có đúng là sản lượng của {name} không? "
        "Nếu đúng thì bấm \"Ghi cho {name}\". Nếu của người khác thì bấm Không ghi, "
        "rồi ghi lại cho đúng người."
    ),
    "harvest.ask.other_person": (
        "❓ Tin \"{text}\" có tên \"{words}\". Đây là sản lượng của ai? Nếu của chính bạn "
        "thì bấm \"Của tôi\" để ghi cho bạn. Nếu của người khác thì bấm Không ghi: người đó "
        "tự gửi, hoặc nhờ quản lý HTX ghi giúp."
    ),
    "harvest.ask.no_unit": (
        "❓ \"{text}\" chưa có đơn vị (kg, yến hay tạ). Bạn giao bao nhiêu? Chọn số đúng:"
    ),
    "harvest.ask.repeat": (
        "❓ \"{text}\" giống tin bạn vừa gửi, tin đó mình đã ghi rồi. Nếu đây là lần giao "
        "thêm thì bấm chọn để ghi thêm; nếu lỡ gửi hai lần thì bấm Không ghi:"
    ),
    "harvest.ask.waiting": "Mục này chưa được ghi cho tới khi bạn chọn.",
    "harvest.invalid.no_text": (
        "Mình chưa đọc được nội dung nào để ghi. Gửi sản lượng bằng chữ, ví dụ: {example}"
    ),
    "harvest.invalid.too_long": (
        "Tin nhắn quá dài ({length} ký tự) nên mình chưa ghi gì. Gửi ngắn gọn từng lần, "
        "ví dụ: {example}"
    ),
    "harvest.invalid.no_number": (
        "Mình hiểu \"{detail}\" nhưng chưa thấy số lượng, nên chưa ghi gì. Ví dụ: {example}"
    ),
    "harvest.invalid.no_product": (
        "Mình thấy số lượng \"{detail}\" nhưng chưa biết là sản phẩm gì, nên chưa ghi gì. "
        "Ví dụ: {example}"
    ),
    "harvest.invalid.zero_or_negative": (
        "Số lượng \"{detail}\" phải lớn hơn 0, nên mình chưa ghi gì. Ví dụ: {example}"
    ),
    "harvest.invalid.unknown_product": (
        "Mình chưa biết sản phẩm \"{detail}\" và cũng chưa rõ đơn vị, nên chưa ghi gì. "
        "Gõ /sanpham để xem danh sách sản phẩm. Ví dụ: {example}"
    ),
    "harvest.invalid.unit_mismatch": (
        "Đơn vị trong \"{detail}\" không hợp với sản phẩm này, nên mình chưa ghi gì. "
        "Ví dụ: {example}"
    ),
    "harvest.invalid.bad_number": (
        "Mình chưa đọc được số \"{detail}\", nên chưa ghi gì. Viết số như 30, 25,5 hoặc "
        "1.200. Ví dụ: {example}"
    ),
    "harvest.invalid.too_big": (
        "Số trong \"{detail}\" lớn quá, chắc là gõ nhầm, nên mình chưa ghi gì. "
        "Ví dụ: {example}"
    ),
    "harvest.invalid.bad_date": (
        "Ngày \"{detail}\" không có thật hoặc chưa rõ, nên mình chưa ghi gì. "
        "Ví dụ: {example}"
    ),
    "harvest.invalid.future": (
        "📅 Tin có chữ \"{detail}\": mình hiểu là việc chưa làm, nên chưa ghi gì. Làm xong "
        "rồi bạn nhắn lại nhé, ví dụ: {example}"
    ),
    "harvest.invalid.money": (
        "Mình thấy số tiền \"{detail}\" trong tin nên chưa ghi gì: ở đây chỉ ghi sản lượng "
        "(kg, tạ, quả…). Nếu bạn muốn ghi sản lượng, gửi lại không kèm giá, ví dụ: {example}"
    ),
    "harvest.invalid.unknown_unit": (
        "Mình chưa biết đơn vị \"{detail}\" nên chưa ghi gì. Bạn cân rồi gửi lại theo kg, "
        "yến, tạ (hoặc quả, bó…), ví dụ: {example}"
    ),
    "harvest.invalid.unclear": (
        "Mình chưa hiểu tin \"{detail}\" nên chưa ghi gì. Để ghi sản lượng, gửi ví dụ: "
        "{example}"
    ),
    "harvest.invalid.unreadable": "Mình chưa đọc được tin này, nên chưa ghi gì. Ví dụ: {example}",
    "harvest.not_understood": (
        "Mình chưa hiểu tin này nên chưa ghi gì. Để ghi sản lượng, gửi ví dụ: {example}. "
        "Gõ /help để xem thêm."
    ),
    "harvest.example": "\"hái 30kg chè lô 3\"",
    "harvest.edit_cancelled": (
        "Mục của tin này đã huỷ nên mình không sửa. Muốn ghi lại, bạn gửi tin mới nhé."
    ),
    "harvest.undone": "↩️ Đã huỷ:\n{lines}",
    "harvest.nothing_to_undo": (
        "Bạn chưa có mục nào để huỷ. Khi lỡ ghi sai, gõ /huy để huỷ mục vừa ghi."
    ),
    "harvest.fix_prompt": (
        "✏️ Gửi lại nội dung đúng cho:\n{lines}\nVí dụ: {example}"
    ),
    "harvest.fixed": "✏️ Đã sửa:\n{lines}",
    "harvest.fix_failed": "Mình chưa sửa gì: {reason}",
    "harvest.nothing_to_fix": (
        "Bạn chưa có mục nào để sửa. Khi ghi sai, gõ /sua rồi nội dung đúng, ví dụ: "
        "/sua hái 25kg chè lô 3"
    ),
    "harvest.settled": "Mục này đã được xử lý rồi, không cần chọn nữa.",
    "harvest.dropped": "✖ Đã bỏ, không ghi: \"{text}\"",
    "harvest.not_yours": "Mục này không phải của bạn.",
    "harvest.no_cooperative": "Chỉ thành viên của một HTX mới ghi được sản lượng.",
    "proxy.unknown_member": (
        "Không tìm thấy thành viên tên \"{name}\" trong HTX. Gõ /nhap để chọn từ danh sách."
    ),
    "proxy.which_member": "Có nhiều thành viên tên \"{name}\". Ghi cho ai?",
    "proxy.pick_member": "Ghi sản lượng cho ai? Chọn thành viên:",
    "proxy.nhap_unknown": "Không tìm thấy thành viên tên \"{name}\" trong HTX.",
    "proxy.send_for": "Gửi sản lượng của {name}, ví dụ: 30kg chè lô 3",
    "proxy.no_members": "HTX chưa có thành viên nào để ghi giúp.",
    "proxy.managers_only": "Chỉ quản lý HTX mới ghi sản lượng cho người khác được.",
    "proxy.whose": "❓ \"{name}\" là tên thành viên. Ghi \"{text}\" cho ai?",
    "proxy.for_member": "Ghi cho {name}",
    "proxy.for_self": "Ghi cho chính tôi",
    "proxy.edit_other": (
        "Tin đã sửa ghi cho \"{name}\", nhưng mục này là của {owner}:\n{lines}\n"
        "Mình chưa đổi gì. Nếu ghi nhầm người, bấm ↩️ Huỷ dưới mục đó, "
        "rồi gửi lại \"ghi cho {name} …\"."
    ),
    "proxy.expired": "Lựa chọn này đã cũ. Gõ lại \"ghi cho <tên> ...\" hoặc /nhap.",
    "console.banner": (
        "Trò chuyện với htx-bot trong cửa sổ dòng lệnh, với tư cách \"{user}\".\n"
        "Gõ tin nhắn rồi Enter. Khi có lựa chọn [1], [2]… gõ số để chọn. Gõ /thoat để thoát."
    ),
    "console.demo_name": "HTX chè mẫu (dùng thử)",
    "console.codes": (
        "Mã mời của các HTX đã có: chạy `htx-bot invite list` trong một cửa sổ dòng lệnh khác "
        "(mã mới: `htx-bot invite new --coop ID --role member`), rồi gõ mã vào đây để tham gia."
    ),
    "console.quit": "Tạm biệt!",
    "console.demo_created": (
        "Chưa có HTX nào nên mình đã tạo HTX mẫu \"{org}\" để bạn thử.\n"
        "Mã quản lý: {manager_code} · Mã thành viên: {member_code}\n"
        "Gõ một mã để tham gia."
    ),
    **_ANNOUNCE,
    **_REPORT,
    **_DIARY,
    **_FIX,
    **_GUARD,
    **_REACH,
}
