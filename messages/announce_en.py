"""English sentences of prices, bulletins, broadcasts and opting out (merged into
catalog_en)."""

TEXTS: dict[str, str] = {
    "menu.gia": "Today's buying prices",
    "menu.caidat": "Set the time of the price bulletin",
    "menu.tatthongbao": "Turn bulletins and announcements off",
    "menu.batthongbao": "Turn bulletins and announcements on",
    "prices.asked": "Asking about prices (\"{money}\")? Here are today's buying prices:",
    "prices.board": "💰 Buying prices on {day}:\n{lines}",
    "prices.set_hint": "Set or change a price, e.g. /gia chè 25k",
    "prices.line": "• {name}: {price}{change}",
    "prices.same": " (as yesterday)",
    "prices.up": " (▲ up {amount})",
    "prices.down": " (▼ down {amount})",
    "prices.none": "No buying prices yet. A manager sets one, e.g. /gia chè 25k",
    "prices.alliance_board": "💰 Today's buying prices of the alliance's cooperatives:\n\n{coops}",
    "prices.alliance_coop": "🏠 {org} ({day}):\n{lines}",
    "prices.alliance_none": "• no prices yet",
    "prices.staff_cannot_set": (
        "Each cooperative's manager sets its prices; alliance staff can only see them."
    ),
    "prices.no_cooperative": "Buying prices belong to a cooperative; you are not in one.",
    "prices.managers_only": (
        "Buying prices are set by the cooperative's manager; the price you sent is not "
        "recorded. Current prices:"
    ),
    "prices.example": "/gia chè búp 25k or /gia quế 2tr5/tạ từ 25/11",
    "prices.set": "✅ Price of {name} set: {price} from {day}.",
    "prices.until": (
        "⚠️ This price holds up to {last} only: from {next} the price {price} set before "
        "holds. To change that too: /gia {name} {amount}/{unit} từ {next}"
    ),
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
    "prices.problem.bad_day": (
        "The first day of the price for {name} does not exist; nothing recorded. E.g. {example}"
    ),
    "prices.problem.unclear": (
        "I'm not sure what \"{words}\" means in that price, so no price was set. One price "
        "a message, e.g. {example}"
    ),
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
    "warning.usage": (
        "Type /canhbao <text> to send an urgent warning (storm, flood, landslide) to every "
        "member, before anything else. Example: /canhbao Flash flood tonight, harvest now and "
        "leave the slopes"
    ),
    "warning.body": "⚠️ URGENT WARNING – {org}:\n{text}",
    "warning.preview": (
        "⚠️ Preview of the urgent warning to {count} people:\n\n{body}\n\n"
        "It goes before every other message (an announcement being sent pauses){also_off}. "
        "Tap ⚠️ Send to send it."
    ),
    "warning.also_off": (
        ", and also to the {off} people who turned announcements off, since it is about safety"
    ),
    "warning.button.send": "⚠️ Send",
    "warning.queued": (
        "⚠️ Warning #{id} queued for {count} people, before everything else. Progress will "
        "show here."
    ),
    "warning.cancelled": "Cancelled; no warning was sent.",
    "warning.expired": "This warning draft was sent or has expired. Send /canhbao <text> again.",
    "warning.nobody": "No members to warn yet.",
    "menu.canhbao": "Urgent warning (storm, flood) to every member",
    "optout.off": (
        "🔕 Price bulletins and announcements are off. Reminders of trainings you accepted "
        "still come. Send /batthongbao to turn them on."
    ),
    "optout.on": "🔔 Price bulletins and announcements are on again.",
    "menu.taphuan": "Trainings",
    "training.when": "{time} {day}",
    "training.notice": "📚 Training: {title}\n🕗 {when}\n📍 {place}\n🏠 {org}",
    "training.form_example": (
        "E.g. /taphuan moi VietGAP training | thứ bảy 8h | Village hall | bring your notebook\n"
        "Or send /taphuan moi to be asked step by step."
    ),
    "training.ask.title": "📚 What is the training called? (\"huỷ\" stops)",
    "training.ask.when": "🕗 When? E.g. thứ bảy 8h, 20/12 14:30, 2h chiều mai",
    "training.ask.place": "📍 Where? E.g. the village hall",
    "training.ask.description": "📝 What is it about, what to bring? (\"bỏ qua\" to skip)",
    "training.ask.cooperatives": (
        "🏠 For which cooperatives? Names separated by commas, or \"tất cả\" for all:\n{names}"
    ),
    "training.ask.products": (
        "🌱 Only growers of which products? E.g. chè, quế (\"bỏ "
        "qua\": everyone)"
    ),
    "training.missing.title": "The training's title is missing.",
    "training.missing.when": "The training's time is missing.",
    "training.missing.place": "The training's place is missing.",
    "training.bad.title": "A title needs letters and at most {most} characters. Send the title:",
    "training.bad.place": "A place needs letters and at most 200 characters. Send the place:",
    "training.bad.no_day": (
        "No day found in \"{text}\". Send it again, e.g. thứ bảy 8h "
        "or 20/12 14:30"
    ),
    "training.bad.no_time": (
        "No time found in \"{text}\". Send it again, e.g. thứ bảy 8h "
        "or 20/12 14:30"
    ),
    "training.bad.past_day": "\"{text}\" is in the past. Send a time to come, e.g. 20/12 8h",
    "training.coop_numbered": "{name} (no. {id})",
    "training.bad.cooperative": (
        "No single cooperative named \"{text}\". Cooperatives (type a name or a number): "
        "{names}"
    ),
    "training.bad.product": "No cooperative has a product \"{text}\". Send again, or \"bỏ qua\".",
    "training.preview": (
        "Preview of the notice to {count} people:\n\n{notice}\n\nTap "
        "📚 Create and send to send it."
    ),
    "training.button.create": "📚 Create and send",
    "training.button.cancel": "✖️ Cancel",
    "training.button.yes": "✅ Attend",
    "training.button.no": "❌ Not attending",
    "training.created": (
        "📚 Training #{id} created; its notice is queued for {count} people. "
        "Reminders go 1 day and 2 hours before. Answers: /taphuan {id}"
    ),
    "training.cancelled": "Cancelled; no training was created.",
    "training.expired": "This draft was created or has expired. Send /taphuan moi again.",
    "training.list": "📚 Trainings:\n{lines}\nDetails: /taphuan and its number: /taphuan {first}",
    "training.list.organiser": (
        "#{id} · {title} · {when}\n   ✅ {yes} · ❌ {no} · ⏳ {waiting} / {total} people"
    ),
    "training.list.member": "#{id} · {title} · {when} · {answer}",
    "training.none": "No upcoming training for you.",
    "training.none_organiser": (
        "No upcoming training. To create one, type a line like this:\n/taphuan moi Tập huấn "
        "VietGAP | thứ bảy 8h | Nhà văn hoá xã | mang sổ ghi chép\nOr type /taphuan moi and I "
        "will ask step by step."
    ),
    "training.answer.yes": "✅ you attend",
    "training.answer.no": "❌ you do not attend",
    "training.answer.none": "⏳ you have not answered",
    "training.answers": (
        "✅ Attending: {yes} · ❌ Not: {no} · ⏳ No answer: {waiting} / {total} people\n"
        "✅ {yes_names}\n❌ {no_names}"
    ),
    "training.bad_id": "There is no training with that number. Send /taphuan for the list.",
    "training.not_found": "No training #{id} of yours. Send /taphuan for the list.",
    "training.not_invited": "This training is not for you, or no longer exists.",
    "training.started": "The training \"{title}\" has started; answers are closed.",
    "training.rsvp.yes": (
        "✅ Noted: you attend \"{title}\" at {when}, {place}. A "
        "reminder will come."
    ),
    "training.rsvp.no": "Noted: you do not attend \"{title}\". Changed your mind? Tap ✅ Attend.",
    "training.reminder.1d": "⏰ Reminder: a training tomorrow.",
    "training.reminder.2h": "⏰ Reminder: a training in 2 hours.",
    "training.nobody": (
        "Nobody to invite: no member takes announcements, or nobody grows "
        "the chosen products. No training was created."
    ),
}
