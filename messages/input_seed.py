"""Default inputs of a new cooperative's diary: common fertilisers and pesticides.

Pesticides are seeded without a pre-harvest interval on purpose: the interval is printed on
each product's label and differs by crop and formulation, and a wrong default would tell a
farmer that tea is safe to pick when it is not. The bot asks for it (the member reads the
label) until a manager sets it with `/vattu cachly Tên N`.
"""

from __future__ import annotations

DEFAULT_INPUTS: tuple[dict[str, object], ...] = (
    {"name": "NPK", "aliases": ["phân NPK", "npk lâm thao", "phân tổng hợp"],
     "kind": "fertiliser"},
    {"name": "Urê", "aliases": ["đạm", "phân đạm", "đạm urê", "ure"], "kind": "fertiliser"},
    {"name": "Lân", "aliases": ["phân lân", "super lân", "lân văn điển"], "kind": "fertiliser"},
    {"name": "Kali", "aliases": ["phân kali", "kali clorua"], "kind": "fertiliser"},
    {"name": "phân chuồng", "aliases": ["phân chuồng hoai", "phân bò", "phân gà"],
     "kind": "fertiliser"},
    {"name": "phân hữu cơ vi sinh", "aliases": ["phân vi sinh", "hữu cơ vi sinh",
                                              "phân hữu cơ"], "kind": "fertiliser"},
    {"name": "vôi bột", "aliases": ["vôi"], "kind": "fertiliser"},
    {"name": "Regent 800WG", "aliases": ["regent"], "kind": "pesticide"},
    {"name": "Actara 25WG", "aliases": ["actara"], "kind": "pesticide"},
    {"name": "Confidor 100SL", "aliases": ["confidor"], "kind": "pesticide"},
    {"name": "Sherpa 25EC", "aliases": ["sherpa"], "kind": "pesticide"},
    {"name": "Ridomil Gold 68WG", "aliases": ["ridomil"], "kind": "pesticide"},
    {"name": "Anvil 5SC", "aliases": ["anvil"], "kind": "pesticide"},
    {"name": "Comite 73EC", "aliases": ["comite"], "kind": "pesticide"},
    {"name": "Bassa 50EC", "aliases": ["bassa"], "kind": "pesticide"},
)
