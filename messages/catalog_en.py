"""English catalog: the same keys as the Vietnamese one."""

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
    "join.expired": "Code {code} expired on {date}. Ask your manager for a new one.",
    "join.revoked": "Code {code} was revoked. Ask your manager for a new one.",
    "join.used_up": "Code {code} has been used up. Ask your manager for a new one.",
    "join.missing_code": "You already joined {org}. Send /help to see what you can do.",
    "profile": "👤 {name}\n🏠 {org}\n🎖 Role: {role}",
    "profile.inactive": "⚠️ This account is suspended.",
    "invite.created": (
        "🔑 New member invite for {org}: {code}\n"
        "Valid for {uses} use(s), until {date}.\n"
        "The new member sends this code to the bot, or opens: {link}"
    ),
    "invite.created_nolink": (
        "🔑 New member invite for {org}: {code}\n"
        "Valid for {uses} use(s), until {date}.\n"
        "The new member sends this code to the bot (for example: /start {code})."
    ),
    "access.managers_only": "/{command} is for cooperative managers only.",
    "access.members_only": "/{command} is for members of a cooperative only.",
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
    "not_understood": "I didn't understand that. Send /help to see what I can do.",
    "error.apology": (
        "Sorry, something went wrong with that message. The error was logged; "
        "please try again in a few minutes."
    ),
    "help.member": (
        "You are {role} of {org}. You can:\n"
        "• Log a harvest in one message, e.g. \"hái 30kg chè lô 3\"\n"
        "• Log your production diary, e.g. \"bón NPK 20kg lô 2\"\n"
        "Commands:\n/toi – your profile\n/help – this help"
    ),
    "help.manager": (
        "You are {role} of {org}. You can:\n"
        "• Record intake for a member, e.g. \"ghi cho Lan 30kg chè\"\n"
        "• Log your own harvest like a member\n"
        "Commands:\n/moi – new member invite code (with link)\n/toi – your profile\n"
        "/help – this help"
    ),
    "help.staff": (
        "You are {role} of {org}. You can:\n"
        "• See the alliance's cooperatives and announce trainings (coming)\n"
        "Commands:\n/toi – your profile\n/help – this help"
    ),
    "menu.start": "Start / enter an invite code",
    "menu.help": "How to use the bot",
    "menu.toi": "My profile",
    "menu.moi": "New member invite code",
    "run.no_token": (
        "No TELEGRAM_TOKEN is set, so the bot runs in the terminal.\n"
        "To run on Telegram: message @BotFather with /newbot, choose a name, then put the "
        "token it gives you in the TELEGRAM_TOKEN environment variable (or .env) and run again."
    ),
    "console.banner": (
        "Chatting with htx-bot in the terminal as \"{user}\".\n"
        "Type a message and press Enter. When choices [1], [2]… appear, type the number. "
        "Type /thoat to quit."
    ),
    "console.demo_name": "Sample tea cooperative (trial)",
    "console.quit": "Bye!",
    "console.demo_created": (
        "There was no cooperative yet, so a sample one, \"{org}\", was created to try.\n"
        "Manager code: {manager_code} · Member code: {member_code}\n"
        "Type a code to join."
    ),
}
