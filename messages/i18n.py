"""Pick a catalog by language and fill its templates."""

from __future__ import annotations

from typing import Literal

from messages import catalog_en, catalog_vi

Language = Literal["vi", "en"]

CATALOGS: dict[str, dict[str, str]] = {"vi": catalog_vi.TEXTS, "en": catalog_en.TEXTS}

# Babel locale per catalog, for numbers, money and dates.
LOCALES: dict[str, str] = {"vi": "vi_VN", "en": "en_US"}


class Texts:
    """The sentences of one language; `texts("key", name=...)` fills a template."""

    def __init__(self, language: Language = "vi") -> None:
        self.language = language
        self.locale = LOCALES[language]
        self._catalog = CATALOGS[language]

    def __call__(self, key: str, **values: object) -> str:
        """Fill the template named by key."""
        return self._catalog[key].format(**values)

    def has(self, key: str) -> bool:
        """Whether the catalog has this key."""
        return key in self._catalog

    def role(self, role: str) -> str:
        """The name of a role."""
        return self._catalog[f"role.{role}"]
