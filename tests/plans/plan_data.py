"""Plan trees of any size, written as raw StreamField data the way an import would be."""


def indicator(name, direction="up", baseline="10", target_2025="15", target_2030="20"):
    return {
        "name": name,
        "unit": "%",
        "direction": direction,
        "baseline_value": baseline,
        "baseline_year": 2019,
        "target_2025": target_2025,
        "target_2030": target_2030,
    }


def measure(title, group_ids=(), indicators=()):
    return {
        "title": title,
        "description": f"{title}: aprašymas",
        "responsible_groups": list(group_ids),
        "period_start": 2021,
        "period_end": 2027,
        "funding_source": "Savivaldybės biudžetas",
        "estimated_cost": "250000.00",
        "indicators": list(indicators),
    }


def plan_tree(priorities=1, goals=1, objectives=1, measures=1, indicators=1, group_ids=()):
    """A full tree, each level with the given number of children, titled by position."""
    return [
        {
            "type": "priority",
            "value": {
                "title": f"Prioritetas {p}",
                "description": "",
                "goals": [
                    {
                        "title": f"Tikslas {p}.{g}",
                        "description": "",
                        "objectives": [
                            {
                                "title": f"Uždavinys {p}.{g}.{o}",
                                "measures": [
                                    measure(
                                        f"Priemonė {p}.{g}.{o}.{m}",
                                        group_ids,
                                        [
                                            indicator(f"Rodiklis {p}.{g}.{o}.{m}.{i}")
                                            for i in range(1, indicators + 1)
                                        ],
                                    )
                                    for m in range(1, measures + 1)
                                ],
                            }
                            for o in range(1, objectives + 1)
                        ],
                    }
                    for g in range(1, goals + 1)
                ],
            },
        }
        for p in range(1, priorities + 1)
    ]
