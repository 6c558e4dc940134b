"""The texts of the demonstration site, in Lithuanian and English side by side.

The Lithuanian pages follow the municipality's article announcing the working groups
(``../shared/seed/alytus-working-groups-article.lt.txt`` at the time of writing); the
English texts are our translation. No person is named: group members are stored by role and
organisation. The plan draft and the meetings' agendas and decisions are invented; the plan
pages say so once, in their demonstration notice (`is_demonstration`), and the copy of the
mayor's order says it is not the official text. Contacts are the municipality's public
address with an example phone number and e-mail address; the footer text (SiteSettings)
says so, and that the site is a demonstration, once.

Each page is a dict of model fields; the loader adds what needs objects from the database
(documents, related groups, consultation dates).
"""

import datetime
from zoneinfo import ZoneInfo

from .bilingual import Items, Ref, RichText, Stream, Text
from .plan import INDUSTRIAL_PARK, PLAN_TREE

VILNIUS = ZoneInfo("Europe/Vilnius")

# --- The mayor's order ---------------------------------------------------------------------

ORDER_DOCUMENT = {
    "title": "Alytaus miesto savivaldybės mero 2020-06-02 potvarkis Nr. M-18",
    "number": "M-18",
    "document_date": datetime.date(2020, 6, 2),
    "filename": "alytaus-mero-2020-06-02-potvarkis-nr-m-18.pdf",
}

# The address for questions and accessibility feedback (an example: see SITE_SETTINGS).
CONTACT_EMAIL = "strateginis.planas@alytus.example"

PLACE = Text("Alytaus miesto savivaldybė, Rotušės a. 4", "Alytus City Municipality, Rotušės a. 4")

# --- Members, by role and organisation ------------------------------------------------------

CHAIR = Text("Pirmininkas", "Chair")
DEPUTY_CHAIR = Text("Pirmininko pavaduotojas", "Deputy chair")
SECRETARY = Text("Sekretorius", "Secretary")
MEMBER = Text("Narys", "Member")

COUNCIL = Text("Alytaus miesto savivaldybės taryba", "Alytus City Municipal Council")
STRATEGIC_PLANNING = Text(
    "Savivaldybės administracijos Strateginio planavimo ir investicijų skyrius",
    "Strategic Planning and Investment Division, Municipal Administration",
)


def division(lt_name, en_name):
    """A division of the Municipal Administration (generic names, as in most municipalities)."""
    return Text(
        f"Savivaldybės administracijos {lt_name} skyrius",
        f"{en_name} Division, Municipal Administration",
    )


def seats(*rows):
    """The memberships of a group: the council's seats and the secretary, then ``rows``.

    Each row is (role, organisation, category), the category one of Membership.Category.
    """
    return [
        {"role": CHAIR, "organisation": COUNCIL, "category": "council"},
        {"role": MEMBER, "organisation": COUNCIL, "category": "council"},
        {"role": SECRETARY, "organisation": STRATEGIC_PLANNING, "category": "administration"},
        *({"role": role, "organisation": org, "category": cat} for role, org, cat in rows),
    ]


# --- Meetings ------------------------------------------------------------------------------

# Invented but plausible first-meeting agendas (the article says only that the groups will
# discuss the city's problems and generate ideas).
THEMATIC_AGENDA = Stream(
    ("item", Text("Darbo grupės uždaviniai ir darbo tvarka", "The group's tasks and procedure")),
    (
        "item",
        Text("Plano rengimo eiga ir terminai", "How and when the plan is prepared"),
    ),
    (
        "item",
        Text(
            "Aktualių miesto probleminių klausimų aptarimas",
            "Discussion of the city's pressing problems",
        ),
    ),
    ("item", Text("Idėjos plano projektui", "Ideas for the draft plan")),
    (
        "item",
        Text(
            "Darbo grupės darbo plano iki 2020 m. gruodžio tvirtinimas",
            "Approval of the group's work plan until December 2020",
        ),
    ),
)
THEMATIC_DECISIONS = Stream(
    (
        "decision",
        {
            "text": RichText(
                "<p>Pritarti darbo grupės darbo planui iki 2020 m. gruodžio mėn.</p>",
                "<p>To approve the group's work plan until December 2020.</p>",
            ),
            "plan_elements": Items(),
        },
    ),
)


def first_meeting(
    lt_title, en_title, hour, minute=0, agenda=THEMATIC_AGENDA, decisions=THEMATIC_DECISIONS
):
    """A group's first meeting on 21 July 2020 (the day the article says work starts)."""
    return {
        "slug": Text("2020-07-21-posedis", "2020-07-21-meeting"),
        "title": Text(lt_title, en_title),
        "starts_at": datetime.datetime(2020, 7, 21, hour, minute, tzinfo=VILNIUS),
        "place": PLACE,
        "agenda": agenda,
        "decisions": decisions,
    }


# --- Pages ----------------------------------------------------------------------------------

HOME = {
    "slug": Text("pradzia", "home"),
    "title": Text(
        "Alytaus miesto strateginis plėtros planas iki 2030 m.",
        "Alytus City Strategic Development Plan until 2030",
    ),
    "vision": RichText(
        "<p>Alytus – moderni, žalia ir svetinga Dzūkijos sostinė: miestas, kuriame kuriamos "
        "darbo vietos ir auga verslas, prieinamas kokybiškas švietimas, sveikatos priežiūra ir "
        "kultūra, o gyventojai dalyvauja priimant sprendimus.</p>"
        "<p><i>Galutinę plano viziją suformuluos darbo grupės, rengdamos Alytaus miesto "
        "savivaldybės strateginio plėtros plano iki 2030 m. projektą.</i></p>",
        "<p>Alytus – a modern, green and welcoming capital of Dzūkija: a city that creates "
        "jobs and grows business, offers good education, health care and culture, and "
        "involves its residents in decisions.</p>"
        "<p><i>The working groups will formulate the plan's final vision as they prepare the "
        "draft Strategic Development Plan of Alytus City Municipality until 2030.</i></p>",
    ),
    # The last two steps have no date yet: their date only orders the timeline and the
    # "date as shown" label is what readers see.
    "timeline": Stream(
        (
            "milestone",
            {
                "date": "2020-06-02",
                "date_label": Text("", ""),
                "title": Text(
                    "Mero potvarkiu Nr. M-18 sudarytos penkios darbo grupės",
                    "Mayor's order No. M-18 forms five working groups",
                ),
                "description": Text(
                    "Alytaus miesto savivaldybės meras sudarė penkias strateginio plėtros "
                    "plano iki 2030 m. parengimo darbo grupes.",
                    "The Mayor of Alytus City Municipality formed five working groups to "
                    "prepare the Strategic Development Plan until 2030.",
                ),
                "status": "done",
            },
        ),
        (
            "milestone",
            {
                "date": "2020-07-21",
                "date_label": Text("", ""),
                "title": Text("Darbo grupės pradeda darbą", "The working groups start work"),
                "description": Text(
                    "Pirmuosiuose posėdžiuose aptariami Alytaus miestui aktualūs probleminiai "
                    "klausimai ir generuojamos idėjos.",
                    "At their first meetings the groups discuss problems that matter to "
                    "Alytus and generate ideas.",
                ),
                "status": "done",
            },
        ),
        (
            "milestone",
            {
                "date": "2020-12-01",
                "date_label": Text("2020 m. gruodis", "December 2020"),
                "title": Text(
                    "Numatoma darbo grupių darbo pabaiga",
                    "Planned end of the working groups' work",
                ),
                "description": Text(
                    "Darbo grupės baigia rengti pasiūlymus plano projektui.",
                    "The working groups complete their proposals for the draft plan.",
                ),
                "status": "planned",
            },
        ),
        (
            "milestone",
            {
                "date": "2020-12-31",
                "date_label": Text("Parengus projektą", "Once the draft is ready"),
                "title": Text(
                    "Konsultacinės darbo grupės pritarimas",
                    "Approval by the Consultative Working Group",
                ),
                "description": Text(
                    "Konsultacinė darbo grupė derina ir tvirtina plano dokumentus, ataskaitas "
                    "ir projektą prieš teikiant juos Savivaldybės tarybos komitetams ir "
                    "tarybai.",
                    "The Consultative Working Group coordinates and approves the plan's "
                    "documents, reports and draft before they go to the committees of the "
                    "Municipal Council and to the Council.",
                ),
                "status": "planned",
            },
        ),
        (
            "milestone",
            {
                "date": "2020-12-31",
                "date_label": Text("Po svarstymo komitetuose", "After the committees"),
                "title": Text(
                    "Plano tvirtinimas Savivaldybės taryboje",
                    "Adoption of the plan by the Municipal Council",
                ),
                "description": Text(
                    "Savivaldybės taryba svarsto ir tvirtina strateginį plėtros planą iki 2030 m.",
                    "The Municipal Council considers and adopts the Strategic Development "
                    "Plan until 2030.",
                ),
                "status": "planned",
            },
        ),
    ),
}

ABOUT = {
    "slug": Text("apie-plana", "about-the-plan"),
    "title": Text("Apie planą", "About the plan"),
    "show_in_menus": True,
    "intro": Text(
        "Alytaus miesto savivaldybės strateginis plėtros planas iki 2030 m. – ilgalaikis "
        "planavimo dokumentas, nustatantis, kaip miestas vystysis ateinantį dešimtmetį.",
        "The Strategic Development Plan of Alytus City Municipality until 2030 is the "
        "long-term planning document that sets out how the city will develop over the "
        "coming decade.",
    ),
    "body": Stream(
        ("heading", Text("Kaip rengiamas planas", "How the plan is prepared")),
        (
            "paragraph",
            RichText(
                "<p>Plano projektą rengia penkios teminės darbo grupės, kurias Alytaus miesto "
                "savivaldybės meras sudarė 2020-06-02 potvarkiu Nr. M-18. Darbo grupių "
                "veikla – itin svarbus plano rengimo etapas: jų susitikimų metu sprendžiami "
                "Alytaus miestui aktualūs probleminiai klausimai, generuojamos idėjos, kurios "
                "padės kurti nuoseklią miesto plėtrą.</p>"
                "<p>Darbo grupes sudaro:</p>"
                "<ul><li>Alytaus miesto savivaldybės tarybos nariai;</li>"
                "<li>savivaldybės administracijos skyrių (padalinių) vadovai ir "
                "specialistai;</li>"
                "<li>savivaldybės socialiniai-ekonominiai partneriai: pavaldžių įstaigų bei "
                "įmonių atstovai, verslo ir visuomeninių organizacijų atstovai, kiti "
                "suinteresuoti asmenys.</li></ul>"
                "<p>Įvairiems plano rengimo dokumentams, ataskaitoms ir projektams derinti ir "
                "tvirtinti, prieš teikiant juos Savivaldybės tarybos komitetams ir tarybai, "
                "suburta Konsultacinė darbo grupė.</p>",
                "<p>The draft plan is prepared by five thematic working groups, formed by the "
                "Mayor of Alytus City Municipality by order No. M-18 of 2 June 2020. The "
                "working groups' activity is a particularly important stage of the plan's "
                "preparation: at their meetings they tackle problems that matter to the city "
                "of Alytus and generate ideas that will help to shape the city's consistent "
                "development.</p>"
                "<p>The working groups are made up of:</p>"
                "<ul><li>members of Alytus City Municipal Council;</li>"
                "<li>heads and specialists of the divisions (units) of the Municipal "
                "Administration;</li>"
                "<li>the Municipality's social and economic partners: representatives of "
                "subordinate institutions and companies, of business and civic organisations, "
                "and other stakeholders.</li></ul>"
                "<p>A Consultative Working Group has been set up to coordinate and approve "
                "the plan's documents, reports and drafts before they are submitted to the "
                "committees of the Municipal Council and to the Council.</p>",
            ),
        ),
        ("heading", Text("Plano rengimo etapai", "Stages of the plan's preparation")),
        (
            "paragraph",
            RichText(
                "<ol><li>2020 m. birželio 2 d. – sudaromos darbo grupės.</li>"
                "<li>2020 m. liepos 21 d. – darbo grupės pradeda darbą.</li>"
                "<li>2020 m. gruodis – numatoma darbo grupių darbo pabaiga.</li>"
                "<li>Plano projektą derina ir tvirtina Konsultacinė darbo grupė.</li>"
                "<li>Planą svarsto Savivaldybės tarybos komitetai ir tvirtina taryba.</li></ol>",
                "<ol><li>2 June 2020 – the working groups are formed.</li>"
                "<li>21 July 2020 – the working groups start work.</li>"
                "<li>December 2020 – the working groups are expected to finish.</li>"
                "<li>The Consultative Working Group coordinates and approves the draft "
                "plan.</li>"
                "<li>The committees of the Municipal Council consider the plan and the "
                "Council adopts it.</li></ol>",
            ),
        ),
        ("heading", Text("Dokumentai", "Documents")),
        (
            "document",
            {
                "document": Ref("order_document"),
                "label": Text(
                    "Mero 2020-06-02 potvarkis Nr. M-18 dėl darbo grupių sudarymo",
                    "Mayor's order No. M-18 of 2 June 2020 forming the working groups",
                ),
            },
        ),
        ("heading", Text("Kontaktai", "Contacts")),
        (
            "paragraph",
            RichText(
                "<p>Alytaus miesto savivaldybės administracijos Strateginio planavimo ir "
                "investicijų skyrius<br/>Rotušės a. 4, LT-62504 Alytus<br/>"
                f"El. paštas: {CONTACT_EMAIL}</p>",
                "<p>Strategic Planning and Investment Division, Alytus City Municipal "
                "Administration<br/>Rotušės a. 4, LT-62504 Alytus, Lithuania<br/>"
                f"E-mail: {CONTACT_EMAIL}</p>",
            ),
        ),
    ),
}

WORKING_GROUP_INDEX = {
    "slug": Text("darbo-grupes", "working-groups"),
    "title": Text("Darbo grupės", "Working groups"),
    "show_in_menus": True,
    "intro": RichText(
        "<p>Alytaus miesto savivaldybės meras 2020-06-02 potvarkiu Nr. M-18 sudarė penkias "
        "Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 metų parengimo darbo "
        "grupes. Jas sudaro Savivaldybės tarybos nariai, administracijos skyrių vadovai ir "
        "specialistai bei socialiniai-ekonominiai partneriai.</p>"
        "<p>Plano dokumentus, ataskaitas ir projektus, prieš teikiant juos Savivaldybės "
        "tarybos komitetams ir tarybai, derina ir tvirtina Konsultacinė darbo grupė.</p>",
        "<p>By order No. M-18 of 2 June 2020, the Mayor of Alytus City Municipality formed "
        "five working groups to prepare the Strategic Development Plan of Alytus City "
        "Municipality until 2030. Their members are Municipal Council members, heads and "
        "specialists of the Administration's divisions, and social and economic "
        "partners.</p>"
        "<p>The plan's documents, reports and drafts are coordinated and approved by the "
        "Consultative Working Group before they go to the committees of the Municipal Council "
        "and to the Council.</p>",
    ),
}

# The five thematic groups of the order, then the Consultative group. Each remit lists the
# areas of the article's "koordinuos ... klausimus" sentence, one per item, in the nominative
# case; the intro quotes the sentence itself.
WORKING_GROUPS = [
    {
        "page": {
            "slug": Text(
                "ekonomikos-ir-verslo-aplinkos-darbo-grupe",
                "economy-and-business-environment-working-group",
            ),
            "title": Text(
                "Ekonomikos ir verslo aplinkos darbo grupė",
                "Economy and Business Environment Working Group",
            ),
            "number": 1,
            "kind": "thematic",
            "intro": Text(
                "Darbo grupė koordinuoja ekonomikos, verslo ir investicijų pritraukimo, "
                "turizmo ir rekreacinės aplinkos klausimus.",
                "The group coordinates matters of the economy, attracting business and "
                "investment, tourism and the recreational environment.",
            ),
            "remit": Stream(
                ("area", Text("Ekonomika", "Economy")),
                (
                    "area",
                    Text(
                        "Verslo ir investicijų pritraukimas", "Attracting business and investment"
                    ),
                ),
                (
                    "area",
                    Text(
                        "Turizmas ir rekreacinė aplinka", "Tourism and the recreational environment"
                    ),
                ),
            ),
        },
        "memberships": seats(
            (MEMBER, division("Ekonomikos ir turizmo", "Economy and Tourism"), "administration"),
            (
                MEMBER,
                Text(
                    "Savivaldybei pavaldi turizmo ir verslo informacijos įstaiga",
                    "Municipal tourism and business information agency",
                ),
                "subordinate",
            ),
            (
                MEMBER,
                Text("Verslo asociacijos ir rūmai", "Business associations and chambers"),
                "organisation",
            ),
            (
                MEMBER,
                Text(
                    "Aukštosios mokyklos ir mokslo įstaigos",
                    "Higher education and research institutions",
                ),
                "other",
            ),
        ),
        "meeting": first_meeting(
            "Ekonomikos ir verslo aplinkos darbo grupės pirmasis posėdis",
            "First meeting of the Economy and Business Environment Working Group",
            hour=9,
            decisions=Stream(
                *THEMATIC_DECISIONS.blocks,
                (
                    "decision",
                    {
                        "text": RichText(
                            "<p>Pasiūlyti į plano projektą įtraukti priemonę „"
                            + INDUSTRIAL_PARK.lt
                            + "“.</p>",
                            "<p>To propose the measure “"
                            + INDUSTRIAL_PARK.en
                            + "” for the draft plan.</p>",
                        ),
                        "plan_elements": Items(Ref("industrial_park_measure")),
                    },
                ),
            ),
        ),
    },
    {
        "page": {
            "slug": Text(
                "svietimo-sporto-ir-kulturos-darbo-grupe",
                "education-sport-and-culture-working-group",
            ),
            "title": Text(
                "Švietimo, sporto ir kultūros darbo grupė",
                "Education, Sport and Culture Working Group",
            ),
            "number": 2,
            "kind": "thematic",
            "intro": Text(
                "Darbo grupė koordinuoja švietimo, sporto ir kultūros paslaugų bei "
                "infrastruktūros vystymo klausimus.",
                "The group coordinates matters of developing education, sport and culture "
                "services and infrastructure.",
            ),
            "remit": Stream(
                (
                    "area",
                    Text(
                        "Švietimo paslaugų ir infrastruktūros vystymas",
                        "Developing education services and infrastructure",
                    ),
                ),
                (
                    "area",
                    Text(
                        "Sporto paslaugų ir infrastruktūros vystymas",
                        "Developing sport services and infrastructure",
                    ),
                ),
                (
                    "area",
                    Text(
                        "Kultūros paslaugų ir infrastruktūros vystymas",
                        "Developing culture services and infrastructure",
                    ),
                ),
            ),
        },
        "memberships": seats(
            (MEMBER, division("Švietimo ir sporto", "Education and Sport"), "administration"),
            (MEMBER, division("Kultūros", "Culture"), "administration"),
            (
                MEMBER,
                Text(
                    "Savivaldybei pavaldžios švietimo, sporto ir kultūros įstaigos",
                    "Municipal education, sport and culture institutions",
                ),
                "subordinate",
            ),
            (
                MEMBER,
                Text(
                    "Sporto klubai ir kultūros organizacijos",
                    "Sports clubs and cultural organisations",
                ),
                "organisation",
            ),
            (
                MEMBER,
                Text("Mokinių ir tėvų atstovai", "Representatives of pupils and parents"),
                "other",
            ),
        ),
        "meeting": first_meeting(
            "Švietimo, sporto ir kultūros darbo grupės pirmasis posėdis",
            "First meeting of the Education, Sport and Culture Working Group",
            hour=10,
            minute=30,
        ),
    },
    {
        "page": {
            "slug": Text(
                "sveikatos-ir-socialines-aplinkos-darbo-grupe",
                "health-and-social-environment-working-group",
            ),
            "title": Text(
                "Sveikatos ir socialinės aplinkos darbo grupė",
                "Health and Social Environment Working Group",
            ),
            "number": 3,
            "kind": "thematic",
            "intro": Text(
                "Darbo grupė koordinuoja sveikatos priežiūros, socialinės apsaugos, visuomenės "
                "saugumo, vaikų bei šeimos gerovės, jaunimo, bendruomenių ir nevyriausybinių "
                "organizacijų, viešojo saugumo ir prevencijos klausimus.",
                "The group coordinates matters of health care, social protection, community "
                "safety, child and family welfare, youth, communities and non-governmental "
                "organisations, public security and prevention.",
            ),
            "remit": Stream(
                ("area", Text("Sveikatos priežiūra", "Health care")),
                ("area", Text("Socialinė apsauga", "Social protection")),
                ("area", Text("Visuomenės saugumas", "Community safety")),
                ("area", Text("Vaikų bei šeimos gerovė", "Child and family welfare")),
                ("area", Text("Jaunimas", "Youth")),
                (
                    "area",
                    Text(
                        "Bendruomenės ir nevyriausybinės organizacijos",
                        "Communities and non-governmental organisations",
                    ),
                ),
                (
                    "area",
                    Text("Viešasis saugumas ir prevencija", "Public security and prevention"),
                ),
            ),
        },
        "memberships": seats(
            (MEMBER, division("Sveikatos apsaugos", "Health Care"), "administration"),
            (MEMBER, division("Socialinės paramos", "Social Support"), "administration"),
            (
                MEMBER,
                Text(
                    "Savivaldybei pavaldžios sveikatos priežiūros ir socialinių paslaugų įstaigos",
                    "Municipal health care and social service institutions",
                ),
                "subordinate",
            ),
            (
                MEMBER,
                Text(
                    "Nevyriausybinės, jaunimo ir bendruomenių organizacijos",
                    "Non-governmental, youth and community organisations",
                ),
                "organisation",
            ),
            (
                MEMBER,
                Text(
                    "Policijos ir kitų viešojo saugumo institucijų atstovai",
                    "Representatives of the police and other public-security bodies",
                ),
                "other",
            ),
        ),
        "meeting": first_meeting(
            "Sveikatos ir socialinės aplinkos darbo grupės pirmasis posėdis",
            "First meeting of the Health and Social Environment Working Group",
            hour=13,
        ),
    },
    {
        "page": {
            "slug": Text(
                "aplinkos-apsaugos-ir-infrastrukturos-darbo-grupe",
                "environmental-protection-and-infrastructure-working-group",
            ),
            "title": Text(
                "Aplinkos apsaugos ir infrastruktūros darbo grupė",
                "Environmental Protection and Infrastructure Working Group",
            ),
            "number": 4,
            "kind": "thematic",
            "intro": Text(
                "Darbo grupė koordinuoja aplinkos apsaugos, gyvenamosios aplinkos, atliekų "
                "tvarkymo, gamtos ir kultūros paveldo, urbanistikos ir teritorijų planavimo, "
                "susisiekimo, vandens tiekimo ir nuotekų tvarkymo, energetikos ir kitos "
                "inžinerinės infrastruktūros klausimus.",
                "The group coordinates matters of environmental protection, the living "
                "environment, waste management, natural and cultural heritage, urban "
                "development and spatial planning, transport, water supply and wastewater "
                "treatment, energy and other engineering infrastructure.",
            ),
            "remit": Stream(
                ("area", Text("Aplinkos apsauga", "Environmental protection")),
                ("area", Text("Gyvenamoji aplinka", "Living environment")),
                ("area", Text("Atliekų tvarkymas", "Waste management")),
                ("area", Text("Gamtos ir kultūros paveldas", "Natural and cultural heritage")),
                (
                    "area",
                    Text(
                        "Urbanistika ir teritorijų planavimas",
                        "Urban development and spatial planning",
                    ),
                ),
                ("area", Text("Susisiekimas", "Transport")),
                (
                    "area",
                    Text(
                        "Vandens tiekimas ir nuotekų tvarkymas",
                        "Water supply and wastewater treatment",
                    ),
                ),
                (
                    "area",
                    Text(
                        "Energetika ir kita inžinerinė infrastruktūra",
                        "Energy and other engineering infrastructure",
                    ),
                ),
            ),
        },
        "memberships": seats(
            (
                MEMBER,
                division("Miesto ūkio ir aplinkosaugos", "City Services and Environment"),
                "administration",
            ),
            (
                MEMBER,
                division("Architektūros ir urbanistikos", "Architecture and Urban Planning"),
                "administration",
            ),
            (
                MEMBER,
                Text(
                    "Savivaldybės valdomos komunalinių paslaugų įmonės",
                    "Municipally owned utility companies",
                ),
                "subordinate",
            ),
            (
                MEMBER,
                Text(
                    "Aplinkosaugos ir paveldo organizacijos",
                    "Environmental and heritage organisations",
                ),
                "organisation",
            ),
            (
                MEMBER,
                Text("Daugiabučių namų savininkų bendrijos", "Apartment owners' associations"),
                "other",
            ),
        ),
        "meeting": first_meeting(
            "Aplinkos apsaugos ir infrastruktūros darbo grupės pirmasis posėdis",
            "First meeting of the Environmental Protection and Infrastructure Working Group",
            hour=14,
            minute=30,
        ),
    },
    {
        "page": {
            "slug": Text("viesojo-sektoriaus-darbo-grupe", "public-sector-working-group"),
            "title": Text("Viešojo sektoriaus darbo grupė", "Public Sector Working Group"),
            "number": 5,
            "kind": "thematic",
            "intro": Text(
                "Darbo grupė koordinuoja Savivaldybės administracijos ir jos įstaigų bei "
                "įmonių viešojo valdymo, žmogiškųjų išteklių, informacinių technologijų, "
                "viešųjų ryšių ir Savivaldybės įvaizdžio bei gyventojų įtraukimo į sprendimų "
                "priėmimą klausimus.",
                "The group coordinates matters of public governance of the Municipal "
                "Administration and its institutions and companies, human resources, "
                "information technology, public relations and the Municipality's image, and "
                "involving residents in decision-making.",
            ),
            "remit": Stream(
                (
                    "area",
                    Text(
                        "Savivaldybės administracijos ir jos įstaigų bei įmonių viešasis valdymas",
                        "Public governance of the Municipal Administration and its "
                        "institutions and companies",
                    ),
                ),
                ("area", Text("Žmogiškieji ištekliai", "Human resources")),
                ("area", Text("Informacinės technologijos", "Information technology")),
                (
                    "area",
                    Text(
                        "Viešieji ryšiai ir Savivaldybės įvaizdis",
                        "Public relations and the Municipality's image",
                    ),
                ),
                (
                    "area",
                    Text(
                        "Gyventojų įtraukimas į sprendimų priėmimą",
                        "Involving residents in decision-making",
                    ),
                ),
            ),
        },
        "memberships": seats(
            (MEMBER, division("Personalo", "Human Resources"), "administration"),
            (
                MEMBER,
                division("Informacinių technologijų", "Information Technology"),
                "administration",
            ),
            (MEMBER, division("Viešųjų ryšių", "Public Relations"), "administration"),
            (
                MEMBER,
                Text(
                    "Savivaldybei pavaldžių įstaigų ir įmonių vadovai",
                    "Heads of municipal institutions and companies",
                ),
                "subordinate",
            ),
            (
                MEMBER,
                Text("Gyventojų bendruomenių organizacijos", "Residents' community organisations"),
                "organisation",
            ),
        ),
        "meeting": first_meeting(
            "Viešojo sektoriaus darbo grupės pirmasis posėdis",
            "First meeting of the Public Sector Working Group",
            hour=16,
        ),
    },
    {
        "page": {
            "slug": Text("konsultacine-darbo-grupe", "consultative-working-group"),
            "title": Text("Konsultacinė darbo grupė", "Consultative Working Group"),
            "number": None,
            "kind": "consultative",
            "intro": Text(
                "Konsultacinė Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 m. "
                "rengimo darbo grupė derina ir tvirtina įvairius plano rengimo dokumentus, "
                "ataskaitas ir projektus, prieš teikiant juos Alytaus miesto savivaldybės "
                "tarybos komitetams ir tarybai.",
                "The Consultative Working Group for the preparation of the Strategic "
                "Development Plan of Alytus City Municipality until 2030 coordinates and "
                "approves the plan's documents, reports and drafts before they are submitted "
                "to the committees of Alytus City Municipal Council and to the Council.",
            ),
            "remit": Stream(
                (
                    "area",
                    Text(
                        "Plano rengimo dokumentų derinimas ir tvirtinimas",
                        "Coordinating and approving the plan's documents",
                    ),
                ),
                (
                    "area",
                    Text(
                        "Ataskaitų derinimas ir tvirtinimas",
                        "Coordinating and approving reports",
                    ),
                ),
                (
                    "area",
                    Text(
                        "Plano projektų derinimas ir tvirtinimas prieš teikiant juos "
                        "Savivaldybės tarybos komitetams ir tarybai",
                        "Coordinating and approving the plan's drafts before they go to the "
                        "committees of the Municipal Council and to the Council",
                    ),
                ),
            ),
        },
        "memberships": [
            {"role": CHAIR, "organisation": COUNCIL, "category": "council"},
            {
                "role": DEPUTY_CHAIR,
                "organisation": Text("Savivaldybės administracija", "Municipal Administration"),
                "category": "administration",
            },
            {"role": SECRETARY, "organisation": STRATEGIC_PLANNING, "category": "administration"},
            {
                "role": Text(
                    "Teminių darbo grupių pirmininkai", "Chairs of the thematic working groups"
                ),
                "organisation": COUNCIL,
                "category": "council",
            },
            {
                "role": MEMBER,
                "organisation": Text(
                    "Verslo ir visuomeninės organizacijos", "Business and civic organisations"
                ),
                "category": "organisation",
            },
        ],
        "meeting": {
            **first_meeting(
                "Konsultacinės darbo grupės pirmasis posėdis",
                "First meeting of the Consultative Working Group",
                hour=8,
                agenda=Stream(
                    (
                        "item",
                        Text(
                            "Konsultacinės darbo grupės uždaviniai ir darbo tvarka",
                            "The Consultative group's tasks and procedure",
                        ),
                    ),
                    (
                        "item",
                        Text(
                            "Plano rengimo dokumentų, ataskaitų ir projektų derinimo tvarka",
                            "How the plan's documents, reports and drafts are coordinated",
                        ),
                    ),
                    (
                        "item",
                        Text(
                            "Teminių darbo grupių darbo planų aptarimas",
                            "Discussion of the thematic groups' work plans",
                        ),
                    ),
                ),
            ),
            "decisions": Stream(
                (
                    "decision",
                    {
                        "text": RichText(
                            "<p>Pritarti plano rengimo dokumentų derinimo ir tvirtinimo "
                            "tvarkai.</p>",
                            "<p>To approve the procedure for coordinating and approving the "
                            "plan's documents.</p>",
                        ),
                        "plan_elements": Items(),
                    },
                ),
            ),
        },
    },
]

PLAN_INDEX = {
    "slug": Text("planas", "plan"),
    "title": Text("Planas", "The plan"),
    "show_in_menus": True,
    "intro": Text(
        "Čia skelbiami Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 m. "
        "projektai, jų rengimo etapas ir viešųjų konsultacijų terminai.",
        "The drafts of the Strategic Development Plan of Alytus City Municipality until 2030, "
        "their stage and their public consultation periods.",
    ),
}

PLAN_DRAFT = {
    "slug": Text("plano-projektas-0-1", "draft-plan-0-1"),
    "title": Text(
        "Strateginio plėtros plano iki 2030 m. projektas 0.1",
        "Draft Strategic Development Plan until 2030, version 0.1",
    ),
    # wagtail-localize treats this CharField as translatable text, so it needs an English value.
    "version_label": Text("0.1", "0.1"),
    "change_note": Text(
        "Pirmasis projektas viešajai konsultacijai.", "The first draft for public consultation."
    ),
    "stage": "drafting",
    "is_demonstration": True,
    "summary": Text(
        "Pirmasis plano projektas: įžanga, situacijos analizės sritys, vizija ir prioritetai. "
        "Projektas atviras viešajai konsultacijai – laukiame jūsų komentarų.",
        "The first draft of the plan: introduction, areas of the situation analysis, vision "
        "and priorities. The draft is open for public consultation – we welcome your "
        "comments.",
    ),
    "sections": Stream(
        (
            "section",
            {
                "heading": Text("Įžanga", "Introduction"),
                "body": Stream(
                    (
                        "paragraph",
                        RichText(
                            "<p>Šis dokumentas – pirmasis Alytaus miesto savivaldybės "
                            "strateginio plėtros plano iki 2030 m. projektas, teikiamas "
                            "viešajai konsultacijai. Jį pildys ir tikslins darbo grupės, "
                            "atsižvelgdamos į gyventojų pasiūlymus.</p>"
                            "<p>Plano projektą rengia penkios teminės darbo grupės, sudarytos "
                            "Alytaus miesto savivaldybės mero 2020-06-02 potvarkiu Nr. M-18. "
                            "Prieš teikiant projektą Savivaldybės tarybos komitetams ir "
                            "tarybai, jį derina ir tvirtina Konsultacinė darbo grupė.</p>",
                            "<p>This document is the first draft of the Strategic Development "
                            "Plan of Alytus City Municipality until 2030, put to public "
                            "consultation. The working groups will complete and refine it, "
                            "taking residents' proposals into account.</p>"
                            "<p>The draft is prepared by five thematic working groups formed by "
                            "order No. M-18 of the Mayor of Alytus City Municipality of 2 June "
                            "2020. Before the draft goes to the committees of the Municipal "
                            "Council and to the Council, the Consultative Working Group "
                            "coordinates and approves it.</p>",
                        ),
                    ),
                ),
            },
        ),
        (
            "section",
            {
                "heading": Text("Situacijos analizė", "Situation analysis"),
                "body": Stream(
                    (
                        "paragraph",
                        RichText(
                            "<p>Situacijos analizė apima sritis, kurias koordinuoja teminės "
                            "darbo grupės:</p>"
                            "<ul><li>ekonomika, verslo ir investicijų pritraukimas, turizmas ir "
                            "rekreacinė aplinka;</li>"
                            "<li>švietimo, sporto ir kultūros paslaugos ir infrastruktūra;</li>"
                            "<li>sveikatos priežiūra, socialinė apsauga, vaikų ir šeimos "
                            "gerovė, jaunimas, bendruomenės, nevyriausybinės organizacijos ir "
                            "saugumas;</li>"
                            "<li>aplinkos apsauga, gyvenamoji aplinka, paveldas, urbanistika, "
                            "susisiekimas ir inžinerinė infrastruktūra;</li>"
                            "<li>viešasis valdymas, žmogiškieji ištekliai, informacinės "
                            "technologijos, viešieji ryšiai ir gyventojų įtraukimas.</li></ul>"
                            "<p>Darbo grupių susitikimuose aptariami Alytaus miestui aktualūs "
                            "probleminiai klausimai; jų išvados bus įrašytos į šį skyrių.</p>",
                            "<p>The situation analysis covers the areas coordinated by the "
                            "thematic working groups:</p>"
                            "<ul><li>the economy, attracting business and investment, tourism "
                            "and the recreational environment;</li>"
                            "<li>education, sport and culture services and "
                            "infrastructure;</li>"
                            "<li>health care, social protection, child and family welfare, "
                            "youth, communities, non-governmental organisations and "
                            "safety;</li>"
                            "<li>environmental protection, the living environment, heritage, "
                            "urban development, transport and engineering "
                            "infrastructure;</li>"
                            "<li>public governance, human resources, information technology, "
                            "public relations and involving residents.</li></ul>"
                            "<p>The working groups discuss the problems that matter to Alytus "
                            "at their meetings; their findings will be added to this "
                            "section.</p>",
                        ),
                    ),
                ),
            },
        ),
        (
            "section",
            {
                "heading": Text("Vizija ir prioritetai", "Vision and priorities"),
                "body": Stream(
                    (
                        "paragraph",
                        RichText(
                            "<p>2030 m. Alytus – moderni, žalia ir svetinga Dzūkijos sostinė, "
                            "kurioje gera gyventi, dirbti ir kurti.</p>"
                            "<p>Prioritetai, atitinkantys darbo grupių sritis:</p>"
                            "<ol><li>Konkurencinga ekonomika ir patraukli verslo aplinka.</li>"
                            "<li>Kokybiškas švietimas, aktyvus sportas ir gyva kultūra.</li>"
                            "<li>Sveika, saugi ir solidari bendruomenė.</li>"
                            "<li>Švari aplinka ir moderni infrastruktūra.</li>"
                            "<li>Atviras, veiksmingas ir gyventojus įtraukiantis viešasis "
                            "sektorius.</li></ol>",
                            "<p>In 2030 Alytus is a modern, green and welcoming capital of "
                            "Dzūkija, a good place to live, work and create.</p>"
                            "<p>Priorities, following the working groups' areas:</p>"
                            "<ol><li>A competitive economy and an attractive business "
                            "environment.</li>"
                            "<li>Good education, active sport and a lively culture.</li>"
                            "<li>A healthy, safe and caring community.</li>"
                            "<li>A clean environment and modern infrastructure.</li>"
                            "<li>An open and effective public sector that involves "
                            "residents.</li></ol>",
                        ),
                    ),
                ),
            },
        ),
        (
            "section",
            {
                "heading": Text("Tolesni žingsniai", "Next steps"),
                "body": Stream(
                    (
                        "paragraph",
                        RichText(
                            "<p>Kviečiame komentuoti šį projektą, kol vyksta viešoji "
                            "konsultacija. Pasiūlymus apibendrins darbo grupės, o patikslintą "
                            "projektą derins ir tvirtins Konsultacinė darbo grupė, prieš "
                            "teikiant jį Savivaldybės tarybos komitetams ir tarybai.</p>",
                            "<p>Please comment on this draft while the public consultation is "
                            "open. The working groups will summarise the proposals, and the "
                            "Consultative Working Group will coordinate and approve the revised "
                            "draft before it goes to the committees of the Municipal Council "
                            "and to the Council.</p>",
                        ),
                    ),
                ),
            },
        ),
    ),
    "plan_tree": PLAN_TREE,
}

# An adopted version of the demonstration plan, so that monitoring (indicator values recorded
# each year) can be shown; its elements have their own ids (they are another page's blocks).
PLAN_ADOPTED = {
    "slug": Text("planas-1-0-demonstracinis", "plan-1-0-demonstration"),
    "title": Text(
        "Strateginis plėtros planas iki 2030 m., patvirtinta versija 1.0",
        "Strategic Development Plan until 2030, adopted version 1.0",
    ),
    "version_label": Text("1.0", "1.0"),
    "stage": "adopted",
    "is_demonstration": True,
    "summary": Text(
        "Patvirtinta plano versija ir jos stebėsena: rodiklių reikšmės kasmet ir pažanga "
        "siekiant 2025 ir 2030 m. tikslų.",
        "The adopted version of the plan and its monitoring: indicator values each year and "
        "progress towards the 2025 and 2030 targets.",
    ),
    "plan_tree": PLAN_TREE,
}

NEWS_INDEX = {
    "slug": Text("naujienos", "news"),
    "title": Text("Naujienos", "News"),
    "show_in_menus": True,
    "intro": Text(
        "Naujienos apie Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 m. rengimą.",
        "News about the preparation of the Strategic Development Plan of Alytus City "
        "Municipality until 2030.",
    ),
}

# The article's numbered list of the groups; the order's PDF repeats it.
ARTICLE_GROUPS = [
    Text(
        "Ekonomikos ir verslo aplinkos darbo grupė koordinuos ekonomikos, verslo ir investicijų "
        "pritraukimo, turizmo ir rekreacinės aplinkos klausimus;",
        "the Economy and Business Environment Working Group will coordinate matters of the "
        "economy, attracting business and investment, tourism and the recreational environment;",
    ),
    Text(
        "Švietimo, sporto ir kultūros darbo grupė koordinuos švietimo, sporto ir kultūros "
        "paslaugų bei infrastruktūros vystymo klausimus;",
        "the Education, Sport and Culture Working Group will coordinate matters of developing "
        "education, sport and culture services and infrastructure;",
    ),
    Text(
        "Sveikatos ir socialinės aplinkos darbo grupė koordinuos sveikatos priežiūros, "
        "socialinės apsaugos, visuomenės saugumo, vaikų bei šeimos gerovės, jaunimo, "
        "bendruomenių ir nevyriausybinių organizacijų, viešojo saugumo ir prevencijos "
        "klausimus;",
        "the Health and Social Environment Working Group will coordinate matters of health "
        "care, social protection, community safety, child and family welfare, youth, "
        "communities and non-governmental organisations, public security and prevention;",
    ),
    Text(
        "Aplinkos apsaugos ir infrastruktūros darbo grupė koordinuos aplinkos apsaugos, "
        "gyvenamosios aplinkos, atliekų tvarkymo, gamtos ir kultūros paveldo, urbanistikos ir "
        "teritorijų planavimo, susisiekimo, vandens tiekimo ir nuotekų tvarkymo, energetikos ir "
        "kitos inžinerinės infrastruktūros klausimus;",
        "the Environmental Protection and Infrastructure Working Group will coordinate matters "
        "of environmental protection, the living environment, waste management, natural and "
        "cultural heritage, urban development and spatial planning, transport, water supply "
        "and wastewater treatment, energy and other engineering infrastructure;",
    ),
    Text(
        "Viešojo sektoriaus darbo grupė koordinuos Savivaldybės administracijos ir jos įstaigų "
        "bei įmonių viešojo valdymo, žmogiškųjų išteklių, informacinių technologijų, viešųjų "
        "ryšių ir Savivaldybės įvaizdžio bei gyventojų įtraukimo į sprendimų priėmimą "
        "klausimus.",
        "the Public Sector Working Group will coordinate matters of public governance of the "
        "Municipal Administration and its institutions and companies, human resources, "
        "information technology, public relations and the Municipality's image, and involving "
        "residents in decision-making.",
    ),
]
ARTICLE_LIST = RichText(
    "<ol>" + "".join(f"<li>{item.lt}</li>" for item in ARTICLE_GROUPS) + "</ol>",
    "<ol>" + "".join(f"<li>{item.en}</li>" for item in ARTICLE_GROUPS) + "</ol>",
)

# The seed article. It is undated: it follows the order of 2 June 2020 and announces that
# work starts on 21 July 2020, so we date it 15 July 2020.
NEWS_ARTICLE = {
    "slug": Text(
        "i-alytaus-miesto-strateginio-pletros-plano-rengima-isitraukia-penkios-darbo-grupes",
        "five-working-groups-join-the-preparation-of-the-alytus-strategic-plan",
    ),
    "title": Text(
        "Į Alytaus miesto strateginio plėtros plano iki 2030 m. projekto rengimą įsitraukia "
        "penkios darbo grupės",
        "Five working groups join the preparation of the draft Alytus City Strategic "
        "Development Plan until 2030",
    ),
    "date": datetime.date(2020, 7, 15),
    "source_line": Text(
        "AMS, Strateginio plano rengėjų informacija",
        "Alytus City Municipality, information from the strategic plan's preparers",
    ),
    "intro": Text(
        "Darbo grupių veikla – itin svarbus Alytaus miesto savivaldybės strateginio plėtros "
        "plano rengimo etapas, jo tikslas – parengti Alytaus miesto savivaldybės strateginio "
        "plėtros plano iki 2030 m. projektą.",
        "The activity of the working groups is a particularly important stage in preparing "
        "the Strategic Development Plan of Alytus City Municipality: its aim is to prepare the "
        "draft Strategic Development Plan of Alytus City Municipality until 2030.",
    ),
    "body": RichText(
        "<p>Alytaus miesto savivaldybės meras 2020-06-02 potvarkiu Nr. M-18 sudarė penkias "
        "Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 metų parengimo darbo "
        "grupes:</p>"
        + ARTICLE_LIST.lt
        + "<p>Darbo grupes sudaro Alytaus miesto savivaldybės tarybos nariai; savivaldybės "
        "administracijos skyrių (padalinių) vadovai ir specialistai; savivaldybės "
        "socialiniai-ekonominiai partneriai: pavaldžių įstaigų bei įmonių atstovai, verslo ir "
        "visuomeninių organizacijų atstovai, kiti suinteresuoti asmenys.</p>"
        "<p>Darbo grupių susitikimų metu bus sprendžiami Alytaus miestui aktualūs probleminiai "
        "klausimai, generuojamos idėjos, jos padės kurti nuoseklią miesto plėtrą.</p>"
        "<p>Įvairiems plano rengimo dokumentams, ataskaitoms ir projektams derinti ir "
        "tvirtinti, prieš teikiant juos Alytaus miesto savivaldybės komitetams, tarybai, yra "
        "suburiama Konsultacinė Alytaus miesto savivaldybės strateginio plėtros plano iki "
        "2030 m. rengimo darbo grupė.</p>"
        "<p>Darbo grupių darbas pradedamas 2020 m. liepos 21 d., numatoma pabaiga – gruodžio "
        "mėnesį.</p>"
        "<p>Su Alytaus miesto savivaldybės mero potvarkiu dėl Alytaus miesto strateginio "
        "plėtros plano iki 2030 metų parengimo darbo grupių sudarymo galite susipažinti "
        '<a linktype="document" id="$order_document">čia</a>.</p>',
        "<p>By order No. M-18 of 2 June 2020, the Mayor of Alytus City Municipality formed five "
        "working groups to prepare the Strategic Development Plan of Alytus City Municipality "
        "until 2030:</p>"
        + ARTICLE_LIST.en
        + "<p>The working groups are made up of members of Alytus City Municipal Council; heads "
        "and specialists of the divisions (units) of the Municipal Administration; and the "
        "Municipality's social and economic partners: representatives of subordinate "
        "institutions and companies, of business and civic organisations, and other "
        "stakeholders.</p>"
        "<p>At their meetings the working groups will tackle problems that matter to the city "
        "of Alytus and generate ideas that will help to shape the city's consistent "
        "development.</p>"
        "<p>A Consultative Working Group for the preparation of the Strategic Development Plan "
        "of Alytus City Municipality until 2030 is being set up to coordinate and approve the "
        "plan's various documents, reports and drafts before they are submitted to the "
        "committees and the council of Alytus City Municipality.</p>"
        "<p>The working groups start work on 21 July 2020 and are expected to finish in "
        "December.</p>"
        "<p>The Mayor's order forming the working groups for the preparation of the Alytus "
        "City Strategic Development Plan until 2030 is available "
        '<a linktype="document" id="$order_document">here</a>.</p>',
    ),
}
NEWS_ARTICLE_TOPICS = [
    Text("darbo grupės", "working groups"),
    Text("strateginis planas", "strategic plan"),
]
NEWS_ARTICLE_TAGS = [topic.lt for topic in NEWS_ARTICLE_TOPICS]

# --- The footer's pages ----------------------------------------------------------------------

# The EU model accessibility statement (Commission Implementing Decision (EU) 2018/1523, annex):
# commitment and scope, compliance status, non-accessible content, preparation, feedback and
# contact, enforcement procedure. Lithuania transposed Directive (EU) 2016/2102 by the
# Government's resolution No. 480, whose authorised institution (IVPK) monitors websites.
STATEMENT_DATE = Text("2026 m. gruodžio 1 d.", "1 December 2026")
GENERAL_REQUIREMENTS = Text(
    "Bendrųjų reikalavimų valstybės ir savivaldybių institucijų ir įstaigų interneto "
    "svetainėms ir mobiliosioms programoms aprašą, patvirtintą Lietuvos Respublikos "
    "Vyriausybės 2003 m. balandžio 18 d. nutarimu Nr. 480, kuriuo į Lietuvos teisę perkelta "
    "direktyva (ES) 2016/2102",
    "the Description of General Requirements for the Websites and Mobile Applications of "
    "State and Municipal Institutions and Bodies, approved by Resolution No. 480 of the "
    "Government of the Republic of Lithuania of 18 April 2003, which transposes Directive (EU) "
    "2016/2102",
)

ACCESSIBILITY_STATEMENT = {
    "slug": Text("prieinamumo-deklaracija", "accessibility-statement"),
    "title": Text("Prieinamumo deklaracija", "Accessibility statement"),
    "intro": Text(
        "Alytaus miesto savivaldybės administracija įsipareigoja užtikrinti savo interneto "
        f"svetainės prieinamumą pagal {GENERAL_REQUIREMENTS.lt}. Ši prieinamumo deklaracija "
        "taikoma Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 m. svetainei.",
        "Alytus City Municipal Administration is committed to making its website accessible, "
        f"in accordance with {GENERAL_REQUIREMENTS.en}. This accessibility statement applies to "
        "the website of the Alytus City Municipality Strategic Development Plan until 2030.",
    ),
    "body": Stream(
        ("heading", Text("Atitikties būklė", "Compliance status")),
        (
            "paragraph",
            RichText(
                "<p>Ši svetainė <b>iš dalies atitinka</b> darniojo standarto EN 301 549 V3.2.1 "
                "(2021-03) ir Saityno turinio prieinamumo gairių (WCAG) 2.1 AA lygio "
                "reikalavimus dėl toliau išvardytų neatitikčių.</p>",
                "<p>This website is <b>partially compliant</b> with the harmonised standard "
                "EN 301 549 V3.2.1 (2021-03) and the Web Content Accessibility Guidelines (WCAG) "
                "2.1 level AA that it applies, due to the non-compliances listed below.</p>",
            ),
        ),
        ("heading", Text("Neprieinamas turinys", "Non-accessible content")),
        (
            "paragraph",
            RichText(
                "<h3>Neatitiktis prieinamumo reikalavimams</h3>"
                "<ul><li>Mero 2020-06-02 potvarkio Nr. M-18 kopija PDF formatu neturi "
                "struktūros žymių, todėl ekrano skaitytuvai gali neperteikti jos antraščių ir "
                "sąrašų (WCAG 2.1 sėkmės kriterijus 1.3.1). Tas pats potvarkio turinys "
                "paskelbtas tekstu naujienoje apie darbo grupių sudarymą.</li>"
                "<li>Dokumentai, kuriuos svetainėje skelbia redaktoriai (PDF, DOCX, ODT), "
                "automatiškai netikrinami; kai kuriuose iš jų gali trūkti antraščių ar "
                "alternatyviojo teksto paveikslams (1.1.1, 1.3.1). Paprašius pateiksime juos "
                "prieinamu formatu.</li></ul>"
                "<h3>Neproporcinga našta</h3>"
                "<p>Šia išimtimi nesinaudojame.</p>"
                "<h3>Turinys, kuriam prieinamumo reikalavimai netaikomi</h3>"
                "<p>Kitų institucijų svetainės, į kurias pateikiamos nuorodos: jų turinio "
                "Savivaldybės administracija nekuria ir nekontroliuoja.</p>",
                "<h3>Non-compliance with the accessibility requirements</h3>"
                "<ul><li>The PDF copy of the Mayor's order No. M-18 of 2 June 2020 is not "
                "tagged, so screen readers may not convey its headings and lists (WCAG 2.1 "
                "success criterion 1.3.1). The same content of the order is published as text "
                "in the news article about the forming of the working groups.</li>"
                "<li>Documents that editors publish on the website (PDF, DOCX, ODT) are not "
                "checked automatically; some of them may lack headings or text alternatives "
                "for images (1.1.1, 1.3.1). We will provide them in an accessible format on "
                "request.</li></ul>"
                "<h3>Disproportionate burden</h3>"
                "<p>We do not claim this exemption.</p>"
                "<h3>Content that is not within the scope of the applicable legislation</h3>"
                "<p>Websites of other institutions that we link to: the Municipal "
                "Administration neither produces nor controls their content.</p>",
            ),
        ),
        (
            "heading",
            Text(
                "Šios prieinamumo deklaracijos parengimas",
                "Preparation of this accessibility statement",
            ),
        ),
        (
            "paragraph",
            RichText(
                # The Lithuanian date ends with "d.", which also ends the sentence.
                f"<p>Ši deklaracija parengta {STATEMENT_DATE.lt} Svetainės atitiktį įvertino "
                "pati Savivaldybės administracija (savarankiškas vertinimas): automatiniais "
                "patikrinimais ir rankiniu patikrinimu, naršant tik klaviatūra, siauruose ir "
                "plačiuose ekranuose. Deklaracija paskutinį kartą peržiūrėta "
                f"{STATEMENT_DATE.lt}</p>",
                f"<p>This statement was prepared on {STATEMENT_DATE.en}. The Municipal "
                "Administration assessed the website itself (self-assessment): with automated "
                "checks and by hand, using the keyboard only, on narrow and wide screens. The "
                f"statement was last reviewed on {STATEMENT_DATE.en}.</p>",
            ),
        ),
        (
            "heading",
            Text("Grįžtamasis ryšys ir kontaktinė informacija", "Feedback and contact information"),
        ),
        (
            "paragraph",
            RichText(
                "<p>Jei pastebėjote, kad kuri nors šios svetainės dalis jums neprieinama, arba "
                "norite gauti neprieinamą turinį (pavyzdžiui, dokumentą) kitu formatu, "
                f'parašykite mums el. paštu <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> '
                "arba paštu: Alytaus miesto savivaldybės administracija, Rotušės a. 4, "
                "LT-62504 Alytus. Atsakysime ne vėliau kaip per 20 darbo dienų.</p>",
                "<p>If you find that any part of this website is not accessible to you, or you "
                "need non-accessible content (such as a document) in another format, write to "
                f'us at <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> or by post: Alytus '
                "City Municipal Administration, Rotušės a. 4, LT-62504 Alytus, Lithuania. We "
                "will reply within 20 working days.</p>",
            ),
        ),
        ("heading", Text("Vykdymo užtikrinimo procedūra", "Enforcement procedure")),
        (
            "paragraph",
            RichText(
                "<p>Jei mūsų atsakymas jūsų netenkina, galite kreiptis į Informacinės "
                "visuomenės plėtros komitetą – Vyriausybės įgaliotą instituciją, kuri stebi, "
                "kaip valstybės ir savivaldybių institucijų interneto svetainės atitinka "
                'prieinamumo reikalavimus (<a href="https://ivpk.lrv.lt/">ivpk.lrv.lt</a>). Mūsų '
                "atsakymą taip pat galite skųsti įstatymų nustatyta tvarka.</p>",
                "<p>If our reply does not satisfy you, you may contact the Information Society "
                "Development Committee, the institution authorised by the Government to "
                "monitor how the websites of state and municipal institutions meet the "
                'accessibility requirements (<a href="https://ivpk.lrv.lt/">ivpk.lrv.lt</a>). '
                "You may also appeal against our reply as provided by law.</p>",
            ),
        ),
    ),
}

# The information index (Lithuanian "informacijos rodyklė", required of public bodies'
# websites by resolution No. 480): the site's structure, listed by the page type itself.
INFORMATION_INDEX = {
    "slug": Text("informacijos-rodykle", "information-index"),
    "title": Text("Informacijos rodyklė", "Information index"),
    "intro": Text(
        "Šios svetainės struktūra: visi skyriai ir jų puslapiai iš eilės.",
        "The structure of this website: every section and its pages, in order.",
    ),
}

# --- Site settings (not translated by wagtail-localize: the model has a field per language) --

SITE_NAME = "Alytaus miesto strateginis plėtros planas iki 2030 m."

# The administration's public address; the phone number and the e-mail address are examples
# (the footer text says so, once, with the site's only "demonstration" label), so that nobody
# calls or writes to a real office about a demo. The e-mail address is on a domain reserved
# for examples (RFC 2606).
SITE_SETTINGS = {
    "municipality_name": "Alytaus miesto savivaldybės administracija",
    "municipality_name_en": "Alytus City Municipal Administration",
    "address": "Rotušės a. 4, LT-62504 Alytus",
    "phone": "+370 315 51 000",
    "email": CONTACT_EMAIL,
    # Where residents write with questions about their comment e-mails (their Reply-To).
    "reply_to_email": CONTACT_EMAIL,
    # The demo's data contacts are roles with example addresses (home/demo/monitoring.py).
    "show_data_contacts": True,
    "footer_text": (
        "Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 m. rengimo svetainė "
        "(demonstracinė versija). Telefono numeris ir el. pašto adresas – pavyzdiniai."
    ),
    "footer_text_en": (
        "The website of the preparation of the Alytus City Municipality Strategic Development "
        "Plan until 2030 (demonstration version). The phone number and e-mail address are "
        "examples."
    ),
}

# --- Text of the order's PDF (Lithuanian only, like the original document) ------------------

ORDER_PDF = {
    "issuer": "ALYTAUS MIESTO SAVIVALDYBĖS MERAS",
    "kind": "POTVARKIS",
    "subject": (
        "DĖL ALYTAUS MIESTO SAVIVALDYBĖS STRATEGINIO PLĖTROS PLANO IKI 2030 METŲ PARENGIMO "
        "DARBO GRUPIŲ SUDARYMO"
    ),
    "date_and_number": "2020 m. birželio 2 d. Nr. M-18",
    "place": "Alytus",
    "notice": (
        "Ši kopija nėra oficialus potvarkio tekstas: joje pateikiama tai, ką apie potvarkį "
        "skelbia Savivaldybės naujiena „Į Alytaus miesto strateginio plėtros plano iki 2030 m. "
        "projekto rengimą įsitraukia penkios darbo grupės“."
    ),
    "lead": (
        "Potvarkiu sudaromos penkios Alytaus miesto savivaldybės strateginio plėtros plano iki "
        "2030 metų parengimo darbo grupės:"
    ),
    "groups": [item.lt for item in ARTICLE_GROUPS],
    "closing": [
        "Darbo grupes sudaro Alytaus miesto savivaldybės tarybos nariai; savivaldybės "
        "administracijos skyrių (padalinių) vadovai ir specialistai; savivaldybės "
        "socialiniai-ekonominiai partneriai: pavaldžių įstaigų bei įmonių atstovai, verslo ir "
        "visuomeninių organizacijų atstovai, kiti suinteresuoti asmenys.",
        "Darbo grupių darbas pradedamas 2020 m. liepos 21 d., numatoma pabaiga – gruodžio mėnesį.",
    ],
}

# The demonstration draft's second version, 0.2, published after the consultation: what it
# changes in the text and in the plan tree (home/demo/revision.py applies it to version 0.1,
# keeping every element's id, so the version comparison shows moves, not removals).
PLAN_DRAFT_REVISION = {
    "version_label": Text("0.2", "0.2"),
    "change_note": Text(
        "Atsižvelgta į viešosios konsultacijos pastabas: miesto renginių programa priskirta "
        "turizmo tikslui, patikslintos investicijų ir nedarbo rodiklių reikšmės, pridėtas "
        "dviračių naudojimo rodiklis, išbrauktas su priemone nesusijęs nusikalstamumo rodiklis.",
        "Comments from the public consultation taken into account: the city events programme "
        "now serves the tourism goal, the investment and unemployment figures are updated, a "
        "cycling indicator is added and a crime indicator unrelated to its measure is removed.",
    ),
    # The vision's first paragraph, section 3 ("Vizija ir prioritetai").
    "vision": Text(
        "2030 m. Alytus – moderni, žalia, svetinga ir atvira Dzūkijos sostinė, kurioje gera "
        "gyventi, dirbti ir kurti.",
        "In 2030 Alytus is a modern, green, welcoming and open capital of Dzūkija, a good place "
        "to live, work and create.",
    ),
    # A paragraph added at the end of section 4 ("Tolesni žingsniai").
    "next_steps": Text(
        "Gauti komentarai ir sprendimai dėl jų skelbiami prie kiekvieno skyriaus, o šios "
        "versijos pakeitimus galima palyginti su ankstesne versija.",
        "The comments received and the decisions on them are published with each section, and "
        "the changes in this version can be compared with the previous version.",
    ),
    "cycling_indicator": Text(
        "Gyventojų, į darbą ar mokslus važiuojančių dviračiu, dalis",
        "Share of residents who cycle to work or school",
    ),
}
