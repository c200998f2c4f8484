"""The invented council's directorates, service areas and teams."""

from __future__ import annotations

from dataclasses import dataclass

from complaintsdesk.cases.models import Directorate, ServiceArea, Team
from complaintsdesk.demo.targets import ADULTS, CNSC, CSC, PLACE

# service area -> (directorate, procedure, teams)
STRUCTURE: dict[str, tuple[str, str, tuple[str, ...]]] = {
    CSC: (
        "Children's Services",
        "children_statutory",
        (
            "CWAD",
            "North",
            "Chesil",
            "East",
            "Dorchester and West",
            "Purbeck",
            "Fostering",
            "ChAD",
            "Children in Care",
            "Care Leavers",
        ),
    ),
    CNSC: (
        "Children's Services",
        "corporate",
        (
            "SEN",
            "School Admissions",
            "Home to School Transport",
            "Early Years",
            "Education Inclusion",
        ),
    ),
    ADULTS: (
        "Adults",
        "adults_statutory",
        (
            "Adult Social Care North",
            "Adult Social Care South",
            "Reablement",
            "Financial Assessment",
        ),
    ),
    PLACE: (
        "Place",
        "corporate",
        ("Waste Services", "Highways", "Planning", "Parking"),
    ),
}


# What the public forms call each service area: words a resident would use.
PUBLIC_NAMES: dict[str, str] = {
    CSC: "Children's social care: social workers, fostering and children in care",
    CNSC: "Schools, special educational needs, school transport and early years",
    ADULTS: "Care and support for adults",
    PLACE: "Roads, bins, parking and planning",
}


@dataclass
class Organisation:
    areas: dict[str, ServiceArea]
    teams: dict[tuple[str, str], Team]  # (service area, team name) -> team

    def procedure(self, area: str) -> str:
        return STRUCTURE[area][1]

    def team_names(self, area: str) -> tuple[str, ...]:
        return STRUCTURE[area][2]


def organisation_create() -> Organisation:
    areas: dict[str, ServiceArea] = {}
    teams: dict[tuple[str, str], Team] = {}
    directorates: dict[str, Directorate] = {}
    for area_name, (directorate_name, _procedure, team_names) in STRUCTURE.items():
        if directorate_name not in directorates:
            directorates[directorate_name] = Directorate.objects.create(name=directorate_name)
        area = ServiceArea.objects.create(
            name=area_name,
            directorate=directorates[directorate_name],
            public_name=PUBLIC_NAMES[area_name],
        )
        areas[area_name] = area
        for name in team_names:
            teams[(area_name, name)] = Team.objects.create(name=name, service_area=area)
    return Organisation(areas=areas, teams=teams)
