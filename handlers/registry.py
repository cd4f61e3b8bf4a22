"""Every command and who may use it, registered in one place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from handlers import (
    broadcast,
    bulletin,
    diary_fix,
    diary_read,
    exports,
    harvest_fix,
    harvest_proxy,
    inputs_chat,
    invites,
    join,
    last_entry,
    link,
    my_entries,
    plots,
    prices,
    product_catalogue,
    profile,
    reports,
    trainings,
    warning,
    zns,
)
from handlers.context import Ctx
from handlers.contract import Reply

CommandHandler = Callable[[Ctx, str], Awaitable[list[Reply]]]

ANYONE: frozenset[str] = frozenset()  # strangers too
JOINED = frozenset({"member", "manager", "staff"})
MANAGERS = frozenset({"manager"})
COOP_PEOPLE = frozenset({"member", "manager"})  # people of a cooperative (not alliance staff)
EVERYONE_JOINED = frozenset({"member", "manager", "staff"})  # staff: their alliance's, read-only
ORGANISERS = frozenset({"manager", "staff"})  # who may send announcements


@dataclass(frozen=True)
class CommandSpec:
    """A slash command: its handler, who may use it, and whether it shows in the menu."""

    name: str
    handler: CommandHandler
    roles: frozenset[str]
    in_menu: bool = True


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", join.on_start, ANYONE),
    CommandSpec("help", profile.on_help, ANYONE),
    # a code to give (joined) or to use (on the other app); named in /help, not in the menu
    CommandSpec("lienket", link.on_link, ANYONE, in_menu=False),
    CommandSpec("toi", profile.on_me, JOINED),
    CommandSpec("moi", invites.on_invite, MANAGERS),
    CommandSpec("huy", last_entry.on_undo_command, COOP_PEOPLE),
    CommandSpec("sua", last_entry.on_fix_command, COOP_PEOPLE),
    CommandSpec("nhap", harvest_proxy.on_nhap, MANAGERS),
    CommandSpec("homnay", my_entries.on_today, COOP_PEOPLE),
    CommandSpec("tuan", my_entries.on_week, COOP_PEOPLE),
    # everyone of the cooperative may list; changes are checked for managers inside
    CommandSpec("sanpham", product_catalogue.on_products, COOP_PEOPLE),
    CommandSpec("nhatky", diary_read.on_diary, COOP_PEOPLE),  # managers may name a member
    CommandSpec("xuatnhatky", diary_read.on_export, COOP_PEOPLE),
    CommandSpec("lo", plots.on_plots, COOP_PEOPLE),
    CommandSpec("vattu", inputs_chat.on_inputs, COOP_PEOPLE),  # changes: managers, inside
    CommandSpec("chuaghi", diary_read.on_silent, MANAGERS),
    CommandSpec("tonghop", reports.on_summary, JOINED),  # members get their own figures
    CommandSpec("thanhvien", reports.on_members, MANAGERS),
    CommandSpec("chuabao", reports.on_missing, MANAGERS),
    CommandSpec("baocao", exports.on_export, ORGANISERS),  # staff: their alliance's
    CommandSpec("bieudo", exports.on_chart, ORGANISERS),
    CommandSpec("saoke", reports.on_statement, COOP_PEOPLE),  # a manager may name a member
    CommandSpec("gia", prices.on_price, EVERYONE_JOINED),  # setting one is checked inside
    CommandSpec("caidat", bulletin.on_settings, MANAGERS),
    CommandSpec("thongbao", broadcast.on_announce, ORGANISERS),
    CommandSpec("canhbao", warning.on_warning, ORGANISERS),
    CommandSpec("taphuan", trainings.on_training, JOINED),  # creating is checked inside
    CommandSpec("tatthongbao", broadcast.on_off, COOP_PEOPLE),
    CommandSpec("batthongbao", broadcast.on_on, COOP_PEOPLE),
    CommandSpec("zns", zns.on_zns, MANAGERS),  # ZNS templates and daily quota
    CommandSpec("sdt", zns.on_phone, JOINED),  # my phone number, for ZNS
)

BY_NAME: dict[str, CommandSpec] = {spec.name: spec for spec in COMMANDS}

ButtonHandler = Callable[[Ctx, str], Awaitable[list[Reply]]]

# Button data is "<prefix>:<action>:…"; each prefix belongs to one feature.
BUTTONS: dict[str, tuple[ButtonHandler, frozenset[str]]] = {
    "hv": (harvest_fix.on_button, COOP_PEOPLE),
    "px": (harvest_proxy.on_button, MANAGERS),
    "tb": (broadcast.on_button, ORGANISERS),
    "cb": (warning.on_button, ORGANISERS),  # /canhbao's Gửi / Huỷ
    "dy": (diary_fix.on_button, COOP_PEOPLE),
    "lo": (plots.on_button, COOP_PEOPLE),
    "sk": (reports.on_statement_pick, MANAGERS),  # /saoke <a name several members have>
    "nk": (diary_read.on_pick, MANAGERS),  # /nhatky <a name several members have>
    "nx": (diary_read.on_pick, MANAGERS),  # /xuatnhatky <a name several members have>
    "th": (trainings.on_create_button, ORGANISERS),
    "rsvp": (trainings.on_rsvp_button, COOP_PEOPLE),
}


def menu_for(role: str | None) -> list[str]:
    """The command names a person with this role (None: a stranger) sees in the menu."""
    return [
        spec.name
        for spec in COMMANDS
        if spec.in_menu and (not spec.roles or (role is not None and role in spec.roles))
    ]
