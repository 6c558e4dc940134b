"""The demonstration plan tree: priorities following the five working groups' remits.

Priorities, goals, objectives, measures and indicators are examples made for the demo, marked
on the page as a demonstration draft; figures are plausible, not official statistics. Each
measure names its responsible groups by reference (``group_1`` … ``group_5``, the groups'
numbers in the mayor's order).
"""

from .bilingual import Items, Ref, Stream, Text

MUNICIPAL_BUDGET = Text("Savivaldybės biudžetas", "Municipal budget")
EU_AND_MUNICIPAL = Text(
    "ES fondų ir savivaldybės biudžeto lėšos", "EU funds and the municipal budget"
)


def indicator(name, unit, direction, baseline, target_2025, target_2030, baseline_year=2019):
    """An indicator; a unit given as one string (%, EUR, km) reads the same in both languages."""
    return {
        "name": name,
        "unit": Text(unit, unit) if isinstance(unit, str) else unit,
        "direction": direction,
        "baseline_value": baseline,
        "baseline_year": baseline_year,
        "target_2025": target_2025,
        "target_2030": target_2030,
    }


def measure(title, description, groups, period, funding, cost, *indicators):
    return {
        "title": title,
        "description": description,
        "responsible_groups": Items(*(Ref(f"group_{number}") for number in groups)),
        "period_start": period[0],
        "period_end": period[1],
        "funding_source": funding,
        "estimated_cost": cost,
        "indicators": Items(*indicators),
    }


def objective(title, *measures):
    return {"title": title, "measures": Items(*measures)}


def goal(title, *objectives):
    return {"title": title, "description": "", "objectives": Items(*objectives)}


def priority(title, description, *goals):
    return ("priority", {"title": title, "description": description, "goals": Items(*goals)})


# The measure that the Economy group's first meeting proposed (its decision links to it).
INDUSTRIAL_PARK = Text(
    "Alytaus pramonės parko infrastruktūros plėtra",
    "Development of the Alytus industrial park's infrastructure",
)

PLAN_TREE = Stream(
    priority(
        Text(
            "Konkurencinga ekonomika ir verslui patrauklus miestas",
            "A competitive economy and a city attractive to business",
        ),
        Text(
            "Ekonomikos, verslo ir investicijų pritraukimo, turizmo ir rekreacinės aplinkos "
            "plėtra.",
            "Developing the economy, business, investment attraction, tourism and recreation.",
        ),
        goal(
            Text(
                "Didinti investicijas ir verslo aktyvumą",
                "Increase investment and business activity",
            ),
            objective(
                Text("Gerinti sąlygas investuotojams", "Improve conditions for investors"),
                measure(
                    INDUSTRIAL_PARK,
                    Text(
                        "Inžinerinių tinklų ir privažiavimo kelių įrengimas laisvuose pramonės "
                        "parko sklypuose.",
                        "Utilities and access roads for the industrial park's free plots.",
                    ),
                    [1, 4],
                    (2021, 2027),
                    EU_AND_MUNICIPAL,
                    "4500000",
                    indicator(
                        Text(
                            "Tiesioginės užsienio investicijos vienam gyventojui",
                            "Foreign direct investment per resident",
                        ),
                        "EUR",
                        "up",
                        "2150",
                        "2600",
                        "3200",
                    ),
                    indicator(
                        Text("Registruotas nedarbo lygis", "Registered unemployment rate"),
                        "%",
                        "down",
                        "10.9",
                        "9",
                        "7.5",
                    ),
                ),
            ),
        ),
        goal(
            Text("Plėtoti turizmą ir rekreaciją", "Develop tourism and recreation"),
            objective(
                Text(
                    "Didinti miesto žinomumą ir turizmo paslaugų įvairovę",
                    "Make the city better known and widen its tourism services",
                ),
                measure(
                    Text(
                        "Nemuno pakrantės rekreacinės zonos sutvarkymas",
                        "Improving the recreation area on the Nemunas riverside",
                    ),
                    Text(
                        "Pėsčiųjų takai, poilsio vietos ir prieplauka Nemuno pakrantėje.",
                        "Footpaths, places to rest and a landing stage on the riverside.",
                    ),
                    [1, 4],
                    (2022, 2026),
                    EU_AND_MUNICIPAL,
                    "1800000",
                    indicator(
                        Text(
                            "Turistų nakvynių skaičius per metus", "Tourist overnight stays a year"
                        ),
                        Text("nakvynės", "nights"),
                        "up",
                        "62000",
                        "70000",
                        "85000",
                    ),
                ),
            ),
        ),
    ),
    priority(
        Text("Šiuolaikiškas švietimas, sportas ir kultūra", "Modern education, sport and culture"),
        Text(
            "Švietimo, sporto ir kultūros paslaugų bei infrastruktūros vystymas.",
            "Developing education, sport and culture services and infrastructure.",
        ),
        goal(
            Text(
                "Užtikrinti kokybišką ir prieinamą švietimą", "Ensure good and accessible education"
            ),
            objective(
                Text(
                    "Modernizuoti švietimo įstaigų infrastruktūrą",
                    "Modernise the infrastructure of schools",
                ),
                measure(
                    Text("Mokyklų STEAM laboratorijų įrengimas", "STEAM laboratories in schools"),
                    Text(
                        "Gamtos mokslų, technologijų ir matematikos laboratorijos bendrojo "
                        "ugdymo mokyklose.",
                        "Science, technology and mathematics laboratories in general schools.",
                    ),
                    [2],
                    (2021, 2025),
                    EU_AND_MUNICIPAL,
                    "1200000",
                    indicator(
                        Text(
                            "Mokinių, pasiekusių bent pagrindinį matematikos pasiekimų lygį, dalis",
                            "Share of pupils reaching at least the basic level in mathematics",
                        ),
                        "%",
                        "up",
                        "58",
                        "63",
                        "70",
                    ),
                ),
            ),
        ),
        goal(
            Text("Skatinti aktyvų laisvalaikį ir kultūrą", "Encourage active leisure and culture"),
            objective(
                Text(
                    "Didinti kultūros ir sporto renginių pasiūlą",
                    "Offer more cultural and sports events",
                ),
                measure(
                    Text("Miesto renginių programa", "The city's events programme"),
                    Text(
                        "Kasmetė kultūros ir sporto renginių programa visoms amžiaus grupėms.",
                        "A yearly programme of cultural and sports events for all ages.",
                    ),
                    [2],
                    (2021, 2030),
                    MUNICIPAL_BUDGET,
                    "350000",
                    indicator(
                        Text(
                            "Kultūros renginių lankytojų skaičius per metus",
                            "Visitors to cultural events a year",
                        ),
                        Text("tūkst.", "thousand"),
                        "up",
                        "180",
                        "200",
                        "230",
                    ),
                ),
            ),
        ),
    ),
    priority(
        Text("Sveika ir saugi bendruomenė", "A healthy and safe community"),
        Text(
            "Sveikatos priežiūra, socialinė apsauga, viešasis saugumas, vaikų, šeimos, jaunimo "
            "ir bendruomenių gerovė.",
            "Health care, social protection, public safety and the wellbeing of children, "
            "families, young people and communities.",
        ),
        goal(
            Text(
                "Gerinti sveikatos priežiūros ir socialinių paslaugų prieinamumą",
                "Make health care and social services easier to reach",
            ),
            objective(
                Text(
                    "Plėsti bendruomenines socialines paslaugas",
                    "Extend community-based social services",
                ),
                measure(
                    Text(
                        "Dienos centrų ir bendruomeninių namų tinklo plėtra",
                        "More day centres and community homes",
                    ),
                    Text(
                        "Nauji dienos centrai senjorams ir neįgaliesiems bei bendruomeniniai "
                        "vaikų globos namai.",
                        "New day centres for older and disabled people and community homes "
                        "for children.",
                    ),
                    [3],
                    (2021, 2028),
                    EU_AND_MUNICIPAL,
                    "2300000",
                    indicator(
                        Text("Vidutinė tikėtina gyvenimo trukmė", "Life expectancy at birth"),
                        Text("metai", "years"),
                        "up",
                        "75.6",
                        "76.5",
                        "78",
                    ),
                    indicator(
                        Text(
                            "Užregistruotų nusikalstamų veikų skaičius 1 000 gyventojų",
                            "Recorded crimes per 1,000 residents",
                        ),
                        Text("veikos", "crimes"),
                        "down",
                        "22.4",
                        "20",
                        "17",
                    ),
                ),
            ),
        ),
    ),
    priority(
        Text(
            "Švari aplinka ir patogi infrastruktūra",
            "A clean environment and convenient infrastructure",
        ),
        Text(
            "Aplinkos apsauga, atliekų tvarkymas, urbanistika, susisiekimas, vandentvarka ir "
            "energetika.",
            "Environmental protection, waste, urban planning, transport, water and energy.",
        ),
        goal(
            Text("Mažinti poveikį aplinkai", "Reduce the impact on the environment"),
            objective(
                Text(
                    "Didinti atliekų perdirbimą ir energijos vartojimo efektyvumą",
                    "Recycle more waste and use energy more efficiently",
                ),
                measure(
                    Text("Daugiabučių namų atnaujinimas", "Renovation of apartment blocks"),
                    Text(
                        "Daugiabučių namų modernizavimas pagal savivaldybės energinio "
                        "efektyvumo didinimo programą.",
                        "Modernising apartment blocks under the municipal energy efficiency "
                        "programme.",
                    ),
                    [4],
                    (2021, 2030),
                    EU_AND_MUNICIPAL,
                    "12000000",
                    indicator(
                        Text(
                            "Perdirbtų ar kitaip panaudotų komunalinių atliekų dalis",
                            "Share of municipal waste recycled or otherwise recovered",
                        ),
                        "%",
                        "up",
                        "48",
                        "55",
                        "65",
                    ),
                    indicator(
                        Text("Atnaujintų daugiabučių namų skaičius", "Apartment blocks renovated"),
                        Text("namai", "buildings"),
                        "up",
                        "96",
                        "160",
                        "240",
                    ),
                ),
            ),
        ),
        goal(
            Text("Plėtoti darnų judumą", "Develop sustainable mobility"),
            objective(
                Text("Kurti patogų dviračių takų tinklą", "Build a convenient cycle path network"),
                measure(
                    Text("Dviračių takų tinklo plėtra", "Extending the cycle path network"),
                    Text(
                        "Trūkstamų dviračių takų jungčių tarp gyvenamųjų rajonų ir centro "
                        "įrengimas.",
                        "Missing cycle links between the residential districts and the centre.",
                    ),
                    [4],
                    (2022, 2029),
                    EU_AND_MUNICIPAL,
                    "3100000",
                    indicator(
                        Text("Dviračių takų ilgis", "Length of cycle paths"),
                        "km",
                        "up",
                        "38",
                        "50",
                        "65",
                    ),
                ),
            ),
        ),
    ),
    priority(
        Text("Atviras ir efektyvus viešasis sektorius", "An open and efficient public sector"),
        Text(
            "Viešasis valdymas, žmogiškieji ištekliai, informacinės technologijos, viešieji "
            "ryšiai ir gyventojų įtraukimas į sprendimų priėmimą.",
            "Public management, human resources, information technology, public relations and "
            "involving residents in decisions.",
        ),
        goal(
            Text("Įtraukti gyventojus į sprendimų priėmimą", "Involve residents in decisions"),
            objective(
                Text(
                    "Plėsti elektronines paslaugas ir dalyvaujamąjį biudžetą",
                    "Extend e-services and participatory budgeting",
                ),
                measure(
                    Text("Dalyvaujamojo biudžeto programa", "Participatory budgeting programme"),
                    Text(
                        "Gyventojai kasmet siūlo ir balsuoja už miesto projektus.",
                        "Every year residents propose and vote for city projects.",
                    ),
                    [5],
                    (2021, 2030),
                    MUNICIPAL_BUDGET,
                    "1500000",
                    indicator(
                        Text(
                            "Gyventojų, balsavusių dalyvaujamojo biudžeto projektuose, skaičius",
                            "Residents voting on participatory budget projects",
                        ),
                        Text("gyventojai", "residents"),
                        "up",
                        "0",
                        "3000",
                        "6000",
                    ),
                    indicator(
                        Text(
                            "Gyventojų pasitenkinimas savivaldybės paslaugomis",
                            "Residents' satisfaction with municipal services",
                        ),
                        "%",
                        "up",
                        "61",
                        "66",
                        "72",
                    ),
                ),
            ),
        ),
    ),
)

# Sample values recorded on the adopted demonstration version, by the indicator's Lithuanian
# name: two years (one of them missing for some indicators: progress uses the latest), five
# for the unemployment rate.
SAMPLE_VALUES = {
    "Tiesioginės užsienio investicijos vienam gyventojui": {2023: "2480", 2024: "2610"},
    # Five years: the method changed from 2023 (home/demo/monitoring.py), a break in the series.
    "Registruotas nedarbo lygis": {
        2020: "12.4",
        2021: "11.8",
        2022: "11.2",
        2023: "9.8",
        2024: "9.1",
    },
    "Turistų nakvynių skaičius per metus": {2023: "66500", 2024: "71200"},
    "Mokinių, pasiekusių bent pagrindinį matematikos pasiekimų lygį, dalis": {2023: "60"},
    "Kultūros renginių lankytojų skaičius per metus": {2023: "186", 2024: "195"},
    "Vidutinė tikėtina gyvenimo trukmė": {2023: "76.1", 2024: "76.4"},
    "Užregistruotų nusikalstamų veikų skaičius 1 000 gyventojų": {2023: "21.3", 2024: "20.6"},
    "Perdirbtų ar kitaip panaudotų komunalinių atliekų dalis": {2023: "52", 2024: "54"},
    "Atnaujintų daugiabučių namų skaičius": {2023: "131", 2024: "148"},
    "Dviračių takų ilgis": {2024: "44"},
    "Gyventojų, balsavusių dalyvaujamojo biudžeto projektuose, skaičius": {
        2023: "1850",
        2024: "2700",
    },
    "Gyventojų pasitenkinimas savivaldybės paslaugomis": {2023: "63", 2024: "64"},
}
