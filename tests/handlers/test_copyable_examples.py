"""A farmer copies what a reply shows: a placeholder ('<tên>', 'Tên kỳ') gets typed as it is.
The replies added for names in a harvest and unknown products in a question show a real
example, or none."""

from __future__ import annotations

from tests.support import cooperative


async def test_whose_delivery_and_unknown_product_replies_have_no_placeholder(core):
    lan = (await cooperative(core, ["Lò Thị Lan", "Hà Văn Tư"])).members[0]
    whose = await lan.text("Tư chè 30kg")  # a name in her harvest: whose is it?
    assert "Của tôi" in whose and "<" not in whose
    unknown = await lan.text("xoài tuần này bao nhiêu")
    assert "xoài" in unknown and "/saoke Lan tuần này" in unknown and "Tên kỳ" not in unknown


async def test_a_question_about_a_person_shows_a_real_example(core):
    lan = (await cooperative(core, ["Lò Thị Lan"])).members[0]
    unclear = await lan.text("hôm nay anh Minh được bao nhiêu")
    assert "/saoke Lan tuần này" in unclear and "Tên kỳ" not in unclear


async def test_a_word_typed_with_keyboard_leftovers_is_asked_in_plain_words(core):
    lan = (await cooperative(core, ["Lò Thị Lan"])).members[0]
    asked = await lan.text("phunf regent lô 2")
    assert "gõ sai dấu" in asked and "Telex" not in asked and "VNI" not in asked
