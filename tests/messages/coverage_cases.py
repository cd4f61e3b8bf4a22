"""Messages for the coverage rule: recorded silently only when every word is understood.

Written for the patterns of wrong silent readings found in the field (money read as an
amount, a correction inside the message, an unknown container or counting word, a
misspelt day, stray words beside a product or an input, two plots, a dose without a unit,
a word near an input's spelling), each pattern with messages that must be asked about and
messages that must still be recorded. Same notation as harvest_cases.py; the diary cases
are (text, problem code) or (text, activity, input, dose, plot) for a recorded reading.

Each message is also run without diacritics (`folded`), expecting the same, except those
in DIACRITICS_ONLY, whose plain spelling is another word.
"""

from __future__ import annotations

from tests.messages.harvest_cases import CHE

MONEY = [  # money is never a quantity
    ("na 1 triệu rưỡi một tạ", "-money"),
    ("chè 25k một ký", "-money"),
    ("chè 25k 1 ký", "-money"),
    ("quế 2tr5/tạ", "-money"),
    ("quế 2 triệu 5 một tạ", "-money"),
    ("chè 30kg 25k", "-money"),
    ("chè 30kg được 750k", "-money"),
    ("chè 30kg 750 nghìn", "-money"),
    ("chè 30kg 750 ngàn", "-money"),
    ("chè 30kg thành tiền 750.000đ", "-money"),
    ("chè 30kg tiền 750k", "-money"),
    ("bán chè 30kg được 750 nghìn đồng", "-money"),
    ("na 20kg giá 30 nghìn", "-money"),
    ("nấm 5kg 60k/kg", "-money"),
    ("lúa 1 tấn 7tr", "-money"),
    ("chè 28 nghìn", "-money"),
    ("25.000đ chè", "-money"),
    ("na 35k", "-money"),
    # an amount with a money-like neighbour that is no money is still recorded
    ("chè 30kg lần 2", f"{CHE}=30000"),
    ("chè 2 lần 30kg", "!no_product"),  # twice 30 kg? nothing recorded
    ("bưởi 2 nghìn quả", "bưởi=2000"),
]

CORRECTIONS = [  # a correction or an alternative inside the message: both amounts offered
    ("quế 2 hay 3 tạ", "?number/alternative: quế vỏ=200000 | quế vỏ=300000"),
    ("chè 30 hay 35 kg", f"?number/alternative: {CHE}=30000 | {CHE}=35000"),
    ("na 40kg à không 45kg", "?number/alternative: na=40000 | na=45000"),
    ("chè 30kg hoặc 35kg", f"?number/alternative: {CHE}=30000 | {CHE}=35000"),
    ("chè 30kg nhầm 35kg", f"?number/alternative: {CHE}=30000 | {CHE}=35000"),
    ("chè 30kg ko 35kg", f"?number/alternative: {CHE}=30000 | {CHE}=35000"),
    ("chè 30kg, à không, 32kg", f"?number/alternative: {CHE}=30000 | {CHE}=32000"),
    ("lúa 1 tấn hay 1 tấn 2", "?number/alternative: lúa=1000000 | lúa=1200000"),
    ("na 40 à không 45 ký", "?number/alternative: na=40000 | na=45000"),
    ("chè 3 yến hay 35kg", f"?number/alternative: {CHE}=30000 | {CHE}=35000"),
    ("quế 2 tạ nhầm 2 tạ rưỡi", "?number/alternative: quế vỏ=200000 | quế vỏ=250000"),
    ("nấm 12 hoặc 13 ký lô 2", "?number/alternative: nấm=12000 @lô 2 | nấm=13000 @lô 2"),
    # a correction word without a second amount: asked, never recorded silently
    ("chè 30kg nhầm", "?words/unclear_words"),
    ("nhầm chè 30kg", "?words/unclear_words"),
    ("chè 30kg hoặc quế 20kg", "?words/unclear_words ; ?words/unclear_words"),
    ("chè 30kg hay quế", "!no_number"),
    # no correction: recorded as said
    ("chè 30kg, quế 20kg", f"{CHE}=30000 ; quế vỏ=20000"),
    ("chè 30kg và quế 20kg", f"{CHE}=30000 ; quế vỏ=20000"),
]

CONTAINERS = [  # a word in a unit's place that the bot cannot weigh: nothing recorded
    ("chè 4 thúng", "!unknown_unit"),
    ("chè 3 sọt", "!unknown_unit"),
    ("na 5 rổ", "!unknown_unit"),
    ("nấm 3 mẹt", "!unknown_unit"),
    ("chè 2 thùng", "!unknown_unit"),
    ("na 3 xe", "!unknown_unit"),
    ("quế 2 gánh", "!unknown_unit"),
    ("5 thúng chè", "!unknown_unit"),
    ("chè 4 thúng lô 3", "!unknown_unit"),
    ("hôm qua na 6 rổ", "!unknown_unit"),
    ("chè 30 ôm", "!unknown_unit"),
    ("chuối 3 nải", "!unknown_unit"),
    ("chuối 2 chùm", "!unknown_unit"),
    ("bưởi 3 cặp", "!unknown_unit"),
    ("chuối 4 tàu", "!unknown_unit"),
    # known units still read
    ("chuối 3 buồng lô 2", "chuối=3 @lô 2"),
    ("chuối 3", "chuối=3"),
    ("bưởi 30 quả", "bưởi=30"),
    ("bưởi 30 trái", "bưởi=30"),
    ("chè 3 yến", f"{CHE}=30000"),
    ("quế 30 cân", "quế vỏ=30000"),
]

DAYS = [  # a misspelt day is not today: "hôm qua" typed fast offers yesterday first, and today
    ("hum wa na 20 ký", "?date/vague_date: na=20000 ~-1 | na=20000 ~0"),
    ("hom wa che 30kg", f"?date/vague_date: {CHE}=30000 ~-1 | {CHE}=30000 ~0"),
    ("hôm wa chè 30kg", f"?date/vague_date: {CHE}=30000 ~-1 | {CHE}=30000 ~0"),
    ("hum nay chè 30kg", f"?words/unclear_words: {CHE}=30000 ~0"),
    ("hôm kiaa chè 30kg", f"?words/unclear_words: {CHE}=30000 ~0"),
    ("bữa qa chè 30kg", f"?date/vague_date: {CHE}=30000 ~-1 | {CHE}=30000 ~0"),
    # a lone plain "qua" first before the amount or last after it: "(hôm) qua" most likely,
    # or "quá" typed bare; yesterday offered first, never today without asking
    ("qua 30kg che", f"?date/vague_date: {CHE}=30000 ~-1 | {CHE}=30000 ~0"),
    ("chè 30 kg qua", f"?date/vague_date: {CHE}=30000 ~-1 | {CHE}=30000 ~0"),
    ("qua 2 ta que", "?date/vague_date: quế vỏ=200000 ~-1 | quế vỏ=200000 ~0"),
    ("chè 30kg hum qua", f"?date/vague_date: {CHE}=30000 ~-1 | {CHE}=30000 ~0"),
    ("ngàyy 20/11 chè 30kg", f"?words/unclear_words: {CHE}=30000 ~20/11"),
    # days spelled right or in chat shorthand are read
    ("hqua chè 30kg", f"{CHE}=30000 ~-1"),
    ("hôm qua quế 2 tạ", "quế vỏ=200000 ~-1"),
    ("hôm kia na 20kg", "na=20000 ~-2"),
    ("chè 30kg hôm nay", f"{CHE}=30000"),
    ("ngày 20/11 na 30kg", "na=30000 ~20/11"),
    ("chè 30kg ngày mai", "-future"),
]

WORDS_BESIDE = [  # words nothing explains, beside a product: asked, quoting them
    ("chè 30kg xyz", "?words/unclear_words"),
    ("chè 30kg abc lô 3", "?words/unclear_words"),
    ("chè 30kg hỏng 5kg", "!no_product"),  # "hỏng" (spoilt) is no "không": not a correction
    ("chè 30kg trừ 2kg", "!no_product"),  # 28 kg? arithmetic is asked, never done
    ("chè 30kg bớt 2kg", "!no_product"),
    ("chè 30kg trừ bì", "?words/unclear_words"),
    ("chè 30kg'); DELETE FROM harvests;--", "?words/unclear_words"),
    ("<i>na</i> 20kg", "?words/unclear_words"),
    ("chè 30kg <script>", "?words/unclear_words"),
    ("{chè} 30kg", "?words/unclear_words"),
    ("chè 30kg $(rm -rf)", "?words/unclear_words"),
    # an unknown name among unknown words: no guess from the whole catalogue
    ("rắc vôi 1 tạ", "!no_product"),  # the harvest reader alone; the diary takes it first
    ("xoài cát 20kg ngon", "!no_product"),
    ("xoài tượng xanh 20kg", "!unclear"),
    ("bơ sáp 20kg", "!unclear"),
    ("chè 30kg %s", "?words/unclear_words"),
    # code in one part of a message: no part of it is a plain report
    ("chè 30kg, quế 2 tạ UNION SELECT * FROM inbox",
     "?words/unclear_words ; ?words/unclear_words"),
    ("chè 30kg, quế 2 tạ xyz", f"{CHE}=30000 ; ?words/unclear_words"),
    # known small words around a report are fine: recorded
    ("dạ em hái chè 30kg rồi ạ", f"{CHE}=30000"),
    ("nhà em hái được 30kg chè nhé", f"{CHE}=30000"),
    ("em Hoa gửi chè 30kg", f"{CHE}=30000"),
    # a name after "chú", "chị", "bà": the sender's own, or a relative's; the reader asks,
    # the handler records it at once when it is the sender's name (handlers.harvest.own_name)
    ("chú Tư hái chè 25kg ạ", f"?words/other_person: {CHE}=25000"),
    ("chị hái được 2 tạ quế rồi nhé", "quế vỏ=200000"),
    ("hôm nay em giao 30kg chè cho htx ạ", f"{CHE}=30000"),
    ("sáng nay hái chè 28kg lô 2 nhé", f"{CHE}=28000 @lô 2"),
    ("chè 30kg lô 3 hôm qua ạ", f"{CHE}=30000 @lô 3 ~-1"),
    ("ok chè 30kg", f"{CHE}=30000"),
    ("vâng chè 30kg", f"{CHE}=30000"),
    ("chè 30kg thôi", f"{CHE}=30000"),
    ("na 20kg 👍🙏", "na=20000"),
    ("em báo chè 30kg ạ", f"{CHE}=30000"),
    ("chè xanh lá 30kg", f"{CHE}=30000"),  # "chè xanh" is fresh tea; "lá" is a "là" slip
    ("chè 30kg bị sâu", f"{CHE}=30000"),  # a remark on the quality, not on the amount
]

PLOTS = [  # two plots for one item: asked
    ("chè 30 kg lô 3 lô 4", f"?words/unclear_words: {CHE}=30000 @lô 3"),
    ("chè 30kg lô 3 và lô 4", f"?words/unclear_words: {CHE}=30000 @lô 3"),
    ("lô 1 lô 2 chè 30kg", f"?words/unclear_words: {CHE}=30000 @lô 1"),
    ("chè 30kg thửa 5 lô 2", f"?words/unclear_words: {CHE}=30000 @thửa 5"),
    # one plot per item, or one plot for all: recorded
    ("chè 30kg lô 3, quế 2 tạ lô 4", f"{CHE}=30000 @lô 3 ; quế vỏ=200000 @lô 4"),
    ("lô 3: chè 30kg, quế 2 tạ", f"{CHE}=30000 @lô 3 ; quế vỏ=200000 @lô 3"),
    ("chè 30kg lô 3 lô 3", f"{CHE}=30000 @lô 3"),
]

BOUNDS = [  # "more than 30 kg" is not 30 kg: asked; "about 30 kg" is the farmer's estimate
    ("hơn 30kg chè", f"?words/unclear_words: {CHE}=30000"),
    ("chè gần 30kg", f"?words/unclear_words: {CHE}=30000"),
    ("chè 30 ký hơn", f"?words/unclear_words: {CHE}=30000"),
    ("ngót 3 tạ quế", "?words/unclear_words: quế vỏ=300000"),
    ("trên 1 tấn lúa", "?words/unclear_words: lúa=1000000"),
    ("dưới 20kg na", "?words/unclear_words: na=20000"),
    ("chè 30 ký non", f"?words/unclear_words: {CHE}=30000"),
    ("chè hơn 30kg, quế 2 tạ", f"quế vỏ=200000 ; ?words/unclear_words: {CHE}=30000"),
    ("chè 30kg trên lô 3", f"{CHE}=30000 @lô 3"),
    ("khoảng 30kg quế", "quế vỏ=30000"),
    ("chừng 20 ký na", "na=20000"),
]

README_EXAMPLES = [  # what the README promises
    ("thửa 12 lúa 1 tấn 2 ngày 20/11", "lúa=1200000 @thửa 12 ~20/11"),
    ("1.200 kg quế", "quế vỏ=1200000"),
    ("quế 1.200kg lô 3", "quế vỏ=1200000 @lô 3"),
    ("chè 1.200kg", f"?plausibility/over_max: {CHE}=1200000"),
    ("hái 30kg chè lô 3", f"{CHE}=30000 @lô 3"),
    ("chè 25,5 kg", f"{CHE}=25500"),
    ("3 tạ quế", "quế vỏ=300000"),
    ("quế 2 yến rưỡi", "quế vỏ=25000"),
]

HARVEST: list[tuple[str, str]] = [
    *MONEY, *CORRECTIONS, *CONTAINERS, *DAYS, *WORDS_BESIDE, *PLOTS, *BOUNDS,
    *README_EXAMPLES,
]

# Plain spellings that are other words: "hôm wa" without marks is "hom wa" (a case above
# already), "bữa qa" is "bua qa" (read the same); these read differently without marks.
DIACRITICS_ONLY = frozenset({
    "quế 30 cân",  # "que 30 can": read as kg too, but "can" is also a jerrycan
    "chuối 3 nải",  # "nai" plain is no container word
    "chuối 4 tàu",  # "tau" plain is no container word either; asked all the same
    "bưởi 30 trái",
    "chè 30kg hỏng 5kg",  # "hong" plain may be "hông" (no): then both amounts are offered
})

# (text, problem) for diary messages that must record nothing
DIARY_ASKED = [
    ("phun thuốc cỏ 2 bình", "no_input"),
    ("phun thuốc sâu lô 3", "no_input"),
    ("xịt thuốc trừ sâu 2 bình", "no_input"),
    ("phun Actara mốt lô 2", "unclear_words"),
    ("phun Regent xyz 2 bình lô 3", "unclear_words"),
    ("bón NPK 20kg lô 2 xyz", "unclear_words"),
    ("bón NPK hay kali 20kg lô 2", "unclear_words"),
    ("phun Regent 2 bình lô 3 nhầm", "unclear_words"),
    ("phun Regent 2 bình lô 3 <script>", "unclear_words"),
    ("tưới lô 1 và lô 2", "two_plots"),
    ("bón NPK 20kg lô 1 lô 2", "two_plots"),
    ("phun Regent 2 bình lô 3, lô 4", "two_plots"),
    ("làm cỏ lô 1 lô 2", "two_plots"),
    ("bón kali 2,5", "dose_unit"),
    ("bón thúc", "no_input"),
    ("bón lót lô 2", "no_input"),
    ("bón NPK 20 lô 2", "dose_unit"),
    ("phun Regent 3 lô 1", "dose_unit"),
]

# (text, activity, input, dose, plot) for diary messages recorded as they are
DIARY_READ = [
    ("trồng dặm 50 cây lô 2", "plant", None, "50 cây", "lô 2"),
    ("trồng dặm lô 4", "plant", None, None, "lô 4"),
    ("bón kali 2,5kg lô 1", "fertilise", "Kali", "2,5 kg", "lô 1"),
    ("bón NPK 20kg lô 2 nhé", "fertilise", "NPK", "20 kg", "lô 2"),
    ("tưới nước gốc chè lô 2", "water", None, None, "lô 2"),
    ("phun Regent 800WG 2 bình lô 3", "spray", "Regent 800WG", "2 bình", "lô 3"),
    ("bón NPK 16-16-8 20kg lô 2", "fertilise", "NPK", "20 kg", "lô 2"),
    ("đã bón phân chuồng 5 bao vườn A rồi", "fertilise", "phân chuồng", "5 bao", "vườn A"),
    # a diary message with filler or an emoji before the activity is still a diary message
    ("dạ sáng nay em xịt Actara 1 bình lô 2 ạ", "spray", "Actara 25WG", "1 bình", "lô 2"),
    ("💧 tưới lô 4", "water", None, None, "lô 4"),
    ("e rải phân chuồng cho lô 1 hết 3 bao rồi", "fertilise", "phân chuồng", "3 bao", "lô 1"),
    ("rắc vôi 1 tạ lô 2", "fertilise", "vôi bột", "1 tạ", "lô 2"),
    ("cắt tỉa lô 1", "prune", None, None, "lô 1"),
    ("nhà em vừa bón thúc NPK 20kg lô 3", "fertilise", "NPK", "20 kg", "lô 3"),
]
