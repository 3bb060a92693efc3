"""The English catalogue (src/smartvet/locale/en/LC_MESSAGES/django.po) is complete and in use."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

import smartvet

PO_FILE = Path(smartvet.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
CJK = re.compile(r"[\u3400-\u9fff]")
LOGIN_BUTTON = "Log in"


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return text[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _entries() -> list[dict]:
    """Parse the catalogue into entries: {"flags": set, "msgid": str, "msgstr": [str, ...]}."""
    entries: list[dict] = []
    for block in re.split(r"\n\s*\n", PO_FILE.read_text(encoding="utf-8")):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines or all(line.startswith("#~") for line in lines):
            continue
        entry: dict = {"flags": set(), "fields": {}}
        current = None
        for line in lines:
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry["fields"][current] += _unquote(line)
            else:
                keyword, _, rest = line.partition(" ")
                current = keyword
                entry["fields"][keyword] = _unquote(rest)
        if "msgid" in entry["fields"]:
            entry["msgid"] = entry["fields"]["msgid"]
            entry["msgstr"] = [v for k, v in entry["fields"].items() if k.startswith("msgstr")]
            entries.append(entry)
    return entries


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = _entries()
    assert entries[0]["msgid"] == "", "the catalogue starts with its header"
    body = entries[1:]
    assert len(body) > 100
    untranslated = [e["msgid"] for e in body if not e["msgstr"] or not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_gettext_returns_english():
    with translation.override("en"):
        assert translation.gettext("登录") == LOGIN_BUTTON
        brand = translation.gettext("智慧兽医")
        assert brand and not CJK.search(brand)


def test_login_page_in_english(client, db):
    # The platform is Chinese first: the browser's Accept-Language alone does not switch it,
    # the language cookie set by the language switch does.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("core:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<button[^>]*>\s*" + re.escape(LOGIN_BUTTON) + r"\s*</button>", html)
    assert 'lang="en"' in html
    assert "登录" not in html
