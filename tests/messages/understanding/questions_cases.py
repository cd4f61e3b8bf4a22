"""Managers' plain questions about the intake, written for issue 24, for every period that
/tonghop accepts, with and without a product, in chat shorthand too.

Sent on Monday 23/11/2026. Each case: text, the period it must be answered for ("dd/mm" for a
day, "dd/mm-dd/mm" for several days, "dd/mm/yyyy-dd/mm/yyyy" across a year) or "asks" (a
period named that the bot cannot read: it asks, never answers for another period), and the
product asked about (its catalogue name) or None for all products.
"""

from __future__ import annotations

QUESTIONS: list[tuple[str, str, str | None]] = [
    # today
    ("hôm nay thu được bao nhiêu", "23/11", None),
    ("hom nay thu duoc bao nhieu", "23/11", None),
    ("hnay thu dc bn", "23/11", None),
    ("hnay thu đc bn", "23/11", None),
    ("hôm nay được bao nhiêu rồi", "23/11", None),
    ("thu được bao nhiêu rồi", "23/11", None),
    ("tổng hôm nay", "23/11", None),
    ("tong hom nay", "23/11", None),
    ("tổng hợp hôm nay", "23/11", None),
    ("sáng nay thu được bao nhiêu", "23/11", None),
    ("hôm nay chè được bao nhiêu", "23/11", "chè búp tươi"),
    ("chè hôm nay bao nhiêu", "23/11", "chè búp tươi"),
    ("che hnay bn", "23/11", "chè búp tươi"),
    ("quế hôm nay thu mấy tạ", "23/11", "quế vỏ"),
    ("na hôm nay được mấy cân", "23/11", "na"),
    ("nấm hôm nay được bao nhiêu?", "23/11", "nấm"),
    ("hôm nay htx thu được bao nhiêu ạ", "23/11", None),
    ("cho hỏi hôm nay thu bao nhiêu", "23/11", None),
    ("hôm nay tổng bao nhiêu kg", "23/11", None),
    ("bây giờ thu được bao nhiêu rồi", "23/11", None),
    # yesterday, the day before
    ("hôm qua thu được bao nhiêu", "22/11", None),
    ("hom qua thu duoc bao nhieu", "22/11", None),
    ("hqua thu bnhieu", "22/11", None),
    ("hqua thu bn", "22/11", None),
    ("tổng hôm qua", "22/11", None),
    ("chiều qua thu được bao nhiêu", "22/11", None),
    ("hôm qua chè được bao nhiêu", "22/11", "chè búp tươi"),
    ("bưởi hôm qua được mấy quả", "22/11", "bưởi"),
    ("hôm kia thu được bao nhiêu", "21/11", None),
    ("hom kia thu duoc bao nhieu", "21/11", None),
    ("tổng hôm kia", "21/11", None),
    ("hôm kia chè bao nhiêu", "21/11", "chè búp tươi"),
    # a day by date or weekday
    ("ngày 18/11 thu được bao nhiêu", "18/11", None),
    ("ngay 18/11 thu duoc bao nhieu", "18/11", None),
    ("18/11 thu bao nhiêu", "18/11", None),
    ("tổng ngày 20/11", "20/11", None),
    ("ngày 20/11 chè được bao nhiêu", "20/11", "chè búp tươi"),
    ("20-11 thu được bao nhiêu", "20/11", None),
    ("ngày 5/11/2026 thu được bao nhiêu", "05/11", None),
    ("thứ sáu thu được bao nhiêu", "20/11", None),
    ("thu sau thu duoc bao nhieu", "20/11", None),
    ("t6 thu bn", "20/11", None),
    ("chủ nhật thu bao nhiêu", "22/11", None),
    ("cn thu được bao nhiêu", "22/11", None),
    ("thứ 7 được bao nhiêu", "21/11", None),
    ("thứ hai thu bao nhiêu", "23/11", None),
    # weeks
    ("tuần này thu được bao nhiêu", "23/11-23/11", None),
    ("tuan nay thu duoc bao nhieu", "23/11-23/11", None),
    ("tổng kết tuần", "23/11-23/11", None),
    ("tong ket tuan", "23/11-23/11", None),
    ("tổng tuần này", "23/11-23/11", None),
    ("tuần trước thu được bao nhiêu", "16/11-22/11", None),
    ("tuan truoc thu bn", "16/11-22/11", None),
    ("tổng hợp tuần trước", "16/11-22/11", None),
    ("tuần rồi được bao nhiêu", "16/11-22/11", None),
    ("tuần trước chè được mấy tạ", "16/11-22/11", "chè búp tươi"),
    ("tuần qua thu bao nhiêu", "17/11-23/11", None),
    ("2 tuần qua thu bao nhiêu", "10/11-23/11", None),
    ("2 tuan qua thu bao nhieu", "10/11-23/11", None),
    ("3 tuần gần đây được bao nhiêu", "03/11-23/11", None),
    ("tổng 2 tuần", "10/11-23/11", None),
    # months
    ("tháng này thu được bao nhiêu", "01/11-23/11", None),
    ("thang nay thu duoc bao nhieu", "01/11-23/11", None),
    ("quế tháng này được mấy tạ", "01/11-23/11", "quế vỏ"),
    ("chè tháng này được mấy tấn", "01/11-23/11", "chè búp tươi"),
    ("tổng tháng 11", "01/11-23/11", None),
    ("tong thang 11", "01/11-23/11", None),
    ("tổng tháng này", "01/11-23/11", None),
    ("tổng kết tháng", "01/11-23/11", None),
    ("tháng trước thu được bao nhiêu", "01/10-31/10", None),
    ("thang truoc thu bn", "01/10-31/10", None),
    ("tháng rồi được bao nhiêu", "01/10-31/10", None),
    ("tháng 10 thu được bao nhiêu", "01/10-31/10", None),
    ("tổng tháng 10", "01/10-31/10", None),
    ("tháng 9 chè được bao nhiêu", "01/09-30/09", "chè búp tươi"),
    ("tổng tháng 12", "01/12/2025-31/12/2025", None),
    ("tổng tháng 11/2026", "01/11-23/11", None),
    ("thống kê tháng 10", "01/10-31/10", None),
    # last N days, ranges
    ("30 ngày qua thu bao nhiêu", "25/10-23/11", None),
    ("30 ngay qua thu bn", "25/10-23/11", None),
    ("7 ngày qua được bao nhiêu", "17/11-23/11", None),
    ("tổng 10 ngày", "14/11-23/11", None),
    ("từ 5/11 đến 12/11 được bao nhiêu", "05/11-12/11", None),
    ("tu 5/11 den 12/11 duoc bao nhieu", "05/11-12/11", None),
    ("từ ngày 1/11 đến ngày 15/11 tổng bao nhiêu", "01/11-15/11", None),
    ("1/11-15/11 thu được bao nhiêu", "01/11-15/11", None),
    ("tổng 10/11 - 20/11", "10/11-20/11", None),
    ("chè từ 1/11 đến 20/11 được bao nhiêu", "01/11-20/11", "chè búp tươi"),
    # a period named but not one the bot reads: asked, never answered for another period
    ("tuần trước nữa thu bao nhiêu", "asks", None),
    ("hôm trước thu được bao nhiêu", "asks", None),
    ("năm nay thu được bao nhiêu", "asks", None),
    ("đầu tháng thu bao nhiêu", "asks", None),  # its first days, or since? asked
    ("cuối tuần trước được bao nhiêu", "asks", None),
    ("từ hôm qua đến nay thu bao nhiêu", "asks", None),
    ("ngày mai thu được bao nhiêu", "asks", None),
    # since a day until now
    ("từ đầu tháng đến giờ được bao nhiêu", "01/11-23/11", None),
    ("tu dau thang den nay thu bn", "01/11-23/11", None),
    ("tổng từ 1/11 đến nay", "01/11-23/11", None),
    ("từ 10/11 tới nay chè được bao nhiêu", "10/11-23/11", "chè búp tươi"),
    ("từ đầu tuần đến giờ thu bao nhiêu", "23/11-23/11", None),
    ("thứ 6 tuần trước thu bao nhiêu", "20/11", None),
    # asked without "bao nhiêu"
    ("sản lượng hôm qua", "22/11", None),
    ("san luong thang nay", "01/11-23/11", None),
    ("báo cáo tuần này", "23/11-23/11", None),
    ("sản lượng chè tuần trước", "16/11-22/11", "chè búp tươi"),
    ("hom nay thu duoc may kg", "23/11", None),
    ("hôm qua được mấy", "22/11", None),
]

# Plain spellings that are another word: "nam" is "năm" (year) as much as "nấm", so the
# plain question names a period the bot cannot read, and it asks.
DIACRITICS_ONLY = frozenset({"nấm hôm nay được bao nhiêu?"})

# Messages with an asking word that are not intake questions: read as what they are.
NOT_QUESTIONS: list[tuple[str, str]] = [
    ("hái 31kg chè lô 3", "harvest"),
    ("tổng 30kg chè", "harvest"),
    ("chè 32kg hôm qua", "harvest"),
    ("hái bằng máy 30kg chè", "harvest"),
    ("giá chè hôm qua bao nhiêu", "price_question"),
    ("hôm qua giá quế bao nhiêu", "price_question"),
    ("bón NPK 25kg lô 1", "diary"),
    ("tổng cộng hôm nay hái 32kg chè", "harvest"),
    ("tháng 13 thu bao nhiêu", "harvest"),  # no such month: the harvest reader refuses it
    ("may hong roi", "harvest"),  # "máy hỏng rồi": no question, and nothing to record
]

# Of those, the ones the harvest reader must not record either.
NEVER_RECORDED = ["tháng 13 thu bao nhiêu", "may hong roi"]
