"""English sentences of prices, bulletins, broadcasts and opting out (merged into
catalog_en)."""

TEXTS: dict[str, str] = {
    "menu.gia": "Today's buying prices",
    "menu.caidat": "Set the time of the price bulletin",
    "menu.tatthongbao": "Turn bulletins and announcements off",
    "menu.batthongbao": "Turn bulletins and announcements on",
    "prices.board": "💰 Buying prices on {day}:\n{lines}",
    "prices.line": "• {name}: {price}{change}",
    "prices.same": " (as yesterday)",
    "prices.up": " (▲ up {amount})",
    "prices.down": " (▼ down {amount})",
    "prices.none": "No buying prices yet. A manager sets one, e.g. /gia chè 25k",
    "prices.no_cooperative": "Buying prices belong to a cooperative; you are not in one.",
    "prices.managers_only": "Only cooperative managers set prices. Current prices:",
    "prices.example": "/gia chè búp 25k or /gia quế 2tr5/tạ từ 25/11",
    "prices.set": "✅ Price of {name} set: {price} from {day}.",
    "prices.was": "Previous price: {price}.",
    "prices.too_low": (
        "A price of a few đồng for {name} is too low; nothing was recorded. "
        "If you meant {price}, add the k, e.g. {example}"
    ),
    "prices.problem.no_price": "What price for {name}? E.g. {example}",
    "prices.problem.no_product": "Which product is this price for? E.g. {example}",
    "prices.problem.too_high": (
        "That price for {name} is too high; nothing recorded. E.g. "
        "{example}"
    ),
    "prices.problem.too_low": "A price must be above 0; nothing recorded. E.g. {example}",
    "prices.problem.bad_number": (
        "Could not read the amount for {name}; nothing recorded. E.g. "
        "{example}"
    ),
    "prices.which_product": (
        "Which product is \"{text}\": {names}? Send the full name, e.g. /gia "
        "chè búp 25k"
    ),
    "prices.unknown_product": (
        "The cooperative has no product \"{text}\". Products: {names}. "
        "Managers add products with /sanpham them."
    ),
    "prices.wrong_unit": (
        "{name} is counted in {unit}; give a price per {unit}, e.g. /gia "
        "{name} 25k/{unit}"
    ),
    "bulletin.text": (
        "📢 {org} – buying prices on {day}:\n{lines}\n\nSend /tatthongbao to "
        "stop bulletins."
    ),
    "settings.show": "⚙️ The price bulletin goes out at {time}. Change: /caidat giobantin 5:30",
    "settings.usage": "The price bulletin goes out at {time}. To change it: /caidat giobantin 5:30",
    "settings.bulletin_set": "✅ The price bulletin now goes out at {time} every day.",
    "broadcast.body": "📣 {org}:\n{text}",
    "broadcast.preview": (
        "Preview of the announcement to {count} people:\n\n{body}\n\nTap 📣 "
        "Send to send it."
    ),
    "broadcast.button.send": "📣 Send",
    "broadcast.button.cancel": "✖️ Cancel",
    "broadcast.queued": "📣 Announcement #{id} queued for {count} people. Progress will show here.",
    "broadcast.cancelled": "Cancelled; nothing was sent.",
    "broadcast.expired": "This draft was sent or has expired. Send /thongbao <text> again.",
    "broadcast.nobody": "Nobody to send it to yet (or everyone turned announcements off).",
    "broadcast.too_long": "The announcement has {length} characters; at most {most}. Shorten it.",
    "optout.off": (
        "🔕 Price bulletins and announcements are off. Reminders of trainings you accepted "
        "still come. Send /batthongbao to turn them on."
    ),
    "optout.on": "🔔 Price bulletins and announcements are on again.",
}
