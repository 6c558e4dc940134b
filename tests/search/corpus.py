"""Content for the search tests: generated news beside the demo site, DOCX and ODT files,
and the relevance set (queries with the title expected among the first three results)."""

import datetime
import io
import random
import zipfile
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile

from documents.models import CityDocument
from news.models import NewsIndexPage
from tests.factories import CityDocumentFactory, NewsArticlePageFactory

# --- Files ----------------------------------------------------------------------------------


def docx_bytes(paragraphs):
    """A minimal Office Open XML word-processing document."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for text in paragraphs
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    openxml = "http://schemas.openxmlformats.org"
    office = "application/vnd.openxmlformats"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<Types xmlns="{openxml}/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{office}-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        f'ContentType="{office}-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<Relationships xmlns="{openxml}/package/2006/relationships">'
        '<Relationship Id="rId1" '
        f'Type="{openxml}/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/>'
        "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def odt_bytes(heading, paragraphs):
    """A minimal OpenDocument text document."""
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    body = f'<text:h text:outline-level="1">{escape(heading)}</text:h>' + "".join(
        f"<text:p>{escape(text)}</text:p>" for text in paragraphs
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        f'xmlns:text="{text_ns}" office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


# --- Generated news -------------------------------------------------------------------------

LITHUANIAN_ARTICLES = [
    (
        "Dviračių takų plėtra Vidzgirio mikrorajone",
        "Savivaldybė tęsia dviračių takų tinklo plėtrą: Vidzgirio mikrorajone bus nutiesta "
        "penki kilometrai naujų takų, sujungsiančių mokyklas ir parką.",
    ),
    (
        "Socialinio būsto plėtros programa",
        "Socialinio būsto fondas didės: programa numato įsigyti keturiasdešimt butų "
        "šeimoms, laukiančioms paramos būstui.",
    ),
    (
        "Vandentiekio tinklų rekonstrukcija Dainavoje",
        "Dainavos seniūnijoje rekonstruojami vandentiekio ir nuotekų tinklai; darbai "
        "truks iki rudens, gyventojai bus informuojami apie vandens tiekimo pertraukas.",
    ),
    (
        "Turizmo informacijos centras kviečia į renginius",
        "Turizmo informacijos centro renginių kalendoriuje – ekskursijos po senamiestį, "
        "žygiai Nemuno kilpomis ir amatų mugės.",
    ),
    (
        "Atliekų rūšiavimo aikštelė Putinuose",
        "Putinų mikrorajone atidaryta didelių gabaritų atliekų rūšiavimo aikštelė; "
        "gyventojai čia nemokamai gali palikti baldus ir elektronikos atliekas.",
    ),
    (
        "Jaunimo vasaros užimtumo programa",
        "Moksleiviai kviečiami dalyvauti vasaros užimtumo programoje: savanorystė, "
        "stovyklos ir pirmasis darbas savivaldybės įstaigose.",
    ),
    (
        "Senjorų dienos centras atveria duris",
        "Naujajame senjorų dienos centre vyks kompiuterinio raštingumo kursai, "
        "mankštos ir susitikimai su gydytojais.",
    ),
    (
        "Nemuno pakrantės sutvarkymo darbai",
        "Prasideda Nemuno pakrantės sutvarkymas: bus įrengti pėsčiųjų takai, "
        "apšvietimas ir poilsio aikštelės prie upės.",
    ),
    (
        "Daugiabučių renovacija ir energinis efektyvumas",
        "Daugiabučių namų renovacija mažina šildymo sąskaitas; savivaldybė kviečia "
        "bendrijas teikti paraiškas modernizavimo programai.",
    ),
    (
        "Viešojo transporto maršrutų pertvarka",
        "Nuo rugsėjo keičiasi autobusų maršrutai: viešasis transportas dažniau kursuos "
        "į pramonės parką ir ligoninę.",
    ),
    (
        "Pramonės parko investuotojų forumas",
        "Alytaus pramonės parke vyko investuotojų forumas: aptarti nauji sklypai, "
        "inžinerinė infrastruktūra ir mokesčių lengvatos gamintojams.",
    ),
    (
        "Kultūros paveldo objektų tvarkyba",
        "Parengtas kultūros paveldo objektų tvarkybos planas: pirmiausia bus tvarkomos "
        "senosios kapinės ir istorinis paštas.",
    ),
    (
        "Skaitmeninių paslaugų gyventojams plėtra",
        "Gyventojai daugiau paslaugų galės užsakyti internetu: e. paslaugų portale atsiras "
        "prašymai dėl leidimų ir socialinės paramos.",
    ),
    (
        "Sveikatos priežiūros paslaugų prieinamumas",
        "Poliklinikose trumpinamos eilės pas šeimos gydytojus; pradėtos teikti nuotolinės "
        "konsultacijos.",
    ),
    (
        "Gatvių apšvietimo modernizavimas",
        "Senieji gatvių šviestuvai keičiami LED šviestuvais, todėl miestas sutaupys "
        "elektros energijos.",
    ),
]

ENGLISH_ARTICLES = [
    (
        "Cycle path network expansion in Vidzgiris",
        "The municipality is expanding the cycle path network: five kilometres of new "
        "paths will connect schools and the park.",
    ),
    (
        "Riverside improvement works on the Nemunas",
        "Works to improve the Nemunas riverside begin: footpaths, lighting and rest areas "
        "by the river.",
    ),
    (
        "Youth summer employment programme",
        "Pupils are invited to join the summer employment programme: volunteering, camps "
        "and a first job in municipal institutions.",
    ),
    (
        "Street lighting modernisation",
        "Old street lamps are being replaced with LED lamps, saving electricity.",
    ),
]

# Words for generated filler news that shares the plan's vocabulary, so that the wanted
# results must beat many pages that mention the same words.
FILLER_WORDS = " ".join(
    [
        "miesto plėtra planas savivaldybė gyventojai projektas darbo grupė posėdis strategija",
        "investicijos aplinka kultūra sportas švietimas sveikata infrastruktūra ekonomika",
        "verslas bendruomenė tarybos sprendimas biudžetas rodikliai tikslai priemonės",
        "ataskaita konsultacija viešinimas Alytus Dainava Vidzgiris Putinai Nemunas",
    ]
).split()
FILLER_COUNT = 40


def filler_text(generator, words=40):
    return " ".join(generator.choice(FILLER_WORDS) for _ in range(words)).capitalize() + "."


def add_generated_news(lt_locale, en_locale):
    """The generated articles and filler news under the demo's news indices."""
    generator = random.Random(2030)  # the same corpus on every run  # noqa: S311
    lt_index = NewsIndexPage.objects.get(locale=lt_locale)
    en_index = NewsIndexPage.objects.get(locale=en_locale)
    day = datetime.date(2021, 1, 4)
    for number, (title, text) in enumerate(LITHUANIAN_ARTICLES):
        NewsArticlePageFactory(
            parent=lt_index,
            title=title,
            slug=f"generuota-{number}",
            date=day + datetime.timedelta(days=7 * number),
            intro=text,
            body=f"<p>{filler_text(generator, 25)}</p>",
        )
    for number, (title, text) in enumerate(ENGLISH_ARTICLES):
        NewsArticlePageFactory(
            parent=en_index,
            title=title,
            slug=f"generated-{number}",
            date=day + datetime.timedelta(days=7 * number),
            intro=text,
            body="<p>Information from the municipality.</p>",
        )
    for number in range(FILLER_COUNT):
        NewsArticlePageFactory(
            parent=lt_index,
            title=f"Savivaldybės žinios Nr. {number + 1}",
            slug=f"zinios-{number + 1}",
            date=day + datetime.timedelta(days=3 * number),
            intro=filler_text(generator, 20),
            body=f"<p>{filler_text(generator, 60)}</p>",
        )


MINUTES_TITLE = "Aplinkos apsaugos darbo grupės posėdžio protokolas"
REPORT_TITLE = "Gyventojų apklausos ataskaita"


def add_documents():
    """A DOCX and an ODT whose words are only in their text, published by an editor (no page
    uses them)."""
    minutes = CityDocumentFactory(
        title=MINUTES_TITLE,
        marked_public=True,
        kind=CityDocument.Kind.MINUTES,
        number="AP-3",
        document_date=datetime.date(2020, 9, 15),
        file=ContentFile(
            docx_bytes(
                [
                    "Posėdžio darbotvarkė: vandenvietės rekonstrukcija ir lietaus nuotekų "
                    "surinkimas.",
                    "Nutarta pritarti Putinų vandenvietės rekonstrukcijos projektui.",
                ]
            ),
            name="protokolas.docx",
        ),
    )
    report = CityDocumentFactory(
        title=REPORT_TITLE,
        marked_public=True,
        kind=CityDocument.Kind.REPORT,
        document_date=datetime.date(2020, 11, 30),
        file=ContentFile(
            odt_bytes(
                "Apklausos rezultatai",
                [
                    "Apklausoje dalyvavo 1 200 gyventojų.",
                    "Labiausiai gyventojai vertina žaliąsias erdves ir pageidauja daugiau "
                    "vaikų žaidimų aikštelių.",
                ],
            ),
            name="ataskaita.odt",
        ),
    )
    return minutes, report


# --- The relevance set ------------------------------------------------------------------------
# (query, the title expected in the first three results). "doc:" marks a document's title.

ORDER = "doc:Alytaus miesto savivaldybės mero 2020-06-02 potvarkis Nr. M-18"
MINUTES = f"doc:{MINUTES_TITLE}"
REPORT = f"doc:{REPORT_TITLE}"

LITHUANIAN_QUERIES = [
    # The demo site.
    ("strateginis plėtros planas", "Alytaus miesto strateginis plėtros planas iki 2030 m."),
    ("strateginio pletros plano", "Alytaus miesto strateginis plėtros planas iki 2030 m."),
    ("apie planą", "Apie planą"),
    ("apie plana", "Apie planą"),
    ("darbo grupės", "Darbo grupės"),
    ("ekonomikos ir verslo aplinkos darbo grupe", "Ekonomikos ir verslo aplinkos darbo grupė"),
    (
        "ekonomikos grupės posėdis",
        "Ekonomikos ir verslo aplinkos darbo grupės pirmasis posėdis",
    ),
    ("švietimo sporto kultūros grupė", "Švietimo, sporto ir kultūros darbo grupė"),
    (
        "svietimo sporto kulturos posedis",
        "Švietimo, sporto ir kultūros darbo grupės pirmasis posėdis",
    ),
    ("sveikatos ir socialinės aplinkos", "Sveikatos ir socialinės aplinkos darbo grupė"),
    ("aplinkos apsaugos infrastrukturos", "Aplinkos apsaugos ir infrastruktūros darbo grupė"),
    ("viesojo sektoriaus grupe", "Viešojo sektoriaus darbo grupė"),
    ("konsultacinė darbo grupė", "Konsultacinė darbo grupė"),
    ("konsultacines grupes posedis", "Konsultacinės darbo grupės pirmasis posėdis"),
    ("plano projektas 0.1", "Strateginio plėtros plano iki 2030 m. projektas 0.1"),
    (
        "patvirtinta versija",
        "Strateginis plėtros planas iki 2030 m., patvirtinta versija 1.0",
    ),
    (
        "penkios darbo grupės įsitraukia",
        "Į Alytaus miesto strateginio plėtros plano iki 2030 m. projekto rengimą įsitraukia "
        "penkios darbo grupės",
    ),
    # Documents, by title and by the text of their files (PDF, DOCX, ODT).
    ("mero potvarkis M-18", ORDER),
    ("potvarkis M-18", ORDER),
    ("potvarkio kopija oficialus tekstas", ORDER),
    ("vandenvietės rekonstrukcija", MINUTES),
    ("vandenvietes rekonstrukcijos projektui", MINUTES),
    ("gyventoju apklausa zaliosios erdves", REPORT),
    ("vaikų žaidimų aikštelių", REPORT),
    # Inflected forms of plėtra, with and without diacritics.
    ("dviračių takų plėtra", "Dviračių takų plėtra Vidzgirio mikrorajone"),
    ("dviračių takų plėtros", "Dviračių takų plėtra Vidzgirio mikrorajone"),
    ("dviračių takų plėtrai", "Dviračių takų plėtra Vidzgirio mikrorajone"),
    ("dviraciu taku pletra", "Dviračių takų plėtra Vidzgirio mikrorajone"),
    ("dviraciu taku pletrai", "Dviračių takų plėtra Vidzgirio mikrorajone"),
    ("socialinio busto pletra", "Socialinio būsto plėtros programa"),
    ("socialinio būsto plėtrai", "Socialinio būsto plėtros programa"),
    ("skaitmeninių paslaugų plėtros", "Skaitmeninių paslaugų gyventojams plėtra"),
    ("skaitmeniniu paslaugu pletrai", "Skaitmeninių paslaugų gyventojams plėtra"),
    # Other inflections, multi-word queries, queries without diacritics.
    ("vandentiekio tinklu rekonstrukcijai", "Vandentiekio tinklų rekonstrukcija Dainavoje"),
    ("turizmo informacijos centre", "Turizmo informacijos centras kviečia į renginius"),
    ("atlieku rusiavimo aiksteles", "Atliekų rūšiavimo aikštelė Putinuose"),
    ("jaunimo užimtumo programai", "Jaunimo vasaros užimtumo programa"),
    ("senjoru dienos centrui", "Senjorų dienos centras atveria duris"),
    ("Nemuno pakrantei", "Nemuno pakrantės sutvarkymo darbai"),
    ("daugiabuciu renovacijai", "Daugiabučių renovacija ir energinis efektyvumas"),
    ("autobusų maršrutai", "Viešojo transporto maršrutų pertvarka"),
    ("pramones parko investuotojams", "Pramonės parko investuotojų forumas"),
    ("kulturos paveldo objektu tvarkyba", "Kultūros paveldo objektų tvarkyba"),
    ("šeimos gydytojų eilės", "Sveikatos priežiūros paslaugų prieinamumas"),
    ("gatviu apsvietimas", "Gatvių apšvietimo modernizavimas"),
]

ENGLISH_QUERIES = [
    ("strategic development plan", "Alytus City Strategic Development Plan until 2030"),
    ("about the plan", "About the plan"),
    ("economy business environment", "Economy and Business Environment Working Group"),
    (
        "first meeting education sport culture",
        "First meeting of the Education, Sport and Culture Working Group",
    ),
    ("health and social environment", "Health and Social Environment Working Group"),
    ("environmental protection", "Environmental Protection and Infrastructure Working Group"),
    ("public sector group", "Public Sector Working Group"),
    ("consultative group meeting", "First meeting of the Consultative Working Group"),
    (
        "adopted version",
        "Strategic Development Plan until 2030, adopted version 1.0",
    ),
    (
        "draft version 0.1",
        "Draft Strategic Development Plan until 2030, version 0.1",
    ),
    (
        "five working groups join",
        "Five working groups join the preparation of the draft Alytus City Strategic "
        "Development Plan until 2030",
    ),
    ("expanding cycle paths", "Cycle path network expansion in Vidzgiris"),
    ("riverside improvements", "Riverside improvement works on the Nemunas"),
    ("summer employment for youth", "Youth summer employment programme"),
    ("modernising street lights", "Street lighting modernisation"),
]
