"""Published versions of a plan draft and a readable comparison of their text sections.

Sections are matched by their block id and compared on their text, not their markup: the
rich-text editor gives every paragraph a fresh ``data-block-key`` on each save, so two
versions with the same words are the same. Paragraphs, list items and headings stay apart;
changed words are marked with difflib on word tokens. Everything here is plain data; the
template writes it, escaped.
"""

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Words of unchanged text kept on each side of a change in the short view.
CONTEXT_WORDS = 8


# --- the text of a section, paragraph by paragraph --------------------------------------

BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "div"}


class _TextUnits(HTMLParser):
    """Collects the text of each paragraph, list item and heading of a rich text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.units, self.lists, self.buffer, self.kind = [], [], [], "p"

    def flush(self):
        text = " ".join("".join(self.buffer).split())
        if text:
            self.units.append((self.kind, text))
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.flush()
            self.lists.append(tag)
        elif tag in BLOCK_TAGS:
            self.flush()
            if tag == "li":
                self.kind = self.lists[-1] if self.lists else "ul"
            elif tag.startswith("h"):
                self.kind = "h"
            else:
                self.kind = "p"
        elif tag == "br":
            self.buffer.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()

    def handle_data(self, data):
        self.buffer.append(data)

    def close(self):
        super().close()
        self.flush()


def rich_text_units(html):
    """``[(kind, text)]`` of a rich text: kind is "p", "h", "ul" or "ol" (a list item)."""
    parser = _TextUnits()
    parser.feed(html or "")
    parser.close()
    return parser.units


def body_units(body):
    """``[(kind, text)]`` of a section's body stream, in order."""
    units = []
    for child in body:
        name, value = child.block_type, child.value
        if name == "heading":
            units.append(("h", " ".join(str(value).split())))
        elif name == "paragraph":
            units.extend(rich_text_units(value.source))
        elif name == "quote":
            units.append(("p", " ".join(f"{value['text']} {value['source'] or ''}".split())))
        elif name == "figure":
            caption = value.get("caption") or ""
            if caption:
                units.append(("p", caption))
        elif name == "document":
            document = value.get("document")
            label = value.get("label") or (document.title if document else "")
            if label:
                units.append(("p", label))
    return [unit for unit in units if unit[1]]


def section_texts(page):
    """``{block id: (heading, [(kind, text)])}`` of a version's sections, in order."""
    return {
        str(block.id): (block.value["heading"], body_units(block.value["body"]))
        for block in page.sections
    }


# --- word differences --------------------------------------------------------------------


@dataclass
class Segment:
    """A run of words: the same in both versions, inserted, deleted, or a gap of unchanged
    words left out of the short view. ``space_before`` is False when it begins with the
    punctuation that ends the word before it."""

    op: str  # "same", "ins", "del", "gap"
    text: str = ""
    space_before: bool = True


# A word, or the punctuation after a word (a comma added after "žalia" marks the comma only);
# punctuation inside a word ("3,5", "2.1") stays with it.
TOKEN = re.compile(r"\S+?(?=[,.;:!?]*(?:\s|$))|[,.;:!?]+")
PUNCTUATION = re.compile(r"[,.;:!?]+")


def words(text):
    return TOKEN.findall(text or "")


def join(tokens):
    """Tokens written back as text: a space between words, none before punctuation."""
    text = ""
    for token in tokens:
        text += token if not text or PUNCTUATION.fullmatch(token) else f" {token}"
    return text


def make_segment(op, tokens, first):
    return Segment(op, join(tokens), not first and not PUNCTUATION.fullmatch(tokens[0]))


def word_segments(old, new):
    """The segments that turn the words of ``old`` into those of ``new``."""
    old_words, new_words = words(old), words(new)
    segments = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            segments.append(make_segment("same", old_words[a1:a2], not segments))
            continue
        if a2 > a1:
            segments.append(make_segment("del", old_words[a1:a2], not segments))
        if b2 > b1:
            segments.append(make_segment("ins", new_words[b1:b2], not segments))
    return segments


def with_context(segments, context=CONTEXT_WORDS):
    """``segments`` with long unchanged runs cut to ``context`` words around each change."""
    short = []
    last = len(segments) - 1
    for position, segment in enumerate(segments):
        if segment.op != "same":
            short.append(segment)
            continue
        tokens = segment.text.split(" ")
        keep_before = context if position > 0 else 0  # words after the previous change
        keep_after = context if position < last else 0  # words before the next change
        if len(tokens) <= keep_before + keep_after + 1:
            short.append(segment)
            continue
        if keep_before:
            short.append(Segment("same", " ".join(tokens[:keep_before]), segment.space_before))
        short.append(Segment("gap", space_before=bool(short)))
        if keep_after:
            short.append(Segment("same", " ".join(tokens[-keep_after:])))
    return short


# --- sections ----------------------------------------------------------------------------


@dataclass
class Unit:
    """A paragraph, list item or heading of a section, with its words marked."""

    kind: str
    segments: list
    changed: bool


@dataclass
class Group:
    """Consecutive units that the page shows together: a list's items, or one paragraph."""

    kind: str  # "p", "h", "ul", "ol" or "gap" (unchanged paragraphs left out)
    units: list = field(default_factory=list)


def group_units(units):
    """Units gathered into lists (consecutive items of one kind) and single paragraphs."""
    groups = []
    for unit in units:
        if unit is None:
            groups.append(Group("gap"))
        elif unit.kind in ("ul", "ol") and groups and groups[-1].kind == unit.kind:
            groups[-1].units.append(unit)
        else:
            groups.append(Group(unit.kind, [unit]))
    return groups


def compare_units(old_units, new_units):
    """Units of the newer text with removed, added and changed ones marked."""
    matcher = difflib.SequenceMatcher(
        a=[text for _, text in old_units], b=[text for _, text in new_units], autojunk=False
    )
    units = []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            units.extend(
                Unit(kind, [Segment("same", text)], False) for kind, text in new_units[b1:b2]
            )
            continue
        old_part, new_part = old_units[a1:a2], new_units[b1:b2]
        for index in range(max(len(old_part), len(new_part))):
            old = old_part[index] if index < len(old_part) else None
            new = new_part[index] if index < len(new_part) else None
            kind = (new or old)[0]
            segments = word_segments(old[1] if old else "", new[1] if new else "")
            units.append(Unit(kind, segments, True))
    return units


@dataclass
class SectionChange:
    """One section in two versions: "added", "removed", "changed" or "unchanged".

    ``heading`` holds the heading's segments (its words marked if it changed); ``short``
    the changed paragraphs with a little context; ``whole`` every paragraph.
    """

    id: str
    status: str
    title: str
    heading: list
    short: list
    whole: list
    old_heading: str = ""
    new_heading: str = ""
    old_units: list = field(default_factory=list)
    new_units: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"change-section-{self.id}"


def compare_sections(old_page, new_page):
    """Changes of the text sections from ``old_page`` to ``new_page`` (two versions)."""
    old, new = section_texts(old_page), section_texts(new_page)
    changes = []
    for block_id, (heading, units) in new.items():
        old_heading, old_units = old.get(block_id, ("", []))
        if block_id not in old:
            status = "added"
        elif (old_heading, old_units) == (heading, units):
            status = "unchanged"
        else:
            status = "changed"
        changes.append(section_change(block_id, status, old_heading, heading, old_units, units))
    for block_id, (heading, units) in old.items():
        if block_id not in new:
            changes.append(section_change(block_id, "removed", heading, "", units, []))
    return changes


def section_change(block_id, status, old_heading, heading, old_units, units):
    title = heading or old_heading
    if status == "unchanged":
        return SectionChange(
            block_id, status, title, [Segment("same", title)], [], [], heading, heading
        )
    marked = compare_units(old_units, units)
    short, skipped = [], False
    for unit in marked:
        if unit.changed:
            short.append(Unit(unit.kind, with_context(unit.segments), True))
            skipped = False
        elif not skipped:
            short.append(None)
            skipped = True
    if old_heading == heading:
        heading_segments = [Segment("same", heading)]
    else:
        heading_segments = word_segments(old_heading, heading)
    return SectionChange(
        block_id,
        status,
        title,
        heading_segments,
        group_units(short),
        group_units(marked),
        old_heading,
        heading,
        old_units,
        units,
    )


def section_ledger(changes):
    """``(change, id, title, field, old, new)`` rows of the sections' changes, for the open
    data: a heading changed, and the text whole (one paragraph a line) if it changed."""
    rows = []
    for change in changes:
        if change.status == "unchanged":
            continue
        if change.old_heading != change.new_heading:
            rows.append(
                (
                    change.status,
                    change.id,
                    change.title,
                    "heading",
                    change.old_heading,
                    change.new_heading,
                )
            )
        old_text = "\n".join(text for _, text in change.old_units)
        new_text = "\n".join(text for _, text in change.new_units)
        if old_text != new_text:
            rows.append((change.status, change.id, change.title, "text", old_text, new_text))
    return rows
