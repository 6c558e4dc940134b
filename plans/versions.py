"""Published versions of a plan draft and a readable, section-by-section comparison of two."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from wagtail.models import PageLogEntry


def published_revisions(page):
    """The revisions that were published, oldest first, with the date of publication."""
    entries = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .select_related("revision")
        .order_by("timestamp")
    )
    seen, revisions = set(), []
    for entry in entries:
        if entry.revision_id not in seen:
            seen.add(entry.revision_id)
            entry.revision.published_at = entry.timestamp
            revisions.append(entry.revision)
    return revisions


def _words(html):
    return re.findall(r"\S+", strip_tags(html or ""))


def word_diff(old, new):
    """HTML marking words removed (<del>) and added (<ins>); every word is escaped."""
    old_words, new_words = _words(old), _words(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(' '.join(new_words[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 (built from escaped words only)


@dataclass
class SectionChange:
    """One section of the plan in two versions: added, removed, changed or unchanged."""

    status: str
    heading: str
    diff: str


def _section_texts(page):
    """``{block id: (heading, text)}`` of a version's sections, in order."""
    texts = {}
    for block in page.sections:
        body = " ".join(str(child.render()) for child in block.value["body"])
        texts[block.id] = (block.value["heading"], body)
    return texts


def compare(old_page, new_page):
    """Section-by-section changes from ``old_page`` to ``new_page`` (two revisions' pages)."""
    old, new = _section_texts(old_page), _section_texts(new_page)
    changes = []
    for block_id, (heading, text) in new.items():
        if block_id not in old:
            changes.append(SectionChange("added", heading, word_diff("", f"{heading} {text}")))
            continue
        old_heading, old_text = old[block_id]
        diff = word_diff(f"{old_heading} {old_text}", f"{heading} {text}")
        status = "unchanged" if (old_heading, old_text) == (heading, text) else "changed"
        changes.append(SectionChange(status, heading, diff))
    for block_id, (heading, text) in old.items():
        if block_id not in new:
            changes.append(SectionChange("removed", heading, word_diff(f"{heading} {text}", "")))
    return changes
