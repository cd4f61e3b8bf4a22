"""English catalog: the same keys as the Vietnamese one."""

from messages.announce_en import TEXTS as _ANNOUNCE
from messages.diary_en import TEXTS as _DIARY
from messages.fix_en import TEXTS as _FIX
from messages.guard_en import TEXTS as _GUARD
from messages.reach_en import TEXTS as _REACH
from messages.report_en import TEXTS as _REPORT

TEXTS: dict[str, str] = {
    "role.member": "member",
    "role.manager": "manager",
    "role.staff": "cooperative alliance officer",
    "welcome.stranger": (
        "Hello! This is your cooperative's assistant: log harvests and your production diary, "
        "see buying prices and training dates, right on your phone.\n\n"
        "To join, ask your cooperative manager for an invite code and send it here "
        "(for example: /start K7PM3X or just K7PM3X)."
    ),
    "join.joined": (
        "Welcome {name}! You joined {org} as {role}.\nSend /help to see what you can do."
    ),
    "join.promoted": "You are now {role} of {org}. Send /help to see your new commands.",
    "join.already": "You are already {role} of {org}; no code needed.",
    "join.other_org": (
        "You belong to {current}. Code {code} is for {other}, and a person belongs to one "
        "place only, so you were not added there. To move, ask the manager of {current}."
    ),
    "join.not_found": "Code {code} was not found. Check it, or ask your manager for a new one.",
    "join.expired": "Code {code} expired: its last day was {date}. Ask your manager for a new one.",
    "join.revoked": "Code {code} was revoked. Ask your manager for a new one.",
    "join.used_up": "Code {code} has been used up. Ask your manager for a new one.",
    "join.missing_code": "You already joined {org}. Send /help to see what you can do.",
    "profile": "👤 {name}\n🏠 {org}\n🎖 Role: {role}",
    "profile.inactive": "⚠️ This account is suspended.",
    "invite.bad_uses": "A code can be used 1 to {most} times, e.g. /moi 30",
    "invite.created": (
        "🔑 New member invite for {org}: {code}\n"
        "Valid for {uses} use(s), to the end of {date}.\n"
        "The new member sends this code to the bot, or opens: {link}"
    ),
    "invite.created_nolink": (
        "🔑 New member invite for {org}: {code}\n"
        "Valid for {uses} use(s), to the end of {date}.\n"
        "The new member sends this code to the bot (for example: /start {code})."
    ),
    "access.managers_only": "/{command} is for cooperative managers only.",
    "access.members_only": "/{command} is for members of a cooperative only.",
    "talk.thanks": "You're welcome! Message me whenever there is something to record. 🌿",
    "talk.fix": (
        "Nothing was changed. To fix the entry you just made, type /sua and the right "
        "content, e.g. /sua chè 25kg. To cancel it, type /huy."
    ),
    "talk.ok": "👍",
    "talk.hello": (
        "Hello {name}! I record harvests and the diary, for example: \"picked 30kg tea plot "
        "3\", \"fertilised NPK 20kg plot 2\". Send /help for more."
    ),
    "talk.bye": "Goodbye {name}, see you! 👋",
    "talk.who": (
        "I am the cooperative's assistant: harvests, the production diary, prices and "
        "trainings. Send /help to see what I can do."
    ),
    "command.did_you_mean": (
        "I don't know /{command}. Did you mean /{suggestion}? Send /help for the list."
    ),
    "question.unknown_product": (
        "The cooperative has no product \"{words}\", so nothing of it was delivered. Its "
        "products: {names}. Ask again with one of them, e.g. \"{example} tuần này bao nhiêu\". "
        "One person's intake, e.g. /saoke Lan tuần này."
    ),
    "question.unclear": (
        "I am not sure what \"{words}\" means in your question, so I give no figures rather "
        "than wrong ones. I answer the intake of a period, of the whole cooperative or of one "
        "product, for example: \"tea today\", \"total this week\". One person's intake: "
        "/saoke Name period (for example /saoke Lan this week)."
    ),
    "question.spelled": (
        "I read {words} as typed without a Vietnamese keyboard (Telex/VNI), so I give no "
        "figures rather than wrong ones. Did you mean \"{text}\"? Please send that again."
    ),
    "question.bad_period": (
        "I could not tell which period you ask about (\"{text}\"). Ask again, for example: "
        "\"yesterday\", \"this week\", \"month 11\", \"from 5/11 to 12/11\"."
    ),
    "unknown_command": "I don't know /{command}. Send /help for the list.",
    "unsupported": (
        "I can't use {kind} yet. I understand text, for example: \"picked 30kg tea plot 3\". "
        "Send /help for more."
    ),
    "unsupported.sticker": "stickers",
    "unsupported.voice": "voice messages",
    "unsupported.video": "videos",
    "unsupported.document": "files",
    "unsupported.photo": "photos",
    "unsupported.location": "locations",
    "unsupported.other": "this kind of message",
    "zalo.options": "Or type a number to choose:",
    "zalo.options_typed": "Other choices (you may also type the number, e.g. 14 for 14 days):",
    "link.code": (
        "Your link code: {code}\n"
        "Within {minutes} minutes, open the other app (Zalo or Telegram) and send: /lienket "
        "{code}\n"
        "Then you can use both, with the same records."
    ),
    "link.how": (
        "To use this app with the one you joined on: send /lienket there, then send the code "
        "you get here, for example: /lienket K7PM3X.\n"
        "If you have not joined a cooperative, ask its manager for an invite code."
    ),
    "link.linked": (
        "Linked! {name} is {role} of {org} on both apps. Send /help to see what you can do."
    ),
    "link.bad_code": (
        "Code {code} is wrong or has expired. Send /lienket on the other app for a new one."
    ),
    "link.already_member": (
        "On this app you already belong to {org}. A link code is for the app you have not "
        "joined on."
    ),
    "link.channel_taken": (
        "This account is already linked to another {app} account. To change it, ask your "
        "cooperative manager."
    ),
    "not_understood": "I didn't understand that. Send /help to see what I can do.",
    "error.apology": (
        "Sorry, something went wrong with that message. The error was logged; "
        "please try again in a few minutes."
    ),
    "help.member": (
        "You are {role} of {org}. You can:\n"
        "• Log a harvest in one message, e.g. \"hái 30kg chè lô 3\"\n"
        "• Keep your production diary, e.g. \"bón NPK 20kg lô 2\", \"phun Regent 2 bình lô 3\"; "
        "a photo with a caption is kept with its entry\n"
        "• Wrong? Tap ✏️ Fix or ↩️ Undo under the answer, or edit the message you sent\n"
        "Commands:\n/huy – cancel my last entry\n/sua – correct my last entry\n"
        "/homnay – what I recorded today, with totals\n"
        "/tuan – what I recorded this week, day by day\n"
        "/sanpham – the cooperative's products\n"
        "/gia – today's buying prices\n"
        "/nhatky – my diary; /xuatnhatky – as an Excel file laid out for VietGAP\n"
        "/lo – my plots (/lo them Lô 3 | 0,5 ha | chè); share a location to attach it\n"
        "/vattu – fertilisers, pesticides and intervals\n"
        "/saoke – my deliveries and amounts this month (/saoke tháng 10)\n"
        "/taphuan – trainings for you; answer with ✅ Attend / ❌ Not attending\n"
        "/tatthongbao, /batthongbao – turn price bulletins and announcements off or on\n"
        "/sdt 0912 345 678 – save your Zalo phone number, for bulletins when you are quiet\n"
        "/toi – your profile\n/lienket – use both Zalo and Telegram\n/help – this help"
    ),
    "help.manager": (
        "You are {role} of {org}. You can:\n"
        "• Record intake for a member, e.g. \"ghi cho Lan 30kg chè\"\n"
        "• Log your own harvest like a member\n"
        "• Ask: \"hôm nay thu được bao nhiêu\", \"tổng tuần này\"\n"
        "Commands:\n"
        "/tonghop [period] – intake by product, its value, who delivered most\n"
        "/thanhvien, /chuabao – members and their last entry; who has not reported today\n"
        "/saoke Lan [period] – a member's statement\n"
        "/baocao [period] – an Excel file; /bieudo – a chart of 30 days\n"
        "/nhatky Lan – a member's diary; /chuaghi 7 – who kept no diary for 7 days\n"
        "/vattu cachly Regent 7 – set an interval; /vattu them Name | thuốc | 7\n"
        "/nhap – pick a member and record their delivery\n"
        "/huy, /sua – cancel or correct the last entry\n"
        "/moi – new member invite code (with link)\n"
        "/sanpham – see and change the product list (add, rename, hide, aliases)\n"
        "/homnay, /tuan – what you recorded today, this week\n"
        "/gia chè búp 25k – set a buying price (/gia to see them; \"giá quế 2tr5/tạ từ mai\")\n"
        "/caidat giobantin 5:30 – when the morning price bulletin goes to members\n"
        "/thongbao <text> – announce to the whole cooperative (preview, then Send)\n"
        "/thongbao trangthai – the status of recent announcements; /thongbao trangthai 5 – "
        "who did not get announcement 5, and why\n"
        "/zns – ZNS templates and quota, to reach members quiet on Zalo\n"
        "/canhbao <text> – an urgent warning (storm, flood) to every member, also those who "
        "turned announcements off, before anything else\n"
        "/taphuan moi – create a training, with reminders; /taphuan – who attends\n"
        "/toi – your profile\n"
        "/lienket – use both Zalo and Telegram\n"
        "/help – this help"
    ),
    "help.staff": (
        "You are {role} of {org}. You can:\n"
        "• Announce to the members of every cooperative of the alliance\n"
        "Commands:\n/tonghop [period] – intake and value of each cooperative of the alliance\n"
        "/gia – today's buying prices of each cooperative\n"
        "/baocao [period] – an Excel file: a sheet per cooperative and the alliance total; "
        "/bieudo – the cooperatives' daily intake\n"
        "/thongbao <text> – announce (preview, then Send)\n"
        "/thongbao trangthai – the status of recent announcements\n"
        "/canhbao <text> – an urgent warning (storm, flood) to every member, also those who "
        "turned announcements off, before anything else\n"
        "/taphuan moi – create a training, with reminders; /taphuan – who attends\n"
        "/toi – your profile\n/lienket – use both Zalo and Telegram\n/help – this help"
    ),
    "menu.start": "Start / enter an invite code",
    "menu.help": "How to use the bot",
    "menu.toi": "My profile",
    "menu.huy": "Cancel my last entry",
    "menu.sua": "Correct my last entry",
    "menu.nhap": "Record a delivery for a member",
    "menu.moi": "New member invite code",
    "menu.sanpham": "The cooperative's products",
    "menu.homnay": "What I recorded today",
    "menu.tuan": "What I recorded this week",
    "menu.thongbao": "Announcements to members",
    "access.organisers_only": "/{command} is for cooperative managers and alliance staff only.",
    "outbox.kind.reminder": "reminder",
    "outbox.kind.bulletin": "bulletin",
    "outbox.kind.warning": "urgent warning",
    "outbox.kind.broadcast": "announcement",
    "outbox.state.sending": "sending",
    "outbox.state.done": "done",
    "outbox.progress": (
        "📣 Sending {kind} #{id}: {done}/{total} people ({percent}%)\n"
        "✅ Sent: {sent} · 🚫 Blocked: {blocked} · ⚠️ Failed: {failed}"
    ),
    "outbox.summary": (
        "📣 Finished sending {kind} #{id} to {total} people.\n"
        "✅ Sent: {sent}\n"
        "🚫 Blocked the bot or no longer reachable: {blocked}\n"
        "⚠️ Failed: {failed}"
    ),
    "outbox.status.header": "📣 Recent announcements:",
    "outbox.status.line": (
        "#{id} · {kind} · {time} {day} · {state}\n"
        "   ✅ {sent} · 🚫 {blocked} · 📵 {unreached} · ⚠️ {failed} · ⏳ {pending} / {total} people"
    ),
    "outbox.status.none": "No announcements yet.",
    "outbox.usage": (
        "Type /thongbao <text> to send an announcement to every member. E.g. /thongbao "
        "Members' meeting at 3 pm today at the village hall\nSee the announcements sent: "
        "/thongbao trangthai"
    ),
    # /sanpham: the cooperative's product list
    "products.title": "🌱 Products of {org}:\n{lines}",
    "products.line": "• {name} ({unit})",
    "products.line_aliases": "• {name} ({unit}) – also: {aliases}",
    "products.none": "(no products in use)",
    "products.hidden_title": "🙈 Hidden (not recognised in harvest messages):\n{lines}",
    "products.manager_hint": (
        "Managers change the list:\n"
        "/sanpham them Name | alias 1, alias 2 | kg\n"
        "/sanpham doiten Old name | New name\n"
        "/sanpham an Name · /sanpham hien Name\n"
        "/sanpham bidanh Name | alias 1, alias 2"
    ),
    "products.managers_only": (
        "Only cooperative managers can change the product list. Send /sanpham to see it."
    ),
    "products.added": "✅ Product added:\n{line}",
    "products.limit": "Above {amount} in one entry, I will ask to make sure.",
    "products.renamed": (
        "✏️ Renamed \"{old}\" to \"{new}\". The old name is still recognised as an alias; "
        "recorded entries are unchanged."
    ),
    "products.unchanged": "The product is already called \"{name}\"; nothing changed.",
    "products.hidden": (
        "🙈 Hid \"{name}\": harvest messages will no longer recognise it; recorded entries "
        "are unchanged. Send /sanpham hien {name} to use it again."
    ),
    "products.shown": "👁 \"{name}\" is recognised in harvest messages again.",
    "products.already_hidden": "\"{name}\" is already hidden.",
    "products.already_shown": "\"{name}\" is already in use; nothing to show.",
    "products.aliases_set": "✏️ Aliases of \"{name}\": {aliases}",
    "products.no_aliases": "(none)",
    "products.duplicate": (
        "The cooperative already has a product \"{name}\" (maybe hidden: send /sanpham to "
        "see). Choose another name."
    ),
    "products.alias_taken": (
        "\"{alias}\" already names the product \"{name}\"; two products with one name "
        "get mixed up. Choose another name."
    ),
    "products.unknown": (
        "No product \"{name}\" in the cooperative. Closest names: {candidates}. "
        "Send /sanpham to see the list."
    ),
    "products.ambiguous": "\"{name}\" could be: {candidates}. Type the full product name.",
    "products.syntax": "I did not understand that command. Example: {example}",
    "products.bad_unit": (
        "I do not know the unit \"{unit}\". Units you can use: {units}. Example: {example}"
    ),
    "products.bad_name": (
        "The name \"{name}\" cannot be used: it needs letters and at most {max} characters. "
        "Example: {example}"
    ),
    "products.example.list": "/sanpham them Chè shan tuyết | chè shan, chè cổ thụ | kg",
    "products.example.add": "/sanpham them Chè shan tuyết | chè shan, chè cổ thụ | kg",
    "products.example.rename": "/sanpham doiten chè khô | chè khô loại 1",
    "products.example.hide": "/sanpham an miến dong",
    "products.example.show": "/sanpham hien miến dong",
    "products.example.aliases": "/sanpham bidanh na | mãng cầu, na dai",
    # /homnay, /tuan: a member's own entries
    "entries.today": "📋 Today ({day}) you recorded:\n{lines}\n\nTotal:\n{totals}",
    "entries.week": (
        "📋 This week ({first} – {last}) you recorded:\n\n{days}\n\nWeek total:\n{totals}"
    ),
    "entries.day": "{day}:\n{lines}",
    "entries.line": "• {line}",
    "entries.pending": "⏳ {line} – waiting for your answer, not counted",
    "entries.line_proxy": "• {line} (recorded by the manager)",
    "entries.pending_proxy": "⏳ {line} – recorded by the manager, waiting for their answer",
    "entries.typed": "\"{text}\"",
    "entries.total": "• {product}: {amount}",
    "entries.no_totals": "(nothing recorded for sure yet)",
    "entries.empty_today": (
        "You have recorded nothing today ({day}). Send a message like {example} to record."
    ),
    "entries.empty_week": (
        "You have recorded nothing this week ({first} – {last}). "
        "Send a message like {example} to record."
    ),
    "run.no_token": (
        "No TELEGRAM_TOKEN is set, so the bot runs in the terminal.\n"
        "To run on Telegram: message @BotFather with /newbot, choose a name, then put the "
        "token it gives you in the TELEGRAM_TOKEN environment variable (or .env) and run again."
    ),
    "harvest.recorded": "✅ Recorded:\n{lines}",
    "harvest.ask.for": "For {name}:",
    "harvest.recorded_for": "✅ Recorded for {name}:\n{lines}",
    "harvest.by_manager": "(recorded by manager {name})",
    "harvest.button.undo": "↩️ Undo",
    "harvest.button.fix": "✏️ Fix",
    "harvest.button.mine": "✅ Mine: {line}",
    "harvest.button.for": "✅ For {name}: {line}",
    "harvest.button.drop": "✖ Don't record",
    "harvest.ask.ambiguous_number": "❓ The number in \"{text}\" can be read two ways. Pick one:",
    "harvest.ask.number_range": "❓ \"{text}\" is a range. How much should I record?",
    "harvest.ask.unknown_product": "❓ I don't know the product in \"{text}\". Which is it?",
    "harvest.ask.ambiguous_product": "❓ Which product is \"{text}\"?",
    "harvest.ask.over_max": "❓ \"{text}\" is more than usual for one delivery. Please check:",
    "harvest.ask.other_person_for": (
        "❓ \"{text}\" names \"{words}\". Is it {name}'s delivery? If so, tap "
        "\"For {name}\". If it is someone else's, tap Don't record, then record it for "
        "the right person."
    ),
    "harvest.ask.other_person": (
        "❓ \"{text}\" names \"{words}\". Whose delivery is it? If it is your own, tap "
        "\"Mine\" to record it for you. If it is someone else's, tap Don't record: they "
        "send it themselves, or a manager records it for them."
    ),
    "harvest.ask.no_unit": (
        "❓ \"{text}\" has no unit (kg, yến or tạ). How much did you deliver? Pick one:"
    ),
    "harvest.ask.over_usual": "❓ \"{text}\" is much more than you usually deliver. Please check:",
    "harvest.ask.future_date": "❓ The day in \"{text}\" has not come yet. Which day?",
    "harvest.ask.vague_date": "❓ Which day is \"{text}\"?",
    "harvest.ask.conflicting_date": "❓ \"{text}\" names two different days. Which one?",
    "harvest.ask.alternative": "❓ \"{text}\" has two amounts. How much was it? Pick one:",
    "harvest.ask.unclear_words": (
        "❓ I don't understand \"{words}\" in \"{text}\". This is how I read it: tap it if "
        "it is right, or tap {drop} and send it again:"
    ),
    "harvest.ask.repeat": (
        "❓ \"{text}\" is the same as the message you just sent, which is recorded. If this "
        "is another delivery, tap it to record it too; if it was sent twice, tap Don't record:"
    ),
    "harvest.ask.waiting": "This is not recorded until you choose.",
    "harvest.invalid.no_text": "I found nothing to record. Send it as text, e.g. {example}",
    "harvest.invalid.too_long": (
        "That message is too long ({length} characters), so nothing was recorded. "
        "Send one short report at a time, e.g. {example}"
    ),
    "harvest.invalid.no_number": (
        "I read \"{detail}\" but no amount, so nothing was recorded. E.g. {example}"
    ),
    "harvest.invalid.no_product": (
        "I read the amount \"{detail}\" but no product, so nothing was recorded. "
        "E.g. {example}"
    ),
    "harvest.invalid.zero_or_negative": (
        "The amount \"{detail}\" must be above 0, so nothing was recorded. E.g. {example}"
    ),
    "harvest.invalid.unknown_product": (
        "I don't know the product \"{detail}\" nor its unit, so nothing was recorded. "
        "Send /sanpham for the list. E.g. {example}"
    ),
    "harvest.invalid.unit_mismatch": (
        "The unit in \"{detail}\" does not fit that product, so nothing was recorded. "
        "E.g. {example}"
    ),
    "harvest.invalid.bad_number": (
        "I can't read the number \"{detail}\", so nothing was recorded. Write 30, 25,5 or "
        "1.200. E.g. {example}"
    ),
    "harvest.invalid.too_big": (
        "The number in \"{detail}\" is far too big, probably a typo, so nothing was "
        "recorded. E.g. {example}"
    ),
    "harvest.invalid.bad_date": (
        "The day \"{detail}\" does not exist or is unclear, so nothing was recorded. "
        "E.g. {example}"
    ),
    "harvest.invalid.future": (
        "📅 Your message says \"{detail}\": I read it as work still to come, so nothing was "
        "recorded. Once it is done, send it again, e.g. {example}"
    ),
    "harvest.invalid.money": (
        "I see an amount of money \"{detail}\", so nothing was recorded: here I record "
        "harvests (kg, tạ, pieces…). To record one, send it without the price, e.g. {example}"
    ),
    "harvest.invalid.unknown_unit": (
        "I don't know the unit \"{detail}\", so nothing was recorded. Please weigh it and "
        "send it in kg, yến, tạ (or pieces, bunches…), e.g. {example}"
    ),
    "harvest.invalid.unclear": (
        "I don't understand \"{detail}\", so nothing was recorded. To record a harvest, "
        "send e.g. {example}"
    ),
    "harvest.invalid.unreadable": "I couldn't read that, so nothing was recorded. E.g. {example}",
    "harvest.not_understood": (
        "I didn't understand that, so nothing was recorded. To log a harvest, send e.g. "
        "{example}. Send /help for more."
    ),
    "harvest.example": "\"hái 30kg chè lô 3\"",
    "harvest.edit_cancelled": (
        "This message's entry was cancelled, so nothing was changed. Send a new message to "
        "record it again."
    ),
    "harvest.undone": "↩️ Cancelled:\n{lines}",
    "harvest.nothing_to_undo": (
        "You have nothing to cancel. If you record something by mistake, type /huy to cancel "
        "your latest entry."
    ),
    "harvest.fix_prompt": "✏️ Send the correct report for:\n{lines}\nE.g. {example}",
    "harvest.fixed": "✏️ Corrected:\n{lines}",
    "harvest.fix_failed": "Nothing was changed: {reason}",
    "harvest.nothing_to_fix": (
        "You have nothing to correct. To correct your latest entry, type /sua and the right "
        "text, e.g. /sua hái 25kg chè lô 3"
    ),
    "harvest.settled": "This was settled already; nothing to choose.",
    "harvest.dropped": "✖ Dropped, not recorded: \"{text}\"",
    "harvest.not_yours": "This entry is not yours.",
    "harvest.no_cooperative": "Only members of a cooperative can record harvests.",
    "proxy.unknown_member": (
        "No member called \"{name}\" in the cooperative. Send /nhap to pick from the list."
    ),
    "proxy.which_member": "Several members are called \"{name}\". Which one?",
    "proxy.pick_member": "Record a delivery for whom? Pick a member:",
    "proxy.nhap_unknown": "No member called \"{name}\" in the cooperative.",
    "proxy.send_for": "Send {name}'s delivery, e.g. 30kg chè lô 3",
    "proxy.no_members": "The cooperative has no members to record for yet.",
    "proxy.managers_only": "Only cooperative managers can record for someone else.",
    "proxy.whose": "❓ \"{name}\" is a member's name. Whose is \"{text}\"?",
    "proxy.for_member": "For {name}",
    "proxy.for_self": "For me",
    "proxy.edit_other": (
        "The edited message is for \"{name}\", but this entry is {owner}'s:\n{lines}\n"
        "Nothing changed. If it was the wrong person, tap ↩️ Undo under that entry, "
        "then send \"ghi cho {name} …\" again."
    ),
    "proxy.expired": "That choice is old. Type \"ghi cho <name> ...\" again, or /nhap.",
    "console.banner": (
        "Chatting with htx-bot in the terminal as \"{user}\".\n"
        "Type a message and press Enter. When choices [1], [2]… appear, type the number. "
        "Type /thoat to quit."
    ),
    "console.demo_name": "Sample tea cooperative (trial)",
    "console.codes": (
        "Invite codes of the existing cooperatives: run `htx-bot invite list` in another "
        "terminal (a new one: `htx-bot invite new --coop ID --role member`), then type a code "
        "here to join."
    ),
    "console.quit": "Bye!",
    "console.demo_created": (
        "There was no cooperative yet, so a sample one, \"{org}\", was created to try.\n"
        "Manager code: {manager_code} · Member code: {member_code}\n"
        "Type a code to join."
    ),
    **_ANNOUNCE,
    **_REPORT,
    **_DIARY,
    **_FIX,
    **_GUARD,
    **_REACH,
}
