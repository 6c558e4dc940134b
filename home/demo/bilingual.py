"""Texts written once in two languages, and the glossary that maps Lithuanian to English.

The demo content is a tree of plain Python values in which every translatable text is a
`Text` or `RichText` pair. `localize` picks one language out of such a tree to fill the
Lithuanian pages; `build_glossary` maps each Lithuanian string, in the form in which
wagtail-localize extracts it, to its English counterpart, so that the English pages can be
made by wagtail-localize exactly as a translator's work would be.
"""

import uuid
from dataclasses import dataclass
from string import Template

from wagtail_localize.strings import StringValue, extract_strings

# Stream block ids derive from this namespace and the block's place in the content, so that
# every load gives a block the same id: wagtail-localize keys translations by block id, and
# plan sections use theirs as public anchors.
BLOCK_ID_NAMESPACE = uuid.UUID("64d26613-bca9-4343-a4c6-e18e1287217d")


class DemoContentError(ValueError):
    """The demo content cannot be loaded as written (e.g. an English text is missing)."""


@dataclass(frozen=True)
class Text:
    """Plain text in Lithuanian and English."""

    lt: str
    en: str


@dataclass(frozen=True)
class RichText:
    """Rich text in Wagtail's stored HTML, in Lithuanian and English, with the same blocks.

    ``$name`` placeholders stand for ids only known while loading, e.g.
    ``<a linktype="document" id="$order_document">``.
    """

    lt: str
    en: str


@dataclass(frozen=True)
class Ref:
    """The primary key of an object created while loading, such as a document."""

    name: str


class Stream:
    """The value of a StreamField: ``(block type, value)`` pairs, in order."""

    def __init__(self, *blocks):
        self.blocks = blocks


class Items:
    """The value of a ListBlock: its items, in order, each given a stable id like stream blocks."""

    def __init__(self, *items):
        self.items = items


def localize(value, language, *, key, refs):
    """Return ``value`` with every pair replaced by its text in ``language``.

    ``key`` names the value's place in the content; stream blocks get ids derived from it.
    ``refs`` maps the names used by `Ref` and by ``$name`` placeholders to primary keys.
    """
    if isinstance(value, Text):
        return getattr(value, language)
    if isinstance(value, RichText):
        return Template(getattr(value, language)).substitute(refs)
    if isinstance(value, Ref):
        return refs[value.name]
    if isinstance(value, Stream):
        return [
            {
                "type": block_type,
                "value": localize(block_value, language, key=f"{key}/{index}", refs=refs),
                "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{key}/{index}")),
            }
            for index, (block_type, block_value) in enumerate(value.blocks)
        ]
    if isinstance(value, Items):
        return [
            {
                "type": "item",
                "value": localize(item, language, key=f"{key}/{index}", refs=refs),
                "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{key}/{index}")),
            }
            for index, item in enumerate(value.items)
        ]
    if isinstance(value, dict):
        return {
            name: localize(item, language, key=f"{key}/{name}", refs=refs)
            for name, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [
            localize(item, language, key=f"{key}/{index}", refs=refs)
            for index, item in enumerate(value)
        ]
    return value


def iter_pairs(value):
    """Yield every `Text` and `RichText` in a content tree."""
    if isinstance(value, Text | RichText):
        yield value
    elif isinstance(value, Stream):
        for _block_type, block_value in value.blocks:
            yield from iter_pairs(block_value)
    elif isinstance(value, Items):
        for item in value.items:
            yield from iter_pairs(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from iter_pairs(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from iter_pairs(item)


def _string_pairs(pair, refs):
    """Yield (Lithuanian, English) strings of one pair, as wagtail-localize stores them."""
    if isinstance(pair, Text):
        yield StringValue.from_plaintext(pair.lt).data, StringValue.from_plaintext(pair.en).data
        return
    lt_template, lt_strings = extract_strings(Template(pair.lt).substitute(refs))
    en_template, en_strings = extract_strings(Template(pair.en).substitute(refs))
    if lt_template != en_template or len(lt_strings) != len(en_strings):
        raise DemoContentError(
            f"The English rich text has other blocks than the Lithuanian: {pair.lt!r}"
        )
    for (lt_string, _lt_attrs), (en_string, _en_attrs) in zip(lt_strings, en_strings, strict=True):
        yield lt_string.data, en_string.data


def build_glossary(content, refs):
    """Map each Lithuanian string of ``content`` to its English text.

    Raises DemoContentError if one Lithuanian string is given two different English texts.
    """
    glossary = {}
    for pair in iter_pairs(content):
        for lithuanian, english in _string_pairs(pair, refs):
            if glossary.setdefault(lithuanian, english) != english:
                raise DemoContentError(
                    f"Two English texts for {lithuanian!r}: {glossary[lithuanian]!r}, {english!r}"
                )
    return glossary
