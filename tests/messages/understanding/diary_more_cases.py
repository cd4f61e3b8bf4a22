"""Diary messages as farmers really type them, written for issue 24: filler, emoji, a
misspelt verb, the activity not first, and more activities. Sent on Monday 23/11/2026 with
the default inputs (tests/messages/test_diary.py).

Each case: text, then (activity, input, dose, plot, days ago, note) for a recorded reading,
or the outcome: "ask" (a spray whose interval is unknown: asked), or a problem code (asked
back, nothing recorded). Every one must be classified as a diary message, never a harvest.
"""

from __future__ import annotations

DIARY: list[tuple[str, tuple | str]] = [
    # filler, emoji, the activity not first
    ("dạ sáng nay em xịt Actara 2 bình lô 5 ạ", ("spray", "Actara 25WG", "2 bình", "lô 5", 0,
                                                None)),
    ("da sang nay em xit Actara 2 binh lo 6 a", ("spray", "Actara 25WG", "2 binh", "lo 6", 0,
                                                None)),
    ("💧 tưới lô 6", ("water", None, None, "lô 6", 0, None)),
    ("💧 tuoi lo 4", ("water", None, None, "lo 4", 0, None)),
    ("🌱 bón NPK 20kg lô 2", ("fertilise", "NPK", "20 kg", "lô 2", 0, None)),
    ("e rải phân chuồng cho lô 4 hết 2 bao rồi", ("fertilise", "phân chuồng", "2 bao", "lô 4",
                                                  0, None)),
    ("e rai phan chuong cho lo 1 het 3 bao roi", ("fertilise", "phân chuồng", "3 bao", "lo 1",
                                                  0, None)),
    ("rắc vôi 2 tạ lô 6", ("fertilise", "vôi bột", "2 tạ", "lô 6", 0, None)),
    ("rac voi 1 ta lo 2", ("fertilise", "vôi bột", "1 ta", "lo 2", 0, None)),
    ("em vừa phun Regent 2 bình lô 3", ("spray", "Regent 800WG", "2 bình", "lô 3", 0, None)),
    ("nhà em bón NPK 20kg lô 2 rồi", ("fertilise", "NPK", "20 kg", "lô 2", 0, None)),
    ("hôm qua em tưới lô 1", ("water", None, None, "lô 1", 1, None)),
    ("hom qua em tuoi lo 1", ("water", None, None, "lo 1", 1, None)),
    ("chiều nay anh làm cỏ lô 5", ("weed", None, None, "lô 5", 0, None)),
    ("lô 3 hôm qua phun Regent 2 bình", ("spray", "Regent 800WG", "2 bình", "lô 3", 1, None)),
    ("sáng nay đi phun thuốc Regent lô 3", ("spray", "Regent 800WG", None, "lô 3", 0, None)),
    ("em đi tưới lô 2 ạ", ("water", None, None, "lô 2", 0, None)),
    ("bác bón kali 15kg lô 5 nhé", ("fertilise", "Kali", "15 kg", "lô 5", 0, None)),
    ("dạ em đã bón urê 10kg lô 1", ("fertilise", "Urê", "10 kg", "lô 1", 0, None)),
    ("vừa xịt Actara 2 gói lô 4", ("spray", "Actara 25WG", "2 gói", "lô 4", 0, None)),
    # a misspelt verb
    ("sit regent 2 binh lo 3", ("spray", "Regent 800WG", "2 binh", "lo 3", 0, None)),
    ("sịt regent 2 bình lô 3", ("spray", "Regent 800WG", "2 bình", "lô 3", 0, None)),
    ("sịt Actara 1 gói lô 1", ("spray", "Actara 25WG", "1 gói", "lô 1", 0, None)),
    ("sit actara 1 goi lo 1 hom qua", ("spray", "Actara 25WG", "1 goi", "lo 1", 1, None)),
    # more activities
    ("vun gốc lô 3", ("note", None, None, "lô 3", 0, "vun gốc lô 3")),
    ("vun goc lo 3", ("note", None, None, "lo 3", 0, "vun goc lo 3")),
    ("vun gốc chè lô 2 hôm qua", ("note", None, None, "lô 2", 1, "vun gốc chè lô 2 hôm qua")),
    ("tủ gốc lô 4", ("note", None, None, "lô 4", 0, "tủ gốc lô 4")),
    ("tu goc lo 4", ("note", None, None, "lo 4", 0, "tu goc lo 4")),
    ("cắt tỉa lô 7", ("prune", None, None, "lô 7", 0, None)),
    ("cat tia lo 1", ("prune", None, None, "lo 1", 0, None)),
    ("cắt tỉa chè lô 6", ("prune", None, None, "lô 6", 0, "chè")),
    ("tỉa thưa lô 2", ("prune", None, None, "lô 2", 0, None)),
    ("bẻ chồi lô 2", ("prune", None, None, "lô 2", 0, None)),
    ("be choi lo 2", ("prune", None, None, "lo 2", 0, None)),
    ("trồng dặm 50 cây", ("plant", None, "50 cây", None, 0, None)),
    ("trong dam 50 cay", ("plant", None, "50 cay", None, 0, None)),
    ("trồng dặm 30 cây chè lô 4", ("plant", None, "30 cây", "lô 4", 0, "chè")),
    ("dọn cỏ", ("weed", None, None, None, 0, None)),
    ("don co", ("weed", None, None, None, 0, None)),
    ("dọn cỏ lô 2 hôm qua", ("weed", None, None, "lô 2", 1, None)),
    ("diệt cỏ lô 3", ("weed", None, None, "lô 3", 0, None)),
    ("xới cỏ lô 1", ("weed", None, None, "lô 1", 0, None)),
    ("cắt cỏ vườn A", ("weed", None, None, "vườn A", 0, None)),
    ("bón thúc NPK 20kg lô 2", ("fertilise", "NPK", "20 kg", "lô 2", 0, None)),
    ("bon thuc NPK 20kg lo 2", ("fertilise", "NPK", "20 kg", "lo 2", 0, None)),
    ("bón thúc urê 5kg lô 3", ("fertilise", "Urê", "5 kg", "lô 3", 0, None)),
    ("bón lót phân chuồng 5 bao lô 1", ("fertilise", "phân chuồng", "5 bao", "lô 1", 0, None)),
    ("phun phân bón lá", ("fertilise", "phân bón lá", None, None, 0, None)),
    ("phun phan bon la", ("fertilise", "phan bon la", None, None, 0, None)),
    ("phun phân bón lá 2 bình lô 3", ("fertilise", "phân bón lá", "2 bình", "lô 3", 0, None)),
    ("xịt phân bón lá 1 bình lô 1", ("fertilise", "phân bón lá", "1 bình", "lô 1", 0, None)),
    ("đốn chè lô 7", ("prune", None, None, "lô 7", 0, "chè")),
    ("bấm ngọn lô 5", ("note", None, None, "lô 5", 0, "bấm ngọn lô 5")),
    ("xới đất lô 1", ("note", None, None, "lô 1", 0, "xới đất lô 1")),
    # asked: an unknown interval, or something missing
    ("dạ em xịt Sherpa 1 bình lô 1 ạ", "ask"),
    ("sit confidor 1 chai lo 2", "ask"),
    ("dạ bón thúc", "no_input"),
    ("bon thuc", "no_input"),
    ("em bón lô 2", "no_input"),
    ("dạ phun thuốc lô 3 ạ", "no_input"),
    ("rắc vôi 1 tạ lô 2 lô 3", "two_plots"),
    ("vừa tưới lô 1 và lô 2", "two_plots"),
]
