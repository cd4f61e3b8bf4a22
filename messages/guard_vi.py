"""Vietnamese sentences of the bot's guards: updates it cannot read, buttons that are not
the tapper's, invite codes tried too often (merged into catalog_vi)."""

TEXTS: dict[str, str] = {
    "unreadable": "Mình chưa đọc được tin nhắn này, bạn gửi lại giúp nhé.",
    "button.not_yours": (
        "Nút này không còn dùng được nữa. Bạn gõ /help để xem mình giúp được gì nhé."
    ),
    "join.paused": (
        "Bạn đã nhập sai mã mời {count} lần liền. Để giữ an toàn cho HTX, bạn vui lòng "
        "đợi đến {time} rồi thử lại nhé. Nếu không chắc mã, hãy hỏi lại quản lý HTX."
    ),
}
