"""Find Wagtail's and wagtail-localize's English interface phrases in an admin screen.

The detector is built from the packages' own English catalogues (``locale/en/LC_MESSAGES``,
``django.po`` and ``djangojs.po``): every message of two words or more is a phrase an editor
might meet untranslated; its placeholders (``%(title)s``, ``{model_name}``) match any text.
A screen's visible text is what a person sees or hears: the text of the page (scripts and
styles left out), the attributes a browser shows (``title``, ``placeholder``, ``alt``,
``aria-label``, a button's ``value``, Wagtail's tooltips), and the strings of the JSON that
Wagtail's scripts render (the sidebar menu, the editor's panels).
"""

import contextlib
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib

import wagtail
import wagtail_localize

PACKAGES = (Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
# Attributes whose value a browser shows (or reads aloud) as text.
SHOWN_ATTRIBUTES = {
    "title",
    "placeholder",
    "alt",
    "aria-label",
    "data-w-tooltip-content-value",
    "data-w-dialog-title",
}
BUTTON_INPUTS = {"submit", "button", "reset"}
# Messages that are not English interface text on these screens: a product's name; Python's
# None, which Wagtail 8.0 writes into a hidden counter of the editor's side panel; and two
# screen-reader labels that Wagtail 8.0 hardcodes in English in its templates, outside any
# catalogue: the dashboard's and header's search button (the search field itself is labelled
# in Lithuanian) and the header's "Actions" navigation (wagtailadmin/shared/headers/
# _actions.html, an include with no block to extend).
NOT_ENGLISH = {"Wagtail CMS", "None", "Search", "Actions"}


class Message:
    """One English catalogue message as a pattern over visible text."""

    def __init__(self, text, origin):
        self.text = text
        self.origin = origin
        parts = PLACEHOLDER.split(" ".join(text.split()))
        self.literal_words = sum(len(WORD.findall(part)) for part in parts)
        self.single_word = text.strip() if self.literal_words == 1 and len(parts) == 1 else None
        body = r".{1,80}?".join(re.escape(part).replace(r"\ ", r"\s+") for part in parts)
        self.pattern = re.compile(rf"(?<![\w%])(?:{body})(?![\w])")

    def found_in(self, text, chunks):
        if self.single_word:
            return self.single_word if self.single_word in chunks else None
        match = self.pattern.search(text)
        return match.group(0) if match else None


@cache
def english_messages():
    """The packages' English messages of two words or more (each text once)."""
    messages = {}
    for package in PACKAGES:
        for path in sorted(package.glob("**/locale/en/LC_MESSAGES/*.po")):
            for entry in polib.pofile(str(path)):
                for text in (entry.msgid, entry.msgid_plural):
                    if text and text not in messages and text not in NOT_ENGLISH:
                        message = Message(text, path.relative_to(package.parent))
                        if message.literal_words >= 2 or message.single_word:
                            messages[text] = message
    return list(messages.values())


class VisibleText(HTMLParser):
    """Collects the text a person meets in an HTML page."""

    SKIPPED = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []
        self.skipping = None
        self.json_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.SKIPPED:
            self.skipping = tag
            self.json_script = tag == "script" and attributes.get("type") == "application/json"
            return
        for name in SHOWN_ATTRIBUTES & attributes.keys():
            self.chunks.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in BUTTON_INPUTS:
            self.chunks.append(attributes.get("value") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.SKIPPED:
            self.skipping = None

    def handle_endtag(self, tag):
        if tag == self.skipping:
            self.skipping = None
            self.json_script = False

    def handle_data(self, data):
        if self.skipping is None:
            self.chunks.append(data)
        elif self.json_script:
            with contextlib.suppress(ValueError):
                self.chunks.extend(json_strings(json.loads(data)))


LABEL_KEYS = {"label", "title", "text", "heading", "help_text", "placeholder", "description"}


def json_strings(value, key=None):
    """The strings of a JSON document that read as words: sentences, labels and HTML (not
    URLs, ids or icon names)."""
    if isinstance(value, str):
        if "<" in value:
            yield visible_text(value)
        elif key in LABEL_KEYS or (" " in value.strip() and not value.startswith(("/", "http"))):
            yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from json_strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return "\n".join(" ".join(chunk.split()) for chunk in parser.chunks if chunk.strip())


def english_phrases(html, names=()):
    """The English catalogue messages found in the screen's visible text, sorted.

    A message of several words is found anywhere in the text; a one-word message ("Password",
    "Draft") only as a whole piece of text (a label, a button, a column heading), as a
    Lithuanian text may contain an English word (a name) but is never only that word.
    ``names`` are people's names on the screen (a user called "Editor"), not interface text.
    """
    text = visible_text(html)
    chunks = {chunk.strip(" *:…") for chunk in text.split("\n")} - set(names)
    found = {m.text for m in english_messages() if m.found_in(text, chunks)}
    # A message inside a longer one found here is the same English, reported once.
    return sorted(text for text in found if not any(text in other for other in found - {text}))
