"""The LICENSE file holds the licence pyproject.toml declares: the GNU AGPL v3 or later."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_licence_file_is_the_declared_licence_in_full():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    text = (ROOT / "LICENSE").read_text()
    assert declared == "AGPL-3.0-or-later"
    assert text.startswith("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007")
    # Every section, 0 to 17, including the network clause that makes it the Affero licence.
    for number in range(18):
        assert f"\n{number}. " in text, number
    assert "13. Remote Network Interaction" in text and "END OF TERMS AND CONDITIONS" in text
