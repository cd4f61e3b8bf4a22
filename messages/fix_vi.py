"""Vietnamese sentences of /huy, /sua and corrections (merged into catalog_vi)."""

TEXTS: dict[str, str] = {
    "fix.of": "{line} (của {name})",
    "fix.before": "Trước đó:\n{lines}",
    "fix.kept": "Vẫn giữ nguyên:\n{lines}",
    "fix.ask": "✏️ Sửa mục:\n{lines}\n{question}\nMục cũ giữ nguyên cho tới khi bạn chọn.",
    "fix.button.keep": "✖ Không sửa",
    "fix.dropped": "✖ Không sửa. Vẫn giữ nguyên:\n{lines}",
    "fix.picked_more": "Đã chọn. Bạn trả lời nốt câu hỏi còn lại nhé.",
    "fix.which_undo": "Bạn muốn huỷ mục nào? Chọn một mục:",
    "fix.which_fix_to": "Bạn muốn sửa mục nào thành \"{text}\"? Bấm chọn một mục:",
    "fix.pick_none": "✖ Không sửa gì.",
    "fix.pick_none_text": (
        "✖ Không sửa gì. Tin \"{text}\" chưa được ghi. "
        "Nếu đó là mục mới, bạn gửi lại tin đó nhé."
    ),
    "fix.not_yet": "Tin này chưa được ghi.",
    "fix.which_fix": "Bạn muốn sửa mục nào? Chọn một mục, rồi gửi lại nội dung đúng:",
}
