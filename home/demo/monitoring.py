"""Who answers for the demonstration plan's measures and indicators, where the data come from,
and one change of method (the registered unemployment rate, from 2023), so the plan's pages
show a break in a series.

Departments are examples with plausible names; contacts name a role, never a person, and use
an example domain (RFC 2606) and example phone numbers. Sources name the real publishers of
such figures; the figures themselves remain the demo's (home/demo/plan.py).
"""

import datetime

from .bilingual import Text

DEPARTMENTS = {
    "strategy": Text(
        "Strateginio planavimo ir investicijų skyrius", "Strategic Planning and Investment Division"
    ),
    "education": Text("Švietimo ir sporto skyrius", "Education and Sport Division"),
    "culture": Text("Kultūros skyrius", "Culture Division"),
    "social": Text("Socialinės paramos ir sveikatos skyrius", "Social Support and Health Division"),
    "environment": Text(
        "Miesto ūkio ir aplinkosaugos skyrius", "City Services and Environment Division"
    ),
    "general": Text("Bendrųjų reikalų skyrius", "General Affairs Division"),
}

# The department that carries out the measures of each priority, by the priority's number.
MEASURE_DEPARTMENTS = {1: "strategy", 2: "education", 3: "social", 4: "environment", 5: "general"}


def contact(department):
    """A department's contact for its data: a role, an example address and phone."""
    number = list(DEPARTMENTS).index(department) + 1
    return {
        "contact_name": "Skyriaus vyriausiasis specialistas",
        "contact_email": f"{department}@alytus.example",
        "contact_phone": f"+370 315 00 00{number}",
    }


OSP = {
    "source_name": "Oficialiosios statistikos portalas",
    "source_name_en": "Official Statistics Portal",
    "source_url": "https://osp.stat.gov.lt/",
}
MUNICIPALITY = {
    "source_name": "Alytaus miesto savivaldybės administracija",
    "source_name_en": "Alytus City Municipal Administration",
}

# Indicator passports by the indicator's Lithuanian name: department, source, periodicity,
# publication lag (months), and for some the definition, formula and methodology log.
PASSPORTS = {
    "Tiesioginės užsienio investicijos vienam gyventojui": {
        "department": "strategy",
        **OSP,
        "publication_lag_months": 9,
        "definition": Text(
            "Savivaldybėje sukauptos tiesioginės užsienio investicijos metų pabaigoje, tenkančios "
            "vienam gyventojui.",
            "Foreign direct investment accumulated in the municipality at the end of the year, "
            "per resident.",
        ),
        "formula": Text(
            "Sukauptos TUI metų pabaigoje ÷ gyventojų skaičius metų pradžioje",
            "Accumulated FDI at the end of the year ÷ residents at the start of the year",
        ),
    },
    "Registruotas nedarbo lygis": {
        "department": "strategy",
        "source_name": "Užimtumo tarnyba",
        "source_name_en": "Employment Service",
        "source_url": "https://uzt.lt/",
        "publication_lag_months": 1,
        "definition": Text(
            "Registruotų bedarbių dalis tarp savivaldybės darbingo amžiaus gyventojų.",
            "The registered unemployed as a share of the municipality's working-age residents.",
        ),
        "formula": Text(
            "Registruoti bedarbiai ÷ darbingo amžiaus gyventojai × 100",
            "Registered unemployed ÷ working-age residents × 100",
        ),
        "methodology": [
            (
                "1",
                2019,
                datetime.date(2019, 1, 15),
                Text(
                    "Darbingo amžiaus gyventojų skaičius imamas iš surašymo įverčių.",
                    "The number of working-age residents is taken from census estimates.",
                ),
            ),
            (
                "2",
                2023,
                datetime.date(2023, 3, 1),
                Text(
                    "Nuo 2023 m. darbingo amžiaus gyventojų skaičius imamas iš Gyventojų registro: "
                    "jame daugiau gyventojų, todėl lygis mažesnis vien dėl skaičiavimo.",
                    "From 2023 the number of working-age residents comes from the Population "
                    "Register, which counts more residents: the rate is lower from the count "
                    "alone.",
                ),
            ),
        ],
    },
    "Turistų nakvynių skaičius per metus": {
        "department": "strategy",
        **OSP,
        "publication_lag_months": 3,
    },
    "Mokinių, pasiekusių bent pagrindinį matematikos pasiekimų lygį, dalis": {
        "department": "education",
        "source_name": "Nacionalinė švietimo agentūra",
        "source_name_en": "National Agency for Education",
        "source_url": "https://www.nsa.smm.lt/",
        "publication_lag_months": 6,
    },
    "Kultūros renginių lankytojų skaičius per metus": {
        "department": "culture",
        **MUNICIPALITY,
        "publication_lag_months": 3,
    },
    "Vidutinė tikėtina gyvenimo trukmė": {
        "department": "social",
        **OSP,
        "publication_lag_months": 8,
    },
    "Užregistruotų nusikalstamų veikų skaičius 1 000 gyventojų": {
        "department": "general",
        "source_name": "Informatikos ir ryšių departamentas",
        "source_name_en": "Information Technology and Communications Department",
        "source_url": "https://www.ird.lt/",
        "periodicity": "quarterly",
        "publication_lag_months": 2,
    },
    "Perdirbtų ar kitaip panaudotų komunalinių atliekų dalis": {
        "department": "environment",
        "source_name": "Alytaus regiono atliekų tvarkymo centras",
        "source_name_en": "Alytus Regional Waste Management Centre",
        "publication_lag_months": 4,
    },
    "Atnaujintų daugiabučių namų skaičius": {
        "department": "environment",
        **MUNICIPALITY,
        "publication_lag_months": 1,
    },
    "Dviračių takų ilgis": {
        "department": "environment",
        **MUNICIPALITY,
        "publication_lag_months": 1,
    },
    "Gyventojų, balsavusių dalyvaujamojo biudžeto projektuose, skaičius": {
        "department": "general",
        **MUNICIPALITY,
        "publication_lag_months": 1,
    },
    "Gyventojų pasitenkinimas savivaldybės paslaugomis": {
        "department": "general",
        "source_name": "Savivaldybės gyventojų apklausa",
        "source_name_en": "The municipality's residents' survey",
        "publication_lag_months": 2,
    },
}
