"""/sanpham: everyone of the cooperative sees the product list; managers change it, audited."""

from __future__ import annotations

from handlers import admin
from storage import members, products, state
from storage.models import Product
from tests.support import Person


async def _coop(core, name="HTX Chè Phình Hồ", timezone="Asia/Ho_Chi_Minh"):
    return await admin.create_cooperative(core.db, name, "Yên Bái", None, timezone, core.clock())


async def _people(core):
    made = await _coop(core)
    manager, member = Person(core, "g", "Hà Văn Minh"), Person(core, "m", "Lò Thị Lan")
    await manager.text(made.manager.invite.code)
    await member.text(made.member.invite.code)
    return made, manager, member


async def _products(core, cooperative_id) -> dict[str, Product]:
    async with core.db.transaction() as tx:
        every = await products.list_products(tx, cooperative_id, include_hidden=True)
    return {p.name: p for p in every}


async def _trail(core, product_id):
    async with core.db.transaction() as tx:
        return await state.audit_trail(tx, "product", product_id)


async def test_anyone_of_the_cooperative_lists_products_seeded_on_first_use(core, db, clock):
    made, manager, member = await _people(core)
    async with db.transaction() as tx:  # a cooperative made before seeding existed
        await tx.execute("DELETE FROM products WHERE cooperative_id = ?", (made.cooperative.id,))
    text = await member.text("/sanpham")
    assert "HTX Chè Phình Hồ" in text
    assert "Chè búp tươi (kg)" in text and "chè tươi" in text and "Quế vỏ (kg)" in text
    assert "/sanpham them" not in text  # the how-to-change hint is for managers
    assert len(await _products(core, made.cooperative.id)) >= 10
    assert "/sanpham them" in await manager.text("/sanpham")


async def test_manager_adds_a_product_with_aliases_and_unit(core):
    made, manager, member = await _people(core)
    text = await manager.text("/sanpham them Chè shan tuyết | shan, chè cổ thụ | kg")
    assert "Chè shan tuyết (kg)" in text and "shan, chè cổ thụ" in text and "1.000 kg" in text
    added = (await _products(core, made.cooperative.id))["Chè shan tuyết"]
    assert (added.aliases, added.unit, added.kind) == (["shan", "chè cổ thụ"], "kg", "weight")
    assert added.max_per_entry == 1_000_000 and not added.hidden
    trail = await _trail(core, added.id)
    assert [e.action for e in trail] == ["add"] and trail[0].before is None
    assert trail[0].after is not None and trail[0].after["name"] == "Chè shan tuyết"
    assert "Chè shan tuyết" in await member.text("/sanpham")
    # members can now log it by an alias
    assert "Chè shan tuyết · 12 kg" in await member.text("hái 12kg shan")


async def test_add_without_diacritics_without_aliases_and_in_counted_units(core):
    made, manager, _ = await _people(core)
    await manager.text("/sanpham them Bưởi Diễn | trai")
    await manager.text("/sanpham thêm Mật ong | lit")
    await manager.text("/sanpham them Rau ngót")
    found = await _products(core, made.cooperative.id)
    buoi, honey, greens = found["Bưởi Diễn"], found["Mật ong"], found["Rau ngót"]
    assert (buoi.unit, buoi.kind, buoi.max_per_entry, buoi.aliases) == ("trái", "count", None, [])
    assert (honey.unit, honey.kind, honey.max_per_entry) == ("lít", "volume", 1_000_000)
    assert (greens.unit, greens.kind) == ("kg", "weight")


async def test_a_big_default_unit_gets_a_limit_of_ten_of_it(core):
    made, manager, _ = await _people(core)
    await manager.text("/sanpham them Sắn | tấn")
    assert (await _products(core, made.cooperative.id))["Sắn"].max_per_entry == 10_000_000


async def test_duplicates_are_refused_by_name_and_by_alias(core):
    made, manager, _ = await _people(core)
    before = await _products(core, made.cooperative.id)
    assert "đã có sản phẩm \"chè khô\"" in await manager.text("/sanpham them Che kho | kg")
    text = await manager.text("/sanpham them Trà xanh | chè | kg")
    assert "\"chè\"" in text and "chè búp tươi" in text
    text = await manager.text("/sanpham them quế | kg")  # an alias of quế vỏ
    assert "quế vỏ" in text
    assert await _products(core, made.cooperative.id) == before


async def test_bad_syntax_and_unknown_units_answer_with_an_example(core):
    made, manager, _ = await _people(core)
    before = await _products(core, made.cooperative.id)
    cases = {
        "/sanpham xoa na": "Ví dụ: /sanpham them",
        "/sanpham them": "Ví dụ: /sanpham them",
        "/sanpham them a | b | c | d": "Ví dụ: /sanpham them",
        "/sanpham them Xoài | hộp": "đơn vị \"hộp\"",
        "/sanpham them 123 | kg": "Ví dụ: /sanpham them",
        "/sanpham doiten na": "Ví dụ: /sanpham doiten",
        "/sanpham an": "Ví dụ: /sanpham an",
        "/sanpham bidanh na": "Ví dụ: /sanpham bidanh",
    }
    for command, expected in cases.items():
        assert expected in await manager.text(command), command
    assert await _products(core, made.cooperative.id) == before


async def test_rename_keeps_the_old_name_as_an_alias_and_old_entries(core):
    made, manager, member = await _people(core)
    await member.text("hái 3kg chè khô")
    text = await manager.text("/sanpham doiten che kho | Chè khô loại 1")
    assert "\"chè khô\"" in text and "\"Chè khô loại 1\"" in text
    found = await _products(core, made.cooperative.id)
    renamed = found["Chè khô loại 1"]
    assert "chè khô" not in found and "chè khô" in renamed.aliases
    trail = await _trail(core, renamed.id)
    assert [e.action for e in trail] == ["rename"]
    assert trail[0].before is not None and trail[0].before["name"] == "chè khô"
    assert trail[0].after is not None and trail[0].after["name"] == "Chè khô loại 1"
    assert "Chè khô loại 1 · 3 kg" in await member.text("/homnay")
    assert "đã có sản phẩm \"na\"" in await manager.text("/sanpham doiten chè khô loại 1 | na")


async def test_hide_and_show_with_audit_hidden_products_are_not_recognised(core):
    made, manager, member = await _people(core)
    await member.text("na 5kg")
    text = await manager.text("/sanpham an na")
    assert "Đã ẩn \"na\"" in text
    na = (await _products(core, made.cooperative.id))["na"]
    assert na.hidden
    async with core.db.transaction() as tx:
        visible = await products.list_products(tx, made.cooperative.id)
    assert na.id not in {p.id for p in visible}
    assert "Na · 7 kg" not in await member.text("na 7kg")  # no longer read as na
    assert "Na · 5 kg" in await member.text("/homnay")  # the old entry keeps it
    listing = await manager.text("/sanpham")
    assert "Đang ẩn" in listing.split("Quản lý")[0] and "• Na (kg)" in listing
    assert "Na (kg)" not in await member.text("/sanpham")
    assert "đang ẩn rồi" in await manager.text("/sanpham an na")
    assert "dùng lại" in await manager.text("/sanpham hien na")
    assert not (await _products(core, made.cooperative.id))["na"].hidden
    assert "đang được dùng rồi" in await manager.text("/sanpham hiện na")
    trail = await _trail(core, na.id)
    assert [e.action for e in trail] == ["hide", "show"]
    assert trail[0].before == {**trail[0].after, "hidden": False}  # type: ignore[dict-item]
    assert trail[1].after is not None and trail[1].after["hidden"] is False


async def test_change_aliases_with_audit(core):
    made, manager, _ = await _people(core)
    text = await manager.text("/sanpham bí danh na | mãng cầu, na dai, Na,  na dai ")
    assert "mãng cầu, na dai" in text
    na = (await _products(core, made.cooperative.id))["na"]
    assert na.aliases == ["mãng cầu", "na dai"]
    trail = await _trail(core, na.id)
    assert trail[0].action == "aliases" and trail[0].before is not None
    assert "quả na" in trail[0].before["aliases"] and trail[0].after is not None
    assert trail[0].after["aliases"] == ["mãng cầu", "na dai"]
    assert "\"quế\"" in await manager.text("/sanpham bidanh na | quế")  # taken by quế vỏ
    assert "(không có)" in await manager.text("/sanpham bidanh na |")
    assert (await _products(core, made.cooperative.id))["na"].aliases == []


async def test_fuzzy_names_unknown_and_ambiguous_products(core):
    made, manager, _ = await _people(core)
    assert "Đã ẩn \"miến dong\"" in await manager.text("/sanpham an mien dongg")
    text = await manager.text("/sanpham an xoài")
    assert "Không tìm thấy sản phẩm \"xoài\"" in text and "Tên gần giống" in text
    await manager.text("/sanpham them quế chi | kg")
    text = await manager.text("/sanpham an quế")  # "quế" is an alias: quế vỏ, exactly
    assert "Đã ẩn \"quế vỏ\"" in text
    await manager.text("/sanpham them Chè shan | kg")
    await manager.text("/sanpham bidanh chè búp tươi | búp chè")
    text = await manager.text("/sanpham an chè")  # now only the start of three names
    assert "có thể là" in text and "\"chè khô\"" in text and "\"Chè shan\"" in text
    hidden = {n for n, p in (await _products(core, made.cooperative.id)).items() if p.hidden}
    assert hidden == {"miến dong", "quế vỏ"}


async def test_a_member_cannot_change_the_list_and_a_stranger_gets_the_welcome(core):
    made, _, member = await _people(core)
    before = await _products(core, made.cooperative.id)
    for command in ("/sanpham them Xoài | kg", "/sanpham an na", "/sanpham doiten na | na dai",
                    "/sanpham bidanh na | x", "/sanpham hien na"):
        assert "Chỉ quản lý HTX" in await member.text(command), command
    assert await _products(core, made.cooperative.id) == before
    stranger = await Person(core, "s").text("/sanpham them Xoài | kg")
    assert "mã mời" in stranger
    async with core.db.transaction() as tx:
        assert await members.find_by_identity(tx, "console", "s") is None
        assert await tx.value("SELECT COUNT(*) FROM audit_log WHERE entity = 'product'") == 0


async def test_alliance_staff_are_told_the_list_is_for_cooperative_people(core, clock):
    alliance = await admin.create_alliance(core.db, "Liên minh HTX Lạng Sơn", None, clock())
    staff = Person(core, "s")
    await staff.text(alliance.staff.invite.code)
    assert "chỉ dành cho thành viên" in await staff.text("/sanpham")
