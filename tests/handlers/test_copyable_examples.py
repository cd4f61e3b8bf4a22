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
