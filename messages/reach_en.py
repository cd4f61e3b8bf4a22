"""English: who an announcement reached on which app, who not and why; ZNS templates;
the member's phone number."""

TEXTS: dict[str, str] = {
    "outbox.channel.telegram": "Telegram",
    "outbox.channel.zalo": "Zalo",
    "outbox.channel.zns": "ZNS",
    "outbox.channel.console": "console",
    "outbox.by_channel": "📱 Received by app: {lines}",
    "outbox.by_channel_item": "{channel} {count}",
    "outbox.unreached": "📵 Not reachable now: {count}",
    "outbox.reason_count": "   • {count} {reason}",
    "outbox.waiting_quota": "⏳ Waiting for tomorrow's ZNS quota: {count}",
    "outbox.see_list": "Who did not get it and why: /thongbao trangthai {id}",
    "outbox.reason.window_no_phone": (
        "have not written on Zalo for over 2 days and have no phone number "
        "(ask them to write to the cooperative, or to type /sdt)"
    ),
    "outbox.reason.window_no_template": (
        "have not written on Zalo for over 2 days, and the cooperative has no ZNS template "
        "for this kind of message (managers: /zns)"
    ),
    "outbox.reason.window_misfit": (
        "have not written on Zalo for over 2 days, and the message does not fit the ZNS template"
    ),
    "outbox.reason.zns_bad_phone": "wrong phone number, or not on Zalo",
    "outbox.reason.zns_refused": "turned ZNS messages off, or their Zalo account is inactive",
    "outbox.reason.template": "Zalo refused the ZNS template (managers: check /zns)",
    "outbox.reason.late": "received late, when they wrote again",
    "outbox.why.blocked": "blocked or unfollowed the cooperative",
    "outbox.why.failed": "sending failed after several tries",
    "outbox.why.pending": "waiting to be sent",
    "outbox.why.quota": "waiting for tomorrow's ZNS quota",
    "outbox.why.sent": "received",
    "outbox.detail.header": (
        "📣 {kind} #{id}: {sent}/{total} people received it. Not yet ({count}):"
    ),
    "outbox.detail.line": "• {name} ({channel}): {why}",
    "outbox.detail.more": "… and {count} more (the full list is in the /baocao file)",
    "outbox.detail.all": "📣 {kind} #{id}: all {total} people received it.",
    "outbox.detail.unknown": (
        "No announcement #{id} of yours. Type /thongbao trangthai to see the numbers."
    ),
    "outbox.kind.training": "training notice",
    "zns.usage": (
        "ZNS messages go to a phone number on Zalo, for members who have not written to the "
        "cooperative for over 2 days. Each costs money; Zalo must approve the template first.\n"
        "• /zns – templates and quota\n"
        "• /zns hanmuc 200 – the most ZNS messages a day (0: no ZNS)\n"
        "• /zns mau bantin 123456 ten_htx=htx ngay=ngay bang_gia=gia:200 – register a "
        "template: kind, template id, then parameter=field[:most characters, 30 by default]\n"
        "• /zns xoa bantin – remove a template\n"
        "Kinds: bantin (price bulletin), taphuan (training notice), nhaclich (reminder), "
        "thongbao (announcement).\n"
        "Fields: htx (cooperative), ngay (day), gio (time), noidung (text), tieude (training "
        "title), diadiem (place), gia (prices)."
    ),
    "zns.list_header": "📨 The cooperative's ZNS – quota {quota} a day, {used} used today.",
    "zns.list_none": "No ZNS templates yet. Type /zns huongdan to see how to register one.",
    "zns.list_line": "• {kind}: template {template} – {params}",
    "zns.param": "{param}={field} (≤{most})",
    "zns.quota_zero": "⚠️ The quota is 0, so no ZNS goes out. Set it: /zns hanmuc 200",
    "zns.quota_set": "✅ ZNS quota set: {quota} messages a day.",
    "zns.quota_bad": "The quota is a number from 0 to 100,000, e.g. /zns hanmuc 200",
    "zns.saved": "✅ ZNS template {template} saved for {kind}: {params}.",
    "zns.removed": "✅ ZNS template of {kind} removed.",
    "zns.not_found": "The cooperative has no ZNS template for {kind}.",
    "zns.bad_kind": "Unknown kind “{word}”. Kinds: bantin, taphuan, nhaclich, thongbao.",
    "zns.bad_template": "A ZNS template id is a number, e.g. /zns mau bantin 123456 ten_htx=htx",
    "zns.bad_param": (
        "I do not understand “{word}”. Write parameter=field, e.g. ten_htx=htx or "
        "bang_gia=gia:200. Fields: htx, ngay, gio, noidung, tieude, diadiem, gia."
    ),
    "zns.no_params": (
        "A template needs one parameter at least, e.g. /zns mau bantin 123456 ten_htx=htx"
    ),
    "broadcast.zns_missing": (
        "✋ Not sent: {count} people would get it as ZNS, but the cooperative's ZNS template "
        "needs the field {field} (parameter {param}), which this message lacks. Fix the "
        "template with /zns, then send again."
    ),
    "broadcast.zns_too_long": (
        "✋ Not sent: {count} people would get it as ZNS, but the cooperative's ZNS template "
        "allows {most} characters in parameter {param}, and this message has {length}. "
        "Shorten it and send it again."
    ),
    "broadcast.routes": "📱 Goes out by: {lines}",
    "phone.usage": (
        "Type /sdt and your Zalo phone number, e.g. /sdt 0912 345 678. The cooperative uses "
        "it to send the bulletin on Zalo when you have not written for a while."
    ),
    "phone.show": "📞 Your phone number: {phone}. Change it with /sdt <new number>.",
    "phone.saved": "✅ Phone number {phone} saved.",
    "phone.bad": (
        "“{text}” is not a right number. A Vietnamese mobile number has 10 digits, "
        "e.g. 0912 345 678."
    ),
    "menu.zns": "ZNS: templates and quota",
    "menu.sdt": "My phone number",
    "xlsx.sheet.announcements": "Announcements",
    "xlsx.empty.announcements": "(no announcements in the period)",
    "xlsx.col.announcement": "Announcement",
    "xlsx.col.channel": "App",
    "xlsx.col.outcome": "Outcome",
    "xlsx.col.delivered_at": "Received at",
}
